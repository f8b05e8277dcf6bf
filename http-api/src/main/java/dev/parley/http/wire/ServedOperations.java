package dev.parley.http.wire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.http.wire.model.ModelInput;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.server.Route;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * The operations of one service that Parley serves, each with the model's typed request class its validated input is
 * read into and the handler that answers it. A handler is the only code an operation adds to the wire layer.
 */
public final class ServedOperations {

    /** Answers one operation for the verified caller's account. */
    @FunctionalInterface
    public interface Handler<T> {
        Route handle(String account, T request);
    }

    private record Served<T>(Function<JsonNode, T> reader, Handler<T> handler) {
        Route handle(String account, JsonNode input) {
            return handler.handle(account, reader.apply(input));
        }
    }

    private final Map<String, Served<?>> operations = new TreeMap<>();

    /** Serves {@code operation}: its input read with {@code request} (the request class's builder), answered by {@code handler}. */
    public <T extends SdkPojo> ServedOperations serve(
            String operation, Supplier<? extends SdkBuilder<?, T>> request, Handler<T> handler) {
        return serveBeyondSdk(operation, input -> ModelInput.read(input, request), handler);
    }

    /**
     * Serves an operation whose model has members the SDK's request class does not have yet (the SDK is released
     * behind botocore's models): {@code reader} reads the request class and those members beside it, each into the
     * SDK class of its own shape. {@code ModelInputTest} lists where the two differ.
     */
    public <T> ServedOperations serveBeyondSdk(String operation, Function<JsonNode, T> reader, Handler<T> handler) {
        if (operations.putIfAbsent(operation, new Served<>(reader, handler)) != null) {
            throw new IllegalStateException(operation + " is served twice");
        }
        return this;
    }

    public Set<String> names() {
        return operations.keySet();
    }

    public boolean serves(String operation) {
        return operations.containsKey(operation);
    }

    /** Answers a served operation; {@code input} has been checked against its input shape in the service model. */
    public Route handle(String operation, String account, JsonNode input) {
        return operations.get(operation).handle(account, input);
    }
}
