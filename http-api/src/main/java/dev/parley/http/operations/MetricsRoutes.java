package dev.parley.http.operations;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.path;

import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.management.javadsl.ManagementRouteProvider;
import org.apache.pekko.management.javadsl.ManagementRouteProviderSettings;

/** {@code GET /metrics} on the management port: the node's {@link RequestMetrics} for Prometheus to scrape. */
public final class MetricsRoutes implements ManagementRouteProvider {

    private final RequestMetrics metrics;

    public MetricsRoutes(ExtendedActorSystem system) {
        this.metrics = RequestMetrics.ID.get(system);
    }

    @Override
    public Route routes(ManagementRouteProviderSettings settings) {
        return path(
                "metrics",
                () -> get(() -> complete(HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, metrics.text()))));
    }
}
