package dev.parley.http.auth;

/**
 * A request that failed SigV4 authentication, carrying the AWS error code ({@code x-amzn-ErrorType}), message and
 * HTTP status the client should see.
 */
public final class AuthenticationFailure extends RuntimeException {

    private final String errorType;
    private final int httpStatus;

    private AuthenticationFailure(String errorType, int httpStatus, String message) {
        super(message);
        this.errorType = errorType;
        this.httpStatus = httpStatus;
    }

    static AuthenticationFailure missingAuthenticationToken() {
        return new AuthenticationFailure("MissingAuthenticationTokenException", 403, "Missing Authentication Token");
    }

    /** AWS answers a malformed signature with 400, unlike the other authentication failures. */
    static AuthenticationFailure incompleteSignature(String message) {
        return new AuthenticationFailure("IncompleteSignatureException", 400, message);
    }

    static AuthenticationFailure unrecognizedClient() {
        return new AuthenticationFailure(
                "UnrecognizedClientException", 403, "The security token included in the request is invalid.");
    }

    static AuthenticationFailure invalidSignature(String message) {
        return new AuthenticationFailure("InvalidSignatureException", 403, message);
    }

    static AuthenticationFailure signatureDoesNotMatch() {
        return invalidSignature("The request signature we calculated does not match the signature you provided. "
                + "Check your AWS Secret Access Key and signing method. "
                + "Consult the service documentation for details.");
    }

    public String errorType() {
        return errorType;
    }

    public String message() {
        return getMessage();
    }

    public int httpStatus() {
        return httpStatus;
    }
}
