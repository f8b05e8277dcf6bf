package dev.parley.http.auth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The decoded parameters of a raw query string, in the order sent, repeated keys kept. The SDK signer takes decoded
 * parameters and encodes them itself when it builds the canonical query string.
 */
final class QueryParameters {

    private final Map<String, List<String>> parameters;

    private QueryParameters(Map<String, List<String>> parameters) {
        this.parameters = parameters;
    }

    /** @throws AuthenticationFailure IncompleteSignatureException when a percent-escape is malformed */
    static QueryParameters parse(String rawQuery) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                // "?a" and "?a=" canonicalise alike ("a="), so a missing value is an empty one.
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
        }
        return new QueryParameters(parameters);
    }

    List<String> values(String name) {
        return parameters.getOrDefault(name, List.of());
    }

    /** A copy without the given parameters, e.g. the presigned-URL authentication parameters. */
    QueryParameters without(Collection<String> names) {
        Map<String, List<String>> rest = new LinkedHashMap<>(parameters);
        rest.keySet().removeAll(names);
        return new QueryParameters(rest);
    }

    Map<String, List<String>> asMap() {
        return parameters;
    }

    /**
     * RFC 3986 percent-decoding. URLDecoder alone decodes HTML forms, where '+' means space; in a URI query a '+' is a
     * literal plus (AWS clients send a space as %20), so it is escaped before decoding.
     */
    private static String decode(String encoded) {
        try {
            return URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw AuthenticationFailure.incompleteSignature("Malformed query string: " + e.getMessage());
        }
    }
}
