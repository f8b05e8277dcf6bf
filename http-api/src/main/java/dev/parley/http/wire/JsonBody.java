package dev.parley.http.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request body, parsed: malformed JSON, a body that is not an object, and text no encoder can write are refused
 * here, before the service model's validator checks the rest.
 */
public final class JsonBody {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonBody() {}

    /** The body as a JSON object; an empty body is an empty object, as the SDKs send for no members. */
    public static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return MAPPER.createObjectNode();
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
            return MAPPER.createObjectNode();
        }
        if (!(parsed instanceof ObjectNode)) {
            throw AwsError.validation("Request body must be a JSON object");
        }
        checkWellFormedText(parsed, "");
        return parsed;
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
}
