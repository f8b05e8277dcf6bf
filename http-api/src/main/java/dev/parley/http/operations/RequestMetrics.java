package dev.parley.http.operations;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.pekko.actor.AbstractExtensionId;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.Extension;
import org.apache.pekko.actor.ExtensionIdProvider;

/**
 * The node's request figures in Prometheus' model: requests by service, operation and HTTP status, and their latency
 * by service and operation. The HTTP layer records them; {@code /metrics} on the management port shows them
 * ({@link MetricsRoutes}). An extension of the actor system, so both find the one registry of their node.
 */
public final class RequestMetrics implements Extension {

    public static final Id ID = new Id();

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests = Counter.builder()
            .name("parley_requests")
            .help("Requests answered, by service, operation and HTTP status")
            .labelNames("service", "operation", "status")
            .register(registry);
    private final Histogram latency = Histogram.builder()
            .name("parley_request_duration_seconds")
            .help("Time from a request's arrival to its answer, by service and operation")
            .labelNames("service", "operation")
            .classicOnly()
            .register(registry);

    /** {@code service} and {@code operation} are "none" when the request never got that far (unsigned, unknown). */
    public void answered(String service, String operation, int status, Duration took) {
        requests.labelValues(service, operation, Integer.toString(status)).inc();
        latency.labelValues(service, operation).observe(took.toNanos() / 1e9);
    }

    /** Every figure in Prometheus' text exposition format. */
    public String text() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    public static final class Id extends AbstractExtensionId<RequestMetrics> implements ExtensionIdProvider {

        @Override
        public RequestMetrics createExtension(ExtendedActorSystem system) {
            return new RequestMetrics();
        }

        @Override
        public Id lookup() {
            return ID;
        }
    }
}
