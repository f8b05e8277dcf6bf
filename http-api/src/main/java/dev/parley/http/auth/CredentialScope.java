package dev.parley.http.auth;

import static dev.parley.http.auth.AuthenticationFailure.incompleteSignature;

/** The {@code Credential} of a SigV4 signature: {@code <accessKeyId>/<yyyyMMdd>/<region>/<service>/aws4_request}. */
record CredentialScope(String accessKeyId, String date, String region, String service) {

    private static final String TERMINATOR = "aws4_request";

    /** @throws AuthenticationFailure IncompleteSignatureException when the credential is not a well-formed scope */
    static CredentialScope parse(String credential) {
        String[] elements = credential.split("/", -1);
        if (elements.length != 5) {
            throw incompleteSignature("Credential must have exactly 5 slash-delimited elements, "
                    + "e.g. keyid/date/region/service/term, got '" + credential + "'");
        }
        if (!TERMINATOR.equals(elements[4])) {
            throw incompleteSignature("Credential should be scoped with a valid terminator: '" + TERMINATOR + "', not '"
                    + elements[4] + "'.");
        }
        if (elements[2].isEmpty()) {
            throw incompleteSignature("Credential should be scoped to a valid region, not ''.");
        }
        if (elements[3].isEmpty()) {
            throw incompleteSignature("Credential should be scoped to correct service: ''.");
        }
        return new CredentialScope(elements[0], elements[1], elements[2], elements[3]);
    }
}
