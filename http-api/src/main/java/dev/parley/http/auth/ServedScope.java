package dev.parley.http.auth;

import static dev.parley.http.auth.AuthenticationFailure.invalidSignature;

import java.util.Set;

/**
 * The region and services this server answers for. A signature scoped to anything else is refused before any of its
 * scope reaches the SDK's signer, whose region lookup caches every name it is given: checking first keeps what an
 * unauthenticated caller can make the server remember down to what the operator configured.
 */
public record ServedScope(String region, Set<String> services) {

    public ServedScope {
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("the served region must not be blank");
        }
        services = Set.copyOf(services);
    }

    /** @throws AuthenticationFailure InvalidSignatureException (403) for another region or service, as AWS answers */
    void check(CredentialScope credential) {
        if (!region.equals(credential.region())) {
            throw invalidSignature("Credential should be scoped to a valid region. This server serves '" + region
                    + "', not '" + credential.region() + "'.");
        }
        if (!services.contains(credential.service())) {
            throw invalidSignature("Credential should be scoped to correct service: "
                    + services.stream().sorted().map(s -> "'" + s + "'").toList() + ", not '"
                    + credential.service() + "'.");
        }
    }
}
