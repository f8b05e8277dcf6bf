package dev.parley.http.wire.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A restJson1 request read as its operation's input: the body's members, and the members the model binds to the path
 * (labels), the query string and headers, by their location names; one tree the validator checks against the input
 * shape. Query and header values become numbers or booleans where the member's shape says so.
 */
public final class RestJsonInput {

    private RestJsonInput() {}

    public static ObjectNode assemble(
            ServiceModel model,
            ServiceModel.Operation operation,
            String rawPath,
            Function<String, List<String>> query,
            Function<String, Optional<String>> header,
            JsonNode body) {
        ObjectNode input = body.isObject() ? ((ObjectNode) body).deepCopy() : JsonNodeFactory.instance.objectNode();
        if (operation.input() == null) {
            return input;
        }
        List<String> path = List.of(rawPath.substring(1).split("/", -1));
        List<String> template = operation.requestUri().segments();
        model.shape(operation.input()).path("members").fields().forEachRemaining(entry -> {
            JsonNode member = entry.getValue();
            String name = member.path("locationName").asText(entry.getKey());
            JsonNode target = model.shape(member.path("shape").asText());
            switch (member.path("location").asText()) {
                case "uri" ->
                    input.set(entry.getKey(), scalar(target, decode(path.get(template.indexOf("{" + name + "}")))));
                case "querystring" -> {
                    List<String> values = query.apply(name);
                    if (values.isEmpty()) {
                        input.remove(entry.getKey());
                    } else if ("list".equals(target.path("type").asText())) {
                        ArrayNode list = input.putArray(entry.getKey());
                        values.forEach(list::add);
                    } else {
                        input.set(entry.getKey(), scalar(target, values.get(0)));
                    }
                }
                case "header" ->
                    header.apply(name)
                            .ifPresentOrElse(
                                    value -> input.set(entry.getKey(), scalar(target, value)),
                                    () -> input.remove(entry.getKey()));
                default -> {
                    // a body member, already in place
                }
            }
        });
        return input;
    }

    /** A string from the path, query or a header, as the member's type; left a string when it does not parse. */
    private static JsonNode scalar(JsonNode shape, String value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        try {
            return switch (shape.path("type").asText()) {
                case "integer", "long" -> nodes.numberNode(Long.parseLong(value));
                case "boolean" ->
                    "true".equals(value) || "false".equals(value)
                            ? nodes.booleanNode(Boolean.parseBoolean(value))
                            : nodes.textNode(value);
                default -> nodes.textNode(value);
            };
        } catch (NumberFormatException e) {
            return nodes.textNode(value);
        }
    }

    /** A path segment percent-decoded; '+' is a literal plus in a path. */
    private static String decode(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
