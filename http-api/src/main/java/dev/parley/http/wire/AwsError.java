package dev.parley.http.wire;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.actors.common.Rejection;
import dev.parley.http.wire.model.InputValidator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;

/**
 * An error as the AWS SDKs read it: the error type (x-amzn-ErrorType), the HTTP status, a message, and the other
 * members the service model gives that error shape (a ValidationException's reason and fieldList, a
 * ResourceNotFoundException's resourceId and resourceType, ...).
 */
public final class AwsError extends RuntimeException {

    /** The header AWS services answer every request with, and that Parley's logs carry. */
    public static final String REQUEST_ID_HEADER = "x-amzn-RequestId";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String errorType;
    private final int status;
    private final Map<String, Object> members;

    public AwsError(String errorType, int status, String message) {
        this(errorType, status, message, Map.of());
    }

    private AwsError(String errorType, int status, String message, Map<String, Object> members) {
        super(message, null, false, false);
        this.errorType = errorType;
        this.status = status;
        this.members = members;
    }

    /** This error with one more member of its shape; {@code value} is a string, a number or a list of maps. */
    public AwsError with(String member, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(members);
        more.put(member, value);
        return new AwsError(errorType, status, getMessage(), Map.copyOf(more));
    }

    public static AwsError validation(String message) {
        return new AwsError("ValidationException", 400, message);
    }

    /** A member of the request that breaks the model's constraints: named in the fieldList, as AWS does. */
    public static AwsError fieldValidation(String field, String message) {
        return fieldValidation(List.of(new InputValidator.Violation(field, message)));
    }

    /** Every member of the request that breaks the model's constraints, in AWS's message and fieldList. */
    public static AwsError fieldValidation(List<InputValidator.Violation> violations) {
        String message = violations.size() + (violations.size() == 1 ? " validation error" : " validation errors")
                + " detected: "
                + String.join(
                        "; ",
                        violations.stream()
                                .map(InputValidator.Violation::message)
                                .toList());
        return validation(message)
                .with("reason", "FIELD_VALIDATION_FAILED")
                .with(
                        "fieldList",
                        violations.stream()
                                .map(violation -> Map.of("name", violation.path(), "message", violation.message()))
                                .toList());
    }

    /** Athena's refusal of a client's mistake: its model has InvalidRequestException where others have ValidationException. */
    public static AwsError invalidRequest(String message, String athenaErrorCode) {
        return new AwsError("InvalidRequestException", 400, message)
                .with("Message", message)
                .with("AthenaErrorCode", athenaErrorCode);
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

    /** The wire form of an entity's refusal, without the resource it concerns. */
    public static AwsError of(Rejection rejection) {
        if (rejection instanceof Rejection.Invalid) {
            return validation(rejection.getMessage()).with("reason", "INVALID_CONFIGURATION");
        }
        if (rejection instanceof Rejection.AccessDenied) {
            return new AwsError("AccessDeniedException", 403, rejection.getMessage())
                    .with("reason", "INSUFFICIENT_PERMISSIONS");
        }
        if (rejection instanceof Rejection.NotFound) {
            return notFound(rejection.getMessage());
        }
        return new AwsError("ConflictException", 409, rejection.getMessage());
    }

    /** The wire form of an entity's refusal about the resource {@code resourceId} of {@code resourceType}. */
    public static AwsError of(Rejection rejection, String resourceType, String resourceId) {
        AwsError error = of(rejection);
        return rejection instanceof Rejection.NotFound || rejection instanceof Rejection.Conflict
                ? error.with("resourceId", resourceId).with("resourceType", resourceType)
                : error;
    }

    public String errorType() {
        return errorType;
    }

    public int status() {
        return status;
    }

    /**
     * The response the SDKs parse: status, {@code x-amzn-ErrorType}, the request id, and a JSON body with the
     * {@code message}, the error shape's members, and the type again as {@code __type}, where awsJson clients such
     * as botocore look for it first.
     */
    public HttpResponse response(String requestId) {
        ObjectNode body = MAPPER.createObjectNode()
                .put("__type", errorType)
                .put("message", getMessage() == null ? "" : getMessage());
        members.forEach((name, value) -> body.set(name, MAPPER.valueToTree(value)));
        return HttpResponse.create()
                .withStatus(StatusCodes.get(status))
                .addHeader(RawHeader.create("x-amzn-ErrorType", errorType))
                .addHeader(RawHeader.create(REQUEST_ID_HEADER, requestId))
                .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body.toString()));
    }
}
