package dev.parley.http.wire.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Checks an operation's input against its shape in the service model: required members, types, lengths, ranges,
 * patterns and enums, at any depth. Each violation names the member by its path ({@code members.1.accountId}) and
 * the broken constraint in AWS's words.
 */
public final class InputValidator {

    /** One broken constraint: where, and what AWS says about it. */
    public record Violation(String path, String message) {}

    private final ServiceModel model;
    /** The model's patterns, compiled once each; shared by every request. */
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    public InputValidator(ServiceModel model) {
        this.model = model;
    }

    /** Every violation of {@code input} against shape {@code shapeName}; empty when it is valid. */
    public List<Violation> validate(String shapeName, JsonNode input) {
        List<Violation> violations = new ArrayList<>();
        check(shapeName, input, "", violations);
        return violations;
    }

    private void check(String shapeName, JsonNode value, String path, List<Violation> violations) {
        JsonNode shape = model.shape(shapeName);
        switch (shape.path("type").asText()) {
            case "structure" -> structure(shape, value, path, violations);
            case "list" -> {
                if (!value.isArray()) {
                    violations.add(violation(path, "Member must be a list"));
                    return;
                }
                length(shape, value.size(), path, violations);
                for (int i = 0; i < value.size(); i++) {
                    check(shape.path("member").path("shape").asText(), value.get(i), path + "." + (i + 1), violations);
                }
            }
            case "map" -> {
                if (!value.isObject()) {
                    violations.add(violation(path, "Member must be a map"));
                    return;
                }
                length(shape, value.size(), path, violations);
                value.fields().forEachRemaining(entry -> {
                    check(
                            shape.path("key").path("shape").asText(),
                            TextNode.valueOf(entry.getKey()),
                            path + ".key",
                            violations);
                    check(
                            shape.path("value").path("shape").asText(),
                            entry.getValue(),
                            path + "." + entry.getKey(),
                            violations);
                });
            }
            case "string" -> string(shape, value, path, violations);
            case "integer", "long" -> {
                if (!value.isIntegralNumber()) {
                    violations.add(violation(path, "Member must be an integer"));
                } else {
                    range(shape, value.asLong(), path, violations);
                }
            }
            case "double", "float" -> {
                if (!value.isNumber()) {
                    violations.add(violation(path, "Member must be a number"));
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    violations.add(violation(path, "Member must be a boolean"));
                }
            }
            case "timestamp" -> {
                if (!value.isNumber()) {
                    violations.add(violation(path, "Member must be a timestamp in epoch seconds"));
                }
            }
            default -> {
                // blobs and documents carry no constraints Parley checks
            }
        }
    }

    private void structure(JsonNode shape, JsonNode value, String path, List<Violation> violations) {
        if (!value.isObject()) {
            violations.add(violation(path, "Member must be a structure"));
            return;
        }
        for (JsonNode required : shape.path("required")) {
            JsonNode member = value.get(required.asText());
            if (member == null || member.isNull()) {
                violations.add(violation(join(path, required.asText()), "Member must not be null"));
            }
        }
        shape.path("members").fields().forEachRemaining(member -> {
            JsonNode memberValue = value.get(member.getKey());
            if (memberValue != null && !memberValue.isNull()) {
                check(member.getValue().path("shape").asText(), memberValue, join(path, member.getKey()), violations);
            }
        });
    }

    private void string(JsonNode shape, JsonNode value, String path, List<Violation> violations) {
        if (!value.isTextual()) {
            violations.add(violation(path, "Member must be a string"));
            return;
        }
        String text = value.textValue();
        if (shape.has("enum")) {
            List<String> allowed = new ArrayList<>();
            shape.path("enum").forEach(constant -> allowed.add(constant.asText()));
            if (!allowed.contains(text)) {
                violations.add(violation(path, "Member must satisfy enum value set: " + allowed));
            }
            return;
        }
        length(shape, text.codePointCount(0, text.length()), path, violations);
        if (shape.has("pattern")
                && !pattern(shape.path("pattern").asText()).matcher(text).matches()) {
            violations.add(violation(
                    path,
                    "Member must satisfy regular expression pattern: "
                            + shape.path("pattern").asText()));
        }
    }

    private static void length(JsonNode shape, long length, String path, List<Violation> violations) {
        if (shape.has("min") && length < shape.path("min").asLong()) {
            violations.add(violation(
                    path,
                    "Member must have length greater than or equal to "
                            + shape.path("min").asLong()));
        }
        if (shape.has("max") && length > shape.path("max").asLong()) {
            violations.add(violation(
                    path,
                    "Member must have length less than or equal to "
                            + shape.path("max").asLong()));
        }
    }

    private static void range(JsonNode shape, long number, String path, List<Violation> violations) {
        if (shape.has("min") && number < shape.path("min").asLong()) {
            violations.add(violation(
                    path,
                    "Member must have value greater than or equal to "
                            + shape.path("min").asLong()));
        }
        if (shape.has("max") && number > shape.path("max").asLong()) {
            violations.add(violation(
                    path,
                    "Member must have value less than or equal to "
                            + shape.path("max").asLong()));
        }
    }

    /**
     * The model's patterns are written for engines matching UTF-16 code units: characters beyond the BMP appear as
     * the surrogate ranges {@code \\uD800\\uDBFF-\\uDC00\\uDFFF}. Java matches code points, so those ranges are read as
     * the code points they stand for. Unpaired surrogates are refused before any pattern (JsonInput).
     */
    private Pattern pattern(String modelPattern) {
        return patterns.computeIfAbsent(
                modelPattern,
                source -> Pattern.compile(source.replace("\\uD800\\uDBFF-\\uDC00\\uDFFF", "\\x{10000}-\\x{10FFFF}")));
    }

    private static Violation violation(String path, String constraint) {
        return new Violation(path, "Value at '" + path + "' failed to satisfy constraint: " + constraint);
    }

    private static String join(String path, String member) {
        return path.isEmpty() ? member : path + "." + member;
    }
}
