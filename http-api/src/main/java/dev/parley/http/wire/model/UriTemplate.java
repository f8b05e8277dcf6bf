package dev.parley.http.wire.model;

import java.util.Arrays;
import java.util.List;

/**
 * A request URI template of a REST service model, such as {@code /collaborations/{collaborationIdentifier}/members}:
 * literal segments and labels, each label standing for exactly one (percent-encoded) path segment.
 */
public record UriTemplate(String template, List<String> segments) {

    public UriTemplate {
        segments = List.copyOf(segments);
    }

    /** @throws IllegalArgumentException for what the served models never use: query literals, greedy labels */
    static UriTemplate parse(String template) {
        if (!template.startsWith("/") || template.contains("?") || template.contains("+}")) {
            throw new IllegalArgumentException("unsupported request URI template " + template);
        }
        return new UriTemplate(template, split(template));
    }

    boolean matches(String rawPath) {
        List<String> path = split(rawPath);
        if (path.size() != segments.size()) {
            return false;
        }
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (isLabel(segment) ? path.get(i).isEmpty() : !segment.equals(path.get(i))) {
                return false;
            }
        }
        return true;
    }

    int literalSegments() {
        return (int) segments.stream().filter(segment -> !isLabel(segment)).count();
    }

    static boolean isLabel(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    private static List<String> split(String path) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return Arrays.asList(trimmed.substring(1).split("/", -1));
    }
}
