package dev.parley.http.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A request body: parsed (malformed JSON and text no encoder can write are refused here), then checked against its
 * operation's input shape by the service model's validator before a route reads it. The readers below therefore take
 * types and constraints as given; they turn members into the values the domain wants.
 */
public final class JsonInput {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final JsonNode node;

    private JsonInput(JsonNode node) {
        this.node = node;
    }

    /** The body as a JSON object; an empty body is an empty object, as the SDKs send for no members. */
    public static JsonInput body(byte[] body) {
        if (body.length == 0) {
            return new JsonInput(MAPPER.createObjectNode());
        }
        JsonNode parsed;
        try {
            parsed = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw AwsError.validation("Request body is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw AwsError.validation("Request body cannot be read: " + e.getMessage());
        }
        if (parsed == null || parsed.isMissingNode()) {
            return new JsonInput(MAPPER.createObjectNode());
        }
        if (!(parsed instanceof ObjectNode)) {
            throw AwsError.validation("Request body must be a JSON object");
        }
        checkWellFormedText(parsed, "");
        return new JsonInput(parsed);
    }

    /**
     * JSON escapes can spell an unpaired UTF-16 surrogate ({@code "\ud800"}), which no UTF-8 encoder (the journal's
     * CBOR, the read models, the response) can write. Such text is refused here, in names and values alike, so that an
     * entity never accepts what it cannot persist.
     */
    private static void checkWellFormedText(JsonNode node, String path) {
        if (node.isTextual() && !wellFormed(node.textValue())) {
            throw Constraints.violation(path, "Member must be valid Unicode: it contains an unpaired surrogate");
        }
        var fields = node.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            if (!wellFormed(field.getKey())) {
                throw Constraints.violation(
                        path.isEmpty() ? "(field name)" : path + ".(field name)",
                        "Member must be valid Unicode: it contains an unpaired surrogate");
            }
            checkWellFormedText(field.getValue(), fieldPath);
        }
        for (int i = 0; node.isArray() && i < node.size(); i++) {
            checkWellFormedText(node.get(i), path + "." + (i + 1));
        }
    }

    private static boolean wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** An operation's whole input, assembled from the request and checked against its shape. */
    public static JsonInput of(JsonNode input) {
        return new JsonInput(input);
    }

    /** The body as a JSON tree. */
    public JsonNode tree() {
        return node;
    }

    /** This element's text (for lists of strings). */
    public String text() {
        return node.textValue();
    }

    public int integer(String field) {
        return node.get(field).intValue();
    }

    public boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    /** A string member, or null when absent. */
    public String string(String field) {
        return has(field) ? node.get(field).textValue() : null;
    }

    /** An enum member as the domain's enum of the same constants, or null when absent. */
    public <E extends Enum<E>> E enumValue(String field, Class<E> type) {
        return has(field) ? Enum.valueOf(type, node.get(field).textValue()) : null;
    }

    public Boolean bool(String field) {
        return has(field) ? node.get(field).booleanValue() : null;
    }

    /** A structure member, or null when absent. */
    public JsonInput object(String field) {
        return has(field) ? new JsonInput(node.get(field)) : null;
    }

    /** Each element of a list member read by {@code element}; empty when absent. */
    public <T> List<T> list(String field, Function<JsonInput, T> element) {
        List<T> result = new ArrayList<>();
        if (has(field)) {
            JsonNode value = node.get(field);
            for (int i = 0; i < value.size(); i++) {
                result.add(element.apply(new JsonInput(value.get(i))));
            }
        }
        return result;
    }

    /** This element, read as an enum value (for lists of enums). */
    public <E extends Enum<E>> E asEnum(Class<E> type) {
        return Enum.valueOf(type, node.textValue());
    }

    /** A map of strings (tags), empty when absent. */
    public Map<String, String> stringMap(String field) {
        Map<String, String> map = new LinkedHashMap<>();
        if (has(field)) {
            node.get(field)
                    .fields()
                    .forEachRemaining(
                            entry -> map.put(entry.getKey(), entry.getValue().textValue()));
        }
        return map;
    }
}
