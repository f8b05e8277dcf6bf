package dev.parley.http.auth;

import static dev.parley.http.auth.AuthenticationFailure.incompleteSignature;
import static dev.parley.http.auth.AuthenticationFailure.invalidSignature;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a client claims in its SigV4 signature, from the {@code Authorization} header or from the query string of a
 * presigned URL: the credential scope, the signed headers, the signature and the time of signing.
 *
 * @param expires how long a presigned URL stays valid; null for the header form
 */
record SigV4Authorization(
        CredentialScope credential, List<String> signedHeaders, String signature, Instant amzDate, Duration expires) {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final String X_AMZ_DATE = "X-Amz-Date";
    static final String X_AMZ_SIGNATURE = "X-Amz-Signature";
    /** The presigned-URL parameters; the signer derives all but the signature from its own inputs. */
    static final List<String> QUERY_PARAMETERS = List.of(
            "X-Amz-Algorithm", "X-Amz-Credential", X_AMZ_SIGNATURE, X_AMZ_DATE, "X-Amz-SignedHeaders", "X-Amz-Expires");

    static final Duration MAX_EXPIRES = Duration.ofDays(7);

    static final DateTimeFormatter AMZ_DATE_FORMAT = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withResolverStyle(ResolverStyle.STRICT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SCOPE_DATE_FORMAT =
            DateTimeFormatter.ofPattern("uuuuMMdd").withZone(ZoneOffset.UTC);

    boolean presigned() {
        return expires != null;
    }

    boolean signs(String header) {
        return signedHeaders.stream().anyMatch(header::equalsIgnoreCase);
    }

    /**
     * @throws AuthenticationFailure MissingAuthenticationTokenException without any signature,
     *                               IncompleteSignatureException when the signature is malformed or host is not signed
     */
    static SigV4Authorization of(SignedRequest request, QueryParameters query) {
        Optional<String> header = request.firstHeader("Authorization");
        boolean presigned = !query.values(X_AMZ_SIGNATURE).isEmpty();
        if (header.isEmpty() && !presigned) {
            throw AuthenticationFailure.missingAuthenticationToken();
        }
        if (header.isPresent() && presigned) {
            throw incompleteSignature("Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, "
                    + "Signature query string parameter or the Authorization header should be specified");
        }
        SigV4Authorization authorization =
                header.isPresent() ? fromHeader(header.get(), request.firstHeader(X_AMZ_DATE)) : fromQuery(query);
        authorization.checkHostSigned(request);
        authorization.checkSignedHeadersPresent(request);
        authorization.checkScopeDate();
        return authorization;
    }

    private static SigV4Authorization fromHeader(String header, Optional<String> amzDate) {
        String value = header.trim();
        int space = value.indexOf(' ');
        String algorithm = space < 0 ? value : value.substring(0, space);
        if (!ALGORITHM.equals(algorithm)) {
            throw incompleteSignature(
                    "Unsupported Authorization algorithm '" + algorithm + "'; only '" + ALGORITHM + "' is supported.");
        }
        Map<String, String> elements = new HashMap<>();
        for (String element : (space < 0 ? "" : value.substring(space + 1)).split(",")) {
            String trimmed = element.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            if (equals <= 0) {
                throw incompleteSignature(
                        "Invalid key=value pair (missing equal-sign) in Authorization header: '" + trimmed + "'");
            }
            if (elements.putIfAbsent(trimmed.substring(0, equals), trimmed.substring(equals + 1)) != null) {
                throw incompleteSignature("Authorization header repeats '" + trimmed.substring(0, equals) + "'.");
            }
        }
        List<String> problems = new ArrayList<>();
        for (String required : List.of("Credential", "SignedHeaders", "Signature")) {
            if (elements.getOrDefault(required, "").isEmpty()) {
                problems.add("Authorization header requires '" + required + "' parameter.");
            }
        }
        if (amzDate.isEmpty()) {
            problems.add("Authorization header requires existence of a '" + X_AMZ_DATE + "' header.");
        }
        if (!problems.isEmpty()) {
            throw incompleteSignature(String.join(" ", problems));
        }
        return new SigV4Authorization(
                CredentialScope.parse(elements.get("Credential")),
                signedHeaders(elements.get("SignedHeaders")),
                elements.get("Signature"),
                amzDate(amzDate.get()),
                null);
    }

    private static SigV4Authorization fromQuery(QueryParameters query) {
        if (QUERY_PARAMETERS.stream().anyMatch(name -> query.values(name).size() != 1)) {
            throw incompleteSignature("AWS query-string parameters must include "
                    + String.join(
                            ", ",
                            QUERY_PARAMETERS.stream().map(n -> "'" + n + "'").toList())
                    + ", each once. Re-examine the query-string parameters.");
        }
        String algorithm = query.values("X-Amz-Algorithm").get(0);
        if (!ALGORITHM.equals(algorithm)) {
            throw incompleteSignature(
                    "Unsupported X-Amz-Algorithm '" + algorithm + "'; only '" + ALGORITHM + "' is supported.");
        }
        return new SigV4Authorization(
                CredentialScope.parse(query.values("X-Amz-Credential").get(0)),
                signedHeaders(query.values("X-Amz-SignedHeaders").get(0)),
                query.values(X_AMZ_SIGNATURE).get(0),
                amzDate(query.values(X_AMZ_DATE).get(0)),
                expires(query.values("X-Amz-Expires").get(0)));
    }

    private static List<String> signedHeaders(String signedHeaders) {
        List<String> names = Arrays.asList(signedHeaders.split(";", -1));
        if (names.contains("")) {
            throw incompleteSignature(
                    "SignedHeaders must be a ';'-separated list of header names, got '" + signedHeaders + "'.");
        }
        return List.copyOf(names);
    }

    private static Instant amzDate(String amzDate) {
        try {
            return LocalDateTime.parse(amzDate, AMZ_DATE_FORMAT).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw incompleteSignature(
                    X_AMZ_DATE + " must be in the ISO 8601 basic format yyyyMMdd'T'HHmmss'Z', got '" + amzDate + "'.");
        }
    }

    private static Duration expires(String seconds) {
        Duration expires;
        try {
            expires = Duration.ofSeconds(Long.parseLong(seconds));
        } catch (NumberFormatException e) {
            expires = Duration.ZERO;
        }
        if (expires.isNegative() || expires.isZero() || expires.compareTo(MAX_EXPIRES) > 0) {
            throw incompleteSignature("X-Amz-Expires must be a number of seconds from 1 to " + MAX_EXPIRES.toSeconds()
                    + " (7 days), got '" + seconds + "'.");
        }
        return expires;
    }

    /**
     * Without a signed host, a signature made for one endpoint could be replayed against another; the SDK signer also
     * always signs it, so such a request could not be verified anyway.
     */
    private void checkHostSigned(SignedRequest request) {
        if (!signs("host")) {
            throw incompleteSignature("'Host' must be a 'SignedHeader' in the AWS Authorization.");
        }
        if (request.firstHeader("Host").isEmpty()) {
            throw incompleteSignature("The signed 'Host' header is missing from the request.");
        }
    }

    /**
     * A signed header the request lacks was most likely dropped on the way (a proxy, or an HTTP server that keeps
     * Content-Type and Content-Length apart from the other headers); saying which beats a bare signature mismatch.
     */
    private void checkSignedHeadersPresent(SignedRequest request) {
        signedHeaders.stream()
                .filter(name -> request.headerValues(name).isEmpty())
                .findFirst()
                .ifPresent(name -> {
                    throw invalidSignature(
                            "The request signature we calculated does not match the signature you provided: "
                                    + "signed header '" + name + "' is missing from the request.");
                });
    }

    /** The signing key is derived from the scope's date, so it must be the day of X-Amz-Date. */
    private void checkScopeDate() {
        String expected = SCOPE_DATE_FORMAT.format(amzDate);
        if (!expected.equals(credential.date())) {
            throw invalidSignature(
                    "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from "
                            + "HTTP: '" + credential.date() + "' != '" + expected + "', from '"
                            + AMZ_DATE_FORMAT.format(amzDate) + "'.");
        }
    }
}
