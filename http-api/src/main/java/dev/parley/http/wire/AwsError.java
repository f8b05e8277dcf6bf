package dev.parley.http.wire;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.actors.common.Rejection;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;

/** An error as the AWS SDKs read it: the error type (x-amzn-ErrorType), the HTTP status and a message. */
public final class AwsError extends RuntimeException {

    /** The header AWS services answer every request with, and that Parley's logs carry. */
    public static final String REQUEST_ID_HEADER = "x-amzn-RequestId";

    private static final ObjectMapper MAPPER = new ObjectMapper();

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

    /** The service could not do its part in time (database down, an entity not answering); safe to retry later. */
    public static AwsError serviceUnavailable(String message) {
        return new AwsError("ServiceUnavailableException", 503, message);
    }

    public static AwsError bodyTooLarge(String message) {
        return new AwsError("RequestEntityTooLargeException", 413, message);
    }

    public static AwsError requestTimeout(String message) {
        return new AwsError("RequestTimeoutException", 408, message);
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

    /** The response the SDKs parse: status, {@code x-amzn-ErrorType}, the request id and a JSON {@code message}. */
    public HttpResponse response(String requestId) {
        ObjectNode body = MAPPER.createObjectNode().put("message", getMessage() == null ? "" : getMessage());
        return HttpResponse.create()
                .withStatus(StatusCodes.get(status))
                .addHeader(RawHeader.create("x-amzn-ErrorType", errorType))
                .addHeader(RawHeader.create(REQUEST_ID_HEADER, requestId))
                .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body.toString()));
    }
}
