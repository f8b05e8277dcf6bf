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
import java.util.regex.Pattern;

/**
 * A request body read against the service model's constraints. Every failure is a
 * ValidationException naming the field by its path, so bad input never reaches an entity.
 */
public final class JsonInput {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final JsonNode node;
    private final String path;

    private JsonInput(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The body as a JSON object; an empty body is an empty object, as the SDKs send for no members. */
    public static JsonInput body(byte[] body) {
        if (body.length == 0) {
            return new JsonInput(MAPPER.createObjectNode(), "");
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
            return new JsonInput(MAPPER.createObjectNode(), "");
        }
        if (!(parsed instanceof ObjectNode)) {
            throw AwsError.validation("Request body must be a JSON object");
        }
        checkWellFormedText(parsed, "");
        return new JsonInput(parsed, "");
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
                throw Constraints.violation(path.isEmpty() ? "(field name)" : path + ".(field name)",
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

    public boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    public String requiredString(String field, int min, int max, Pattern pattern) {
        String value = optionalString(field, min, max, pattern);
        if (value == null) {
            throw missing(field);
        }
        return value;
    }

    public String optionalString(String field, int min, int max, Pattern pattern) {
        if (!has(field)) {
            return null;
        }
        JsonNode value = node.get(field);
        if (!value.isTextual()) {
            throw invalid(field, "must be a string");
        }
        return Constraints.checkString(pathOf(field), value.textValue(), min, max, pattern);
    }

    public <E extends Enum<E>> E requiredEnum(String field, Class<E> type) {
        E value = optionalEnum(field, type);
        if (value == null) {
            throw missing(field);
        }
        return value;
    }

    public <E extends Enum<E>> E optionalEnum(String field, Class<E> type) {
        if (!has(field)) {
            return null;
        }
        JsonNode value = node.get(field);
        if (!value.isTextual()) {
            throw invalid(field, "must be a string");
        }
        return Constraints.checkEnum(pathOf(field), value.textValue(), type);
    }

    public Boolean optionalBoolean(String field) {
        if (!has(field)) {
            return null;
        }
        JsonNode value = node.get(field);
        if (!value.isBoolean()) {
            throw invalid(field, "must be a boolean");
        }
        return value.booleanValue();
    }

    public boolean requiredBoolean(String field) {
        Boolean value = optionalBoolean(field);
        if (value == null) {
            throw missing(field);
        }
        return value;
    }

    public JsonInput optionalObject(String field) {
        if (!has(field)) {
            return null;
        }
        JsonNode value = node.get(field);
        if (!value.isObject()) {
            throw invalid(field, "must be an object");
        }
        return new JsonInput(value, pathOf(field));
    }

    public JsonInput requiredObject(String field) {
        JsonInput value = optionalObject(field);
        if (value == null) {
            throw missing(field);
        }
        return value;
    }

    /** Each element of a list field read by {@code element}; null when the field is absent. */
    public <T> List<T> optionalList(String field, Function<JsonInput, T> element) {
        if (!has(field)) {
            return null;
        }
        JsonNode value = node.get(field);
        if (!value.isArray()) {
            throw invalid(field, "must be a list");
        }
        List<T> result = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            result.add(element.apply(new JsonInput(value.get(i), pathOf(field) + "." + (i + 1))));
        }
        return result;
    }

    public <T> List<T> requiredList(String field, Function<JsonInput, T> element) {
        List<T> value = optionalList(field, element);
        if (value == null) {
            throw missing(field);
        }
        return value;
    }

    /** This element, read as an enum value (for lists of enums). */
    public <E extends Enum<E>> E asEnum(Class<E> type) {
        if (!node.isTextual()) {
            throw AwsError.fieldValidation(path, "Value at '" + path + "' must be a string");
        }
        return Constraints.checkEnum(path, node.textValue(), type);
    }

    /** A TagMap: at most 200 entries, keys 1-128 and values 0-256 characters; empty when absent. */
    public Map<String, String> optionalTags(String field) {
        if (!has(field)) {
            return Map.of();
        }
        JsonNode value = node.get(field);
        if (!value.isObject()) {
            throw invalid(field, "must be a map of strings");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        var entries = value.fields();
        while (entries.hasNext()) {
            var entry = entries.next();
            if (!entry.getValue().isTextual()) {
                throw invalid(field, "must be a map of strings");
            }
            tags.put(entry.getKey(), entry.getValue().textValue());
        }
        return Constraints.checkTags(pathOf(field), tags);
    }

    private String pathOf(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private AwsError missing(String field) {
        return Constraints.violation(pathOf(field), "Member must not be null");
    }

    private AwsError invalid(String field, String why) {
        return AwsError.fieldValidation(pathOf(field), "Value at '" + pathOf(field) + "' " + why);
    }
}
