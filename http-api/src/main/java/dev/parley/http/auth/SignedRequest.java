package dev.parley.http.auth;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The transport-neutral view of an HTTP request that SigV4 verification needs.
 *
 * <p>The signature covers the request exactly as the client sent it, so the HTTP layer must hand over:
 * <ul>
 *   <li>{@code rawPath}: the path as on the request line, still percent-encoded (Clean Rooms puts ARNs in paths as
 *       {@code arn%3Aaws%3A...}; a decoded or re-rendered path does not verify);</li>
 *   <li>{@code rawQuery}: the query string as on the request line, without the {@code ?}, or null when absent;</li>
 *   <li>{@code headers}: every header as received, including {@code Host}, {@code Content-Type} and
 *       {@code Content-Length}, which HTTP servers often move out of the header list; names are matched
 *       case-insensitively;</li>
 *   <li>{@code body}: the entity bytes as received.</li>
 * </ul>
 */
public record SignedRequest(
        String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {

    public SignedRequest {
        requireNonNull(method, "method");
        requireNonNull(rawPath, "rawPath");
        requireNonNull(headers, "headers");
        requireNonNull(body, "body");
        TreeMap<String, List<String>> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> caseInsensitive.merge(name, List.copyOf(values), SignedRequest::concat));
        headers = Collections.unmodifiableSortedMap(caseInsensitive);
    }

    public Optional<String> firstHeader(String name) {
        return headerValues(name).stream().findFirst();
    }

    public List<String> headerValues(String name) {
        return headers.getOrDefault(name, List.of());
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
