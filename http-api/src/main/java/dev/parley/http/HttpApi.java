package dev.parley.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.actors.common.Rejection;
import dev.parley.http.auth.AuthenticationFailure;
import dev.parley.http.auth.Caller;
import dev.parley.http.auth.SigV4Verifier;
import dev.parley.http.auth.SignedRequest;
import dev.parley.http.operations.RequestMetrics;
import dev.parley.http.transport.SignedContentTypeTap;
import dev.parley.http.wire.AwsError;
import dev.parley.http.wire.JsonBody;
import dev.parley.http.wire.ServedOperations;
import dev.parley.http.wire.ServedService;
import dev.parley.http.wire.model.InputValidator;
import dev.parley.http.wire.model.RestJsonInput;
import dev.parley.http.wire.model.ServiceModel;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.model.headers.RawRequestURI;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.apache.pekko.pattern.AskTimeoutException;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.stream.Materializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single HTTP entry point: every request gets a request id, is read whole, authenticated by SigV4, and handed to
 * the service's routes as the verified caller; every failure leaves as an AWS-shaped error and one log line.
 */
public final class HttpApi extends AllDirectives {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    /** How long a client may take to send the body it announced. */
    private static final Duration BODY_TIMEOUT = Duration.ofSeconds(10);
    /**
     * The largest body read: a 10 MB notebook (Athena's limit) with its JSON escaping fits.
     * pekko.http.server.parsing.max-content-length says the same to the parser.
     */
    private static final long MAX_BODY_BYTES = 16L << 20;
    /** Where awsJson requests name their operation. */
    private static final String TARGET_HEADER = "X-Amz-Target";

    private final SigV4Verifier verifier;
    private final Route presigned;
    private final RequestMetrics metrics;
    /** The served services by signing name, the service a signature's credential scope names. */
    private final Map<String, Service> services = new TreeMap<>();

    private record Service(ServiceModel model, ServedOperations served, InputValidator validator) {}

    /**
     * {@code presigned}: the routes a token in the URL authenticates instead of SigV4 (presigned notebook URLs); a
     * request they do not take goes on to signature verification.
     */
    public HttpApi(SigV4Verifier verifier, List<ServedService> services, Route presigned, RequestMetrics metrics) {
        this.verifier = verifier;
        this.presigned = presigned;
        this.metrics = metrics;
        for (ServedService service : services) {
            this.services.put(
                    service.model().signingName(),
                    new Service(service.model(), service.operations(), new InputValidator(service.model())));
        }
    }

    /**
     * The operation the request addresses in the model of the service it was signed for, and its whole input once that
     * satisfies the operation's input shape: otherwise a ValidationException listing every violation, 501 for an
     * operation Parley does not serve, and UnknownOperationException or a method error for a request no operation
     * matches.
     */
    private Route operation(HttpRequest request, Caller caller, byte[] body, Exchange exchange) {
        Service service = services.get(caller.service());
        exchange.service = caller.service();
        ServiceModel model = service.model();
        JsonNode input;
        ServiceModel.Operation operation;
        if (model.targetPrefix() != null) {
            operation = targetedOperation(model, request);
            input = JsonBody.parse(body);
        } else {
            String method = request.method().name();
            String rawPath = rawPath(request);
            operation = model.operationAt(method, rawPath).orElseThrow(() -> noOperation(model, method, rawPath));
            input = RestJsonInput.assemble(
                    model,
                    operation,
                    rawPath,
                    name -> request.getUri().query().getAll(name),
                    name -> request.getHeader(name).map(HttpHeader::value),
                    JsonBody.parse(body));
        }
        exchange.operation = operation.name();
        if (!service.served().serves(operation.name())) {
            throw new AwsError(
                    "NotImplemented",
                    501,
                    "Parley does not serve " + model.serviceId() + " " + operation.name()
                            + " yet; docs/api-coverage.md lists the operations it serves");
        }
        if (operation.input() != null) {
            List<InputValidator.Violation> violations = service.validator().validate(operation.input(), input);
            if (!violations.isEmpty()) {
                throw model.hasShape("ValidationException")
                        ? AwsError.fieldValidation(violations)
                        : AwsError.invalidRequest(
                                AwsError.fieldValidation(violations).getMessage(), "INVALID_INPUT");
            }
        }
        return service.served().handle(operation.name(), caller.accountId(), input);
    }

    /** An awsJson request: {@code POST /}, the operation named by {@code X-Amz-Target: prefix.Operation}. */
    private static ServiceModel.Operation targetedOperation(ServiceModel model, HttpRequest request) {
        String rawPath = rawPath(request);
        if (!rawPath.equals("/")) {
            throw new AwsError("UnknownOperationException", 404, "No operation at " + rawPath);
        }
        if (!request.method().name().equals("POST")) {
            throw AwsError.validation(
                    "HTTP method " + request.method().name() + " is not supported by this resource; allowed: [POST]");
        }
        String target = request.getHeader(TARGET_HEADER).map(HttpHeader::value).orElse("");
        String prefix = model.targetPrefix() + ".";
        return Optional.of(target)
                .filter(named -> named.startsWith(prefix))
                .flatMap(named -> model.operation(named.substring(prefix.length())))
                .orElseThrow(() -> new AwsError(
                        "UnknownOperationException",
                        400,
                        target.isEmpty()
                                ? "The request names no operation: " + TARGET_HEADER + " is missing"
                                : "No operation " + target + " in " + model.serviceId()));
    }

    private static AwsError noOperation(ServiceModel model, String method, String rawPath) {
        List<String> allowed = model.methodsAt(rawPath);
        return allowed.isEmpty()
                ? new AwsError("UnknownOperationException", 404, "No operation at " + method + " " + rawPath)
                : AwsError.validation(
                        "HTTP method " + method + " is not supported by this resource; allowed: " + allowed);
    }

    public Route route() {
        return extractRequest(request -> {
            Exchange exchange = new Exchange(
                    UUID.randomUUID().toString(),
                    request.method().name(),
                    request.getUri().path());
            return mapResponse(
                    response -> {
                        metrics.answered(
                                exchange.service,
                                exchange.operation,
                                response.status().intValue(),
                                Duration.ofNanos(System.nanoTime() - exchange.startNanos));
                        return response;
                    },
                    () -> respondWithDefaultHeader(
                            RawHeader.create(AwsError.REQUEST_ID_HEADER, exchange.requestId()),
                            () -> withRequestTimeoutResponse(
                                    timedOut -> failed(exchange, noAnswerInTime(), null),
                                    () -> handleExceptions(
                                            exceptions(exchange),
                                            () -> concat(presigned, body(request, body -> {
                                                Caller caller = verifier.verify(signedRequest(request, body));
                                                exchange.account = caller.accountId();
                                                return operation(request, caller, body, exchange);
                                            }))))));
        });
    }

    /** The whole body, or a 4xx naming what was wrong with it: too large, never completed, or badly framed. */
    private Route body(HttpRequest request, Function<byte[], Route> inner) {
        return extractMaterializer(materializer -> onSuccess(strictBody(request, materializer), inner));
    }

    private static CompletionStage<byte[]> strictBody(HttpRequest request, Materializer materializer) {
        if (request.entity().getContentLengthOption().orElse(0) > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        return request.entity()
                .toStrict(BODY_TIMEOUT.toMillis(), MAX_BODY_BYTES, materializer)
                .handle((strict, failure) -> {
                    if (failure == null) {
                        return strict.getData().toArray();
                    }
                    Throwable cause = unwrap(failure);
                    if (cause instanceof EntityStreamSizeException) {
                        throw tooLarge();
                    }
                    if (cause instanceof TimeoutException) {
                        throw AwsError.requestTimeout("The request body did not arrive within "
                                + BODY_TIMEOUT.toSeconds() + " s: it is shorter than its Content-Length");
                    }
                    throw AwsError.validation("The request body could not be read: " + cause.getMessage());
                });
    }

    private static AwsError tooLarge() {
        return AwsError.bodyTooLarge("The request body exceeds the limit of " + MAX_BODY_BYTES + " bytes");
    }

    /** The request target as sent, still percent-encoded. */
    private static String rawTarget(HttpRequest request) {
        return request.getHeader(RawRequestURI.class)
                .map(RawRequestURI::uri)
                .orElseGet(() -> request.getUri().toRelative().toString());
    }

    private static String rawPath(HttpRequest request) {
        String raw = rawTarget(request);
        int question = raw.indexOf('?');
        return question < 0 ? raw : raw.substring(0, question);
    }

    /** The request as the client signed it: raw path and query as sent, headers with entity headers restored. */
    private static SignedRequest signedRequest(HttpRequest request, byte[] body) {
        String raw = rawTarget(request);
        int question = raw.indexOf('?');
        String rawPath = question < 0 ? raw : raw.substring(0, question);
        String rawQuery = question < 0 ? null : raw.substring(question + 1);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (HttpHeader header : request.getHeaders()) {
            if (!(header instanceof RawRequestURI)) {
                // The listener hands the Content-Type over as sent, under its own name (SignedContentTypeTap).
                String name = header.is(SignedContentTypeTap.HEADER.toLowerCase(java.util.Locale.ROOT))
                        ? "Content-Type"
                        : header.name();
                headers.computeIfAbsent(name, key -> new ArrayList<>()).add(header.value());
            }
        }
        // pekko-http models Content-Length as part of the entity; the client signed it as a header. Only signed
        // headers are compared, so restoring one the client did not send is harmless.
        headers.put("Content-Length", List.of(Integer.toString(body.length)));
        return new SignedRequest(request.method().name(), rawPath, rawQuery, headers, body);
    }

    private ExceptionHandler exceptions(Exchange exchange) {
        return ExceptionHandler.newBuilder()
                .matchAny(thrown -> {
                    AwsError known = awsError(unwrap(thrown));
                    return complete(
                            known != null
                                    ? failed(exchange, known, null)
                                    : failed(exchange, AwsError.internal("An internal error occurred"), thrown));
                })
                .build();
    }

    /** The AWS error for a failure Parley expects; null for a bug. */
    private static AwsError awsError(Throwable cause) {
        if (cause instanceof AwsError error) {
            return error;
        }
        if (cause instanceof Rejection rejection) {
            return AwsError.of(rejection);
        }
        if (cause instanceof AuthenticationFailure failure) {
            return new AwsError(failure.errorType(), failure.httpStatus(), failure.message());
        }
        if (cause instanceof TimeoutException || cause instanceof AskTimeoutException) {
            // Nothing throttled the request: an entity did not answer, most often because its journal is unreachable.
            return noAnswerInTime();
        }
        for (Throwable inner = cause; inner != null; inner = inner.getCause()) {
            if (inner instanceof SQLException database) {
                return AwsError.serviceUnavailable(
                        "The database is unavailable (" + database.getSQLState() + "); retry the request later");
            }
        }
        if (cause instanceof StatusReply.ErrorMessage message) {
            return AwsError.internal(message.getMessage());
        }
        return null;
    }

    private static AwsError noAnswerInTime() {
        return AwsError.serviceUnavailable(
                "The service did not answer in time; the request may or may not have taken effect");
    }

    private static Throwable unwrap(Throwable thrown) {
        Throwable cause = thrown;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * The error response, and its log line: one line with method, path, account and request id; a stack trace only
     * for a failure Parley did not expect ({@code bug} not null).
     */
    private static HttpResponse failed(Exchange exchange, AwsError error, Throwable bug) {
        String line = "{} {} account={} requestId={} -> {} {}: {}";
        Object[] values = {
            exchange.method(),
            exchange.path(),
            exchange.account,
            exchange.requestId(),
            error.status(),
            error.errorType(),
            error.getMessage()
        };
        if (bug != null) {
            LOG.atError().setCause(bug).log(line, values);
        } else if (error.status() >= 500) {
            LOG.warn(line, values);
        } else {
            LOG.info(line, values);
        }
        return error.response(exchange.requestId());
    }

    /** One request as the logs name it; the account is known once the signature is verified. */
    private static final class Exchange {
        private final String requestId;
        private final String method;
        private final String path;
        private final long startNanos = System.nanoTime();
        private volatile String account = "-";
        /** For the metrics: "none" until the request was authenticated and its operation known. */
        private volatile String service = "none";

        private volatile String operation = "none";

        Exchange(String requestId, String method, String path) {
            this.requestId = requestId;
            this.method = method;
            this.path = path;
        }

        String requestId() {
            return requestId;
        }

        String method() {
            return method;
        }

        String path() {
            return path;
        }
    }
}
