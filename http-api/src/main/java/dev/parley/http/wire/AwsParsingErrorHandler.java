package dev.parley.http.wire;

import java.util.UUID;
import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.http.ParsingErrorHandler;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.scaladsl.model.ErrorInfo;
import org.apache.pekko.http.scaladsl.model.StatusCode;
import org.apache.pekko.http.scaladsl.settings.ServerSettings;

/**
 * Answers requests that pekko-http cannot parse (bad request line, headers or framing) with an AWS-shaped error and
 * one log line, instead of a plain-text body and a multi-line log. Named in {@code pekko.http.server.parsing
 * .error-handler}; pekko-http creates it through its public no-argument constructor.
 */
public final class AwsParsingErrorHandler extends ParsingErrorHandler {

    @Override
    public HttpResponse handle(StatusCode status, ErrorInfo info, LoggingAdapter log, ServerSettings settings) {
        String requestId = UUID.randomUUID().toString();
        log.warning("unparseable request requestId={} -> {}: {}", requestId, status.intValue(), info.summary());
        return new AwsError(
                        errorType(status.intValue()),
                        status.intValue(),
                        "The request could not be parsed: " + info.summary())
                .response(requestId);
    }

    private static String errorType(int status) {
        return switch (status) {
            case 413 -> "RequestEntityTooLargeException";
            case 408 -> "RequestTimeoutException";
            case 431 -> "RequestHeaderFieldsTooLargeException";
            default -> status >= 500 ? "InternalServerException" : "ValidationException";
        };
    }
}
