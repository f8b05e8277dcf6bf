package dev.parley.http.wire;

import dev.parley.actors.common.Rejection;

/** An error as the AWS SDKs read it: the error type (x-amzn-ErrorType), the HTTP status and a message. */
public final class AwsError extends RuntimeException {

    private final String errorType;
    private final int status;

    public AwsError(String errorType, int status, String message) {
        super(message, null, false, false);
        this.errorType = errorType;
        this.status = status;
    }

    public static AwsError validation(String message) {
        return new AwsError("ValidationException", 400, message);
    }

    public static AwsError notFound(String message) {
        return new AwsError("ResourceNotFoundException", 404, message);
    }

    public static AwsError internal(String message) {
        return new AwsError("InternalServerException", 500, message);
    }

    /** The wire form of an entity's refusal. */
    public static AwsError of(Rejection rejection) {
        if (rejection instanceof Rejection.Invalid) {
            return validation(rejection.getMessage());
        }
        if (rejection instanceof Rejection.AccessDenied) {
            return new AwsError("AccessDeniedException", 403, rejection.getMessage());
        }
        if (rejection instanceof Rejection.NotFound) {
            return notFound(rejection.getMessage());
        }
        return new AwsError("ConflictException", 409, rejection.getMessage());
    }

    public String errorType() {
        return errorType;
    }

    public int status() {
        return status;
    }
}
