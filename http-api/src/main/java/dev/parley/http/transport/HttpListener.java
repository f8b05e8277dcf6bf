package dev.parley.http.transport;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.settings.ServerSettings;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.TLSProtocol;
import org.apache.pekko.stream.javadsl.BidiFlow;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.TLSPlacebo;
import org.apache.pekko.stream.javadsl.Tcp;
import org.apache.pekko.util.ByteString;

/**
 * The HTTP/1.1 listener: pekko-http's server layer over plain TCP, as {@code Http.newServerAt(...).bind(route)} builds
 * it, with one addition beneath the HTTP parser: {@link SignedContentTypeTap}, so that SigV4 verification sees each
 * request's Content-Type as the client signed it. Settings come from {@code pekko.http.server} as usual.
 */
public final class HttpListener {

    private HttpListener() {}

    public static CompletionStage<Tcp.ServerBinding> bind(
            ActorSystem<?> system, String httpInterface, int port, Route route) {
        ServerSettings settings = ServerSettings.create(system.classicSystem());
        return Tcp.get(system)
                .bind(
                        httpInterface,
                        port,
                        settings.getBacklog(),
                        settings.getSocketOptions(),
                        false,
                        settings.getTimeouts().idleTimeout())
                .mapAsyncUnordered(
                        settings.getMaxConnections(),
                        connection -> connection.handleWith(connectionFlow(system, settings, route), system))
                .to(Sink.ignore())
                .run(system);
    }

    /** One connection: bytes in, tapped, parsed into requests, routed, rendered into bytes out; done when it closes. */
    private static Flow<ByteString, ByteString, CompletionStage<org.apache.pekko.Done>> connectionFlow(
            ActorSystem<?> system, ServerSettings settings, Route route) {
        BidiFlow<HttpResponse, TLSProtocol.SslTlsOutbound, TLSProtocol.SslTlsInbound, HttpRequest, NotUsed> http =
                Http.get(system).serverLayer(settings);
        Flow<HttpRequest, HttpResponse, NotUsed> handler = route.flow(system);
        return http.atop(plainTcp())
                .atop(BidiFlow.fromFlows(Flow.<ByteString>create(), tap()))
                .reversed()
                .join(handler)
                .watchTermination(Keep.right());
    }

    /** TLSPlacebo's inbound side yields SessionBytes, an SslTlsInbound; Java generics cannot say so. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static BidiFlow<TLSProtocol.SslTlsOutbound, ByteString, ByteString, TLSProtocol.SslTlsInbound, NotUsed>
            plainTcp() {
        return (BidiFlow) TLSPlacebo.getInstance();
    }

    private static Flow<ByteString, ByteString, NotUsed> tap() {
        return Flow.<ByteString>create()
                .statefulMap(
                        SignedContentTypeTap::new,
                        (tap, bytes) -> Pair.create(tap, tap.next(bytes)),
                        tap -> Optional.of(tap.flush()))
                .filter(bytes -> !bytes.isEmpty());
    }
}
