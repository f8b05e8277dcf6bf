package dev.parley.http.wire.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One AWS service model, as botocore publishes it (service-2.json, kept under resources/aws-models without its
 * documentation): the service's protocol and its operations with their HTTP bindings. It is the one source of what
 * the wire looks like; nothing here is typed in by hand.
 */
public final class ServiceModel {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String serviceId;
    private final String protocol;
    private final String signingName;
    private final String targetPrefix;
    private final String version;
    private final List<Operation> operations;
    private final JsonNode shapes;

    private ServiceModel(
            String serviceId,
            String protocol,
            String signingName,
            String targetPrefix,
            String version,
            List<Operation> operations,
            JsonNode shapes) {
        this.serviceId = serviceId;
        this.protocol = protocol;
        this.signingName = signingName;
        this.targetPrefix = targetPrefix;
        this.version = version;
        this.operations = List.copyOf(operations);
        this.shapes = shapes;
    }

    /**
     * An operation and its HTTP binding. {@code responseCode} is the status of a successful answer; {@code input}
     * names its input shape (null for an operation without input).
     */
    public record Operation(String name, String httpMethod, UriTemplate requestUri, int responseCode, String input) {}

    public static ServiceModel cleanRooms() {
        return load("/aws-models/cleanrooms-2022-02-17.json");
    }

    public static ServiceModel athena() {
        return load("/aws-models/athena-2017-05-18.json");
    }

    static ServiceModel load(String resource) {
        try (InputStream in = ServiceModel.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("service model " + resource + " is not on the class path");
            }
            JsonNode root = JSON.readTree(in);
            JsonNode metadata = root.path("metadata");
            List<Operation> operations = new ArrayList<>();
            root.path("operations").fields().forEachRemaining(entry -> {
                JsonNode http = entry.getValue().path("http");
                JsonNode input = entry.getValue().path("input").path("shape");
                operations.add(new Operation(
                        entry.getKey(),
                        http.path("method").asText(),
                        UriTemplate.parse(http.path("requestUri").asText()),
                        http.path("responseCode").asInt(200),
                        input.isTextual() ? input.asText() : null));
            });
            operations.sort(Comparator.comparing(Operation::name));
            return new ServiceModel(
                    metadata.path("serviceId").asText(),
                    metadata.path("protocol").asText(),
                    // botocore leaves the signing name out where it is the endpoint prefix (Athena)
                    metadata.path("signingName")
                            .asText(metadata.path("endpointPrefix").asText()),
                    metadata.path("targetPrefix").asText(null),
                    metadata.path("botocoreVersion").asText(),
                    operations,
                    root.path("shapes"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read service model " + resource, e);
        }
    }

    /**
     * The operation a REST request addresses, by method and raw (still percent-encoded) path; where several templates
     * match, the one with the most literal segments, as a REST router chooses.
     */
    public Optional<Operation> operationAt(String method, String rawPath) {
        return operations.stream()
                .filter(operation -> operation.httpMethod().equals(method)
                        && operation.requestUri().matches(rawPath))
                .max(Comparator.comparingInt(operation -> operation.requestUri().literalSegments()));
    }

    /** The HTTP methods of the operations at a raw path, for telling a wrong method from an unknown path. */
    public List<String> methodsAt(String rawPath) {
        return operations.stream()
                .filter(operation -> operation.requestUri().matches(rawPath))
                .map(Operation::httpMethod)
                .distinct()
                .sorted()
                .toList();
    }

    public Optional<Operation> operation(String name) {
        return operations.stream()
                .filter(operation -> operation.name().equals(name))
                .findFirst();
    }

    /** Every operation, by name. */
    public List<Operation> operations() {
        return operations;
    }

    public boolean hasShape(String name) {
        return shapes.has(name);
    }

    /** A shape's definition as the model states it (type, members, constraints). */
    public JsonNode shape(String name) {
        JsonNode shape = shapes.get(name);
        if (shape == null) {
            throw new IllegalArgumentException("no shape " + name + " in the " + serviceId + " model");
        }
        return shape;
    }

    public String serviceId() {
        return serviceId;
    }

    /** botocore's protocol name: {@code rest-json} (restJson1) or {@code json} (awsJson1_1). */
    public String protocol() {
        return protocol;
    }

    public String signingName() {
        return signingName;
    }

    /**
     * The prefix of {@code X-Amz-Target} for the awsJson protocols ({@code AmazonAthena}), whose requests name their
     * operation there as {@code prefix.Operation}; null for REST protocols.
     */
    public String targetPrefix() {
        return targetPrefix;
    }

    /** The botocore release the model was taken from. */
    public String version() {
        return version;
    }
}
