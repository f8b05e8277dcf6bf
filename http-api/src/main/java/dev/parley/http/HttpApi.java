package dev.parley.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.actors.common.Rejection;
import dev.parley.http.auth.AuthenticationFailure;
import dev.parley.http.auth.Caller;
import dev.parley.http.auth.SigV4Verifier;
import dev.parley.http.auth.SignedRequest;
import dev.parley.http.cleanrooms.CleanRoomsRoutes;
import dev.parley.http.wire.AwsError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.model.headers.RawRequestURI;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.MethodRejection;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.pattern.StatusReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single HTTP entry point: every request is read whole, authenticated by SigV4, and handed to
 * the service's routes as the verified caller; every failure leaves as an AWS-shaped error.
 */
public final class HttpApi extends AllDirectives {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration BODY_TIMEOUT = Duration.ofSeconds(10);

    private final SigV4Verifier verifier;
    private final CleanRoomsRoutes cleanRooms;

    public HttpApi(SigV4Verifier verifier, CleanRoomsRoutes cleanRooms) {
        this.verifier = verifier;
        this.cleanRooms = cleanRooms;
    }

    public Route route() {
        return handleExceptions(exceptions(), () -> handleRejections(rejections(), () ->
                toStrictEntity(BODY_TIMEOUT, () -> extractRequest(request -> {
                    byte[] body = ((HttpEntity.Strict) request.entity()).getData().toArray();
                    Caller caller = verifier.verify(signedRequest(request, body));
                    return cleanRooms.route(caller, body);
                }))));
    }

    /** The request as the client signed it: raw path and query as sent, headers with entity headers restored. */
    private static SignedRequest signedRequest(HttpRequest request, byte[] body) {
        String raw = request.getHeader(RawRequestURI.class).map(RawRequestURI::uri)
                .orElseGet(() -> request.getUri().toRelative().toString());
        int question = raw.indexOf('?');
        String rawPath = question < 0 ? raw : raw.substring(0, question);
        String rawQuery = question < 0 ? null : raw.substring(question + 1);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (HttpHeader header : request.getHeaders()) {
            if (!(header instanceof RawRequestURI)) {
                headers.computeIfAbsent(header.name(), name -> new ArrayList<>()).add(header.value());
            }
        }
        // pekko-http models these two as part of the entity, not as headers; the client signed them as headers.
        // Only signed headers are compared, so restoring one the client did not send is harmless.
        if (!request.entity().getContentType().equals(ContentTypes.NO_CONTENT_TYPE)) {
            headers.put("Content-Type", List.of(request.entity().getContentType().toString()));
        }
        headers.put("Content-Length", List.of(Integer.toString(body.length)));
        return new SignedRequest(request.method().name(), rawPath, rawQuery, headers, body);
    }

    private ExceptionHandler exceptions() {
        return ExceptionHandler.newBuilder()
                .matchAny(thrown -> complete(error(awsError(thrown))))
                .build();
    }

    private static AwsError awsError(Throwable thrown) {
        Throwable cause = thrown;
        while ((cause instanceof CompletionException || cause instanceof java.util.concurrent.ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof AwsError error) {
            return error;
        }
        if (cause instanceof Rejection rejection) {
            return AwsError.of(rejection);
        }
        if (cause instanceof AuthenticationFailure failure) {
            return new AwsError(failure.errorType(), failure.httpStatus(), failure.message());
        }
        if (cause instanceof StatusReply.ErrorMessage message) {
            return AwsError.internal(message.getMessage());
        }
        if (cause instanceof java.util.concurrent.TimeoutException
                || cause instanceof org.apache.pekko.pattern.AskTimeoutException) {
            LOG.warn("request timed out", cause);
            return new AwsError("ThrottlingException", 429, "The service is busy; retry the request");
        }
        LOG.error("unexpected failure", cause);
        return AwsError.internal("An internal error occurred");
    }

    private RejectionHandler rejections() {
        return RejectionHandler.newBuilder()
                .handleAll(MethodRejection.class, rejected -> complete(error(AwsError.validation(
                        "HTTP method not supported by this resource; allowed: "
                                + rejected.stream().map(r -> r.supported().name()).distinct().toList()))))
                .handleNotFound(extractRequest(request -> complete(error(new AwsError("UnknownOperationException",
                        404, "No operation at " + request.method().name() + " " + request.getUri().path())))))
                .build()
                .withFallback(RejectionHandler.defaultHandler())
                .mapRejectionResponse(response -> response.status().intValue() < 400 ? response
                        : error(new AwsError(response.status().intValue() >= 500 ? "InternalServerException"
                                : "ValidationException", response.status().intValue(),
                                response.status().reason())));
    }

    static HttpResponse error(AwsError error) {
        byte[] body;
        try {
            body = MAPPER.writeValueAsBytes(Map.of("message", error.getMessage() == null ? "" : error.getMessage()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            body = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        return HttpResponse.create()
                .withStatus(StatusCodes.get(error.status()))
                .addHeader(RawHeader.create("x-amzn-ErrorType", error.errorType()))
                .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body));
    }
}
