package dev.parley.http.auth;

import static dev.parley.http.auth.Client.ALICE;
import static dev.parley.http.auth.Client.BOB;
import static dev.parley.http.auth.Client.NOW;
import static dev.parley.http.auth.Client.request;
import static dev.parley.http.auth.Client.withHeader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

class SigV4VerifierTest {

    private static final String ARN = "arn:aws:cleanrooms:us-east-1:111111111111:membership/4d6e4b3a-5f1c-4c8e";
    /** The restJson1 client puts the ARN into the path percent-encoded, '/' included. */
    private static final String TAGS_PATH = "/tags/" + SdkHttpUtils.urlEncode(ARN);

    private static final String BODY = "{\"name\":\"orders\",\"description\":\"café & co\"}";

    private final SigV4Verifier verifier =
            new SigV4Verifier(Client.ACCOUNTS, Client.SERVED, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void acceptsHeaderSignedGetWithEncodedArnPathAndRepeatedSpecialQueryParameters() {
        SignedRequest signed = Client.sign(listTags().build(), ALICE, "cleanrooms", NOW);
        assertTrue(signed.rawPath().contains("arn%3Aaws%3Acleanrooms"), signed.rawPath());
        assertTrue(signed.rawQuery().contains("tagKeys=b%20c"), signed.rawQuery());

        assertEquals(
                new Caller("111111111111", ALICE.accessKeyId(), "cleanrooms", "us-east-1"), verifier.verify(signed));
    }

    @ParameterizedTest
    @EnumSource(
            value = SdkHttpMethod.class,
            names = {"POST", "PUT", "PATCH", "DELETE"})
    void acceptsHeaderSignedRequestsWithBodies(SdkHttpMethod method) {
        SignedRequest signed = Client.sign(request(method, TAGS_PATH, BODY).build(), BOB, "cleanrooms", NOW);

        assertEquals(new Caller("222222222222", BOB.accessKeyId(), "cleanrooms", "us-east-1"), verifier.verify(signed));
    }

    @Test
    void acceptsAwsJsonPostAndTellsTheServiceFromTheScope() {
        SdkHttpFullRequest athena = request(SdkHttpMethod.POST, "/", "{\"WorkGroup\":\"primary\"}")
                .putHeader("X-Amz-Target", "AmazonAthena.GetWorkGroup")
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .build();

        assertEquals(
                "athena",
                verifier.verify(Client.sign(athena, ALICE, "athena", NOW)).service());
    }

    @Test
    void acceptsSignaturesMadeWithoutContentSha256AsBotoDoes() {
        SignedRequest signed = Client.signWithoutContentSha256(
                listTags()
                        .method(SdkHttpMethod.POST)
                        .contentStreamProvider(() -> stream(BODY))
                        .build(),
                ALICE,
                "cleanrooms",
                NOW);
        assertTrue(signed.firstHeader("x-amz-content-sha256").isEmpty());

        assertEquals(ALICE.accountId(), verifier.verify(signed).accountId());
    }

    @Test
    void signaturesWithoutContentSha256StillCoverTheBody() {
        SignedRequest signed = Client.signWithoutContentSha256(
                request(SdkHttpMethod.POST, TAGS_PATH, BODY).build(), ALICE, "cleanrooms", NOW);

        assertSignatureMismatch(withBody(signed, BODY.replace("orders", "orderz")));
    }

    @Test
    void acceptsSignaturesWithoutContentSha256OnHostsWithDefaultPorts() {
        for (int port : List.of(80, 443)) {
            SignedRequest signed = Client.signWithoutContentSha256(
                    request(SdkHttpMethod.GET, TAGS_PATH, null)
                            .protocol(port == 80 ? "https" : "http")
                            .port(port)
                            .build(),
                    ALICE,
                    "cleanrooms",
                    NOW);
            assertEquals("localhost:" + port, signed.firstHeader("Host").orElseThrow());

            assertEquals(ALICE.accountId(), verifier.verify(signed).accountId());
        }
    }

    @Test
    void acceptsPresignedGet() {
        SignedRequest presigned =
                Client.presign(listTags().build(), ALICE, "cleanrooms", NOW.minusSeconds(60), Duration.ofMinutes(5));
        assertTrue(presigned.firstHeader("Authorization").isEmpty());

        assertEquals(
                new Caller("111111111111", ALICE.accessKeyId(), "cleanrooms", "us-east-1"), verifier.verify(presigned));
    }

    @Test
    void presignedQueryIsCoveredBySignature() {
        SignedRequest presigned = Client.presign(listTags().build(), ALICE, "cleanrooms", NOW, Duration.ofMinutes(5));

        assertSignatureMismatch(withQuery(presigned, presigned.rawQuery().replace("maxResults=10", "maxResults=11")));
    }

    @Test
    void rejectsExpiredPresignedUrl() {
        SignedRequest presigned = Client.presign(
                listTags().build(),
                ALICE,
                "cleanrooms",
                NOW.minus(Duration.ofHours(1)).minusSeconds(1),
                Duration.ofHours(1));

        AuthenticationFailure failure = assertFails("InvalidSignatureException", 403, presigned);
        assertEquals(
                "Signature expired: 20251231T235959Z is now earlier than 20260101T000000Z "
                        + "(20251231T225959Z + 3600 sec.)",
                failure.message());
    }

    @Test
    void rejectsPresignedUrlNotYetValid() {
        SignedRequest presigned = Client.presign(
                listTags().build(), ALICE, "cleanrooms", NOW.plus(Duration.ofMinutes(16)), Duration.ofHours(1));

        assertTrue(assertFails("InvalidSignatureException", 403, presigned)
                .message()
                .startsWith("Signature not yet current: 20260101T001600Z is still later than 20260101T001500Z"));
    }

    @Test
    void rejectsPresignedUrlValidForMoreThanSevenDays() {
        SignedRequest presigned = Client.presign(listTags().build(), ALICE, "cleanrooms", NOW, Duration.ofDays(7));

        assertFails(
                "IncompleteSignatureException",
                400,
                withQuery(presigned, presigned.rawQuery().replace("X-Amz-Expires=604800", "X-Amz-Expires=604801")));
    }

    @Test
    void rejectsUnknownAccessKey() {
        Account stranger = new Account("333333333333", "AKIASTRANGER0000003", "whatever");

        AuthenticationFailure failure = assertFails(
                "UnrecognizedClientException", 403, Client.sign(listTags().build(), stranger, "cleanrooms", NOW));
        assertEquals("The security token included in the request is invalid.", failure.message());
    }

    @Test
    void rejectsWrongSecret() {
        Account impostor = new Account(ALICE.accountId(), ALICE.accessKeyId(), "not-alices-secret");

        assertSignatureMismatch(Client.sign(listTags().build(), impostor, "cleanrooms", NOW));
    }

    @Test
    void rejectsTamperedBodyWhoseContentSha256WasUpdated() {
        SignedRequest signed =
                Client.sign(request(SdkHttpMethod.POST, TAGS_PATH, BODY).build(), ALICE, "cleanrooms", NOW);
        SignedRequest tampered = withBody(signed, "{}");

        assertSignatureMismatch(withHeader(tampered, "x-amz-content-sha256", sha256Hex("{}")));
    }

    @Test
    void rejectsTamperedPath() {
        SignedRequest signed = Client.sign(listTags().build(), ALICE, "cleanrooms", NOW);

        assertSignatureMismatch(new SignedRequest(
                signed.method(),
                signed.rawPath().replace("111111111111", "222222222222"),
                signed.rawQuery(),
                signed.headers(),
                signed.body()));
    }

    @Test
    void rejectsDecodedPath() {
        SignedRequest signed = Client.sign(listTags().build(), ALICE, "cleanrooms", NOW);

        assertSignatureMismatch(
                new SignedRequest(signed.method(), "/tags/" + ARN, signed.rawQuery(), signed.headers(), signed.body()));
    }

    @Test
    void readsLiteralPlusInQueryAsPlus() {
        SignedRequest signed = Client.sign(listTags().build(), ALICE, "cleanrooms", NOW);
        assertTrue(signed.rawQuery().contains("%2B"), signed.rawQuery());

        assertEquals(
                ALICE.accountId(),
                verifier.verify(withQuery(signed, signed.rawQuery().replace("%2B", "+")))
                        .accountId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"tagKeys=a&", "&tagKeys=a", "extra=1&"})
    void rejectsTamperedQuery(String prefix) {
        SignedRequest signed = Client.sign(listTags().build(), ALICE, "cleanrooms", NOW);

        assertSignatureMismatch(
                withQuery(signed, prefix.startsWith("&") ? signed.rawQuery() + prefix : prefix + signed.rawQuery()));
    }

    @Test
    void rejectsTamperedSignedHeader() {
        SignedRequest signed =
                Client.sign(request(SdkHttpMethod.POST, TAGS_PATH, BODY).build(), ALICE, "cleanrooms", NOW);

        assertSignatureMismatch(withHeader(signed, "Content-Type", "text/plain"));
    }

    @Test
    void namesSignedHeaderMissingFromRequest() {
        SignedRequest signed =
                Client.sign(request(SdkHttpMethod.POST, TAGS_PATH, BODY).build(), ALICE, "cleanrooms", NOW);

        AuthenticationFailure failure = assertSignatureMismatch(withHeader(signed, "Content-Length", null));
        assertTrue(
                failure.message().endsWith("signed header 'content-length' is missing from the request."),
                failure.message());
    }

    @Test
    void ignoresUnsignedHeaders() {
        SignedRequest signed = Client.sign(listTags().build(), ALICE, "cleanrooms", NOW);

        assertEquals(
                ALICE.accountId(),
                verifier.verify(withHeader(signed, "X-Forwarded-For", "10.0.0.1"))
                        .accountId());
    }

    @Test
    void rejectsTamperedSignature() {
        SignedRequest signed = Client.sign(listTags().build(), ALICE, "cleanrooms", NOW);
        String authorization = signed.firstHeader("Authorization").orElseThrow();
        char last = authorization.charAt(authorization.length() - 1);
        String tampered = authorization.substring(0, authorization.length() - 1) + (last == '0' ? '1' : '0');

        AuthenticationFailure failure = assertSignatureMismatch(withHeader(signed, "Authorization", tampered));
        assertEquals(403, failure.httpStatus());
    }

    @ParameterizedTest
    @ValueSource(longs = {-16, 16})
    void rejectsClockSkewOverFifteenMinutes(long minutes) {
        SignedRequest signed =
                Client.sign(listTags().build(), ALICE, "cleanrooms", NOW.plus(Duration.ofMinutes(minutes)));

        String message = assertFails("InvalidSignatureException", 403, signed).message();
        if (minutes < 0) {
            assertEquals(
                    "Signature expired: 20251231T234400Z is now earlier than 20251231T234500Z "
                            + "(20260101T000000Z - 15 min.)",
                    message);
        } else {
            assertEquals(
                    "Signature not yet current: 20260101T001600Z is still later than 20260101T001500Z "
                            + "(20260101T000000Z + 15 min.)",
                    message);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {-14, 14})
    void acceptsClockSkewUnderFifteenMinutes(long minutes) {
        SignedRequest signed =
                Client.sign(listTags().build(), ALICE, "cleanrooms", NOW.plus(Duration.ofMinutes(minutes)));

        assertEquals(ALICE.accountId(), verifier.verify(signed).accountId());
    }

    @Test
    void rejectsMissingAuthentication() {
        SignedRequest unsigned = Client.toWire(listTags().build(), listTags().build());

        AuthenticationFailure failure = assertFails("MissingAuthenticationTokenException", 403, unsigned);
        assertEquals("Missing Authentication Token", failure.message());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "AWS4-HMAC-SHA1 Credential=%s/20260101/us-east-1/cleanrooms/aws4_request, SignedHeaders=%s, Signature=%s",
                "AWS4-ECDSA-P256-SHA256 Credential=%s/20260101/us-east-1/cleanrooms/aws4_request, SignedHeaders=%s, Signature=%s",
                "AWS4-HMAC-SHA256 Credential=%s/20260101/us-east-1/cleanrooms/aws4_request, SignedHeaders=%s",
                "AWS4-HMAC-SHA256 Credential=%s/20260101/us-east-1/cleanrooms/aws4_request, Signature=%3$s",
                "AWS4-HMAC-SHA256 SignedHeaders=%2$s, Signature=%3$s",
                "AWS4-HMAC-SHA256 Credential=%s/20260101/us-east-1/cleanrooms/aws4_request, SignedHeaders=%s, Signature",
                "AWS4-HMAC-SHA256 Credential=%s/20260101/us-east-1/cleanrooms, SignedHeaders=%s, Signature=%s",
                "AWS4-HMAC-SHA256 Credential=%s/20260101/us-east-1/cleanrooms/aws5_request, SignedHeaders=%s, Signature=%s",
                "AWS4-HMAC-SHA256 Credential=%s/20260101//cleanrooms/aws4_request, SignedHeaders=%s, Signature=%s",
                "AWS4-HMAC-SHA256 Credential=%s/20260101/us-east-1/cleanrooms/aws4_request, SignedHeaders=%s;, Signature=%s",
                "AWS4-HMAC-SHA256",
                "Bearer eyJhbGciOiJIUzI1NiJ9",
            })
    void rejectsMalformedAuthorizationHeader(String format) {
        SignedRequest signed = Client.sign(listTags().build(), ALICE, "cleanrooms", NOW);
        String signedHeaders = "host;x-amz-content-sha256;x-amz-date";
        String signature = signatureOf(signed);

        assertFails(
                "IncompleteSignatureException",
                400,
                withHeader(
                        signed, "Authorization", String.format(format, ALICE.accessKeyId(), signedHeaders, signature)));
    }

    @Test
    void rejectsMissingAmzDate() {
        SignedRequest signed = Client.sign(listTags().build(), ALICE, "cleanrooms", NOW);

        AuthenticationFailure failure =
                assertFails("IncompleteSignatureException", 400, withHeader(signed, "X-Amz-Date", null));
        assertEquals("Authorization header requires existence of a 'X-Amz-Date' header.", failure.message());
    }

    @Test
    void rejectsMalformedAmzDate() {
        SignedRequest signed = Client.sign(listTags().build(), ALICE, "cleanrooms", NOW);

        assertFails("IncompleteSignatureException", 400, withHeader(signed, "X-Amz-Date", "2026-01-01T00:00:00Z"));
    }

    @Test
    void rejectsCredentialScopeOfAnotherDay() {
        SignedRequest signed = Client.sign(listTags().build(), ALICE, "cleanrooms", NOW);
        String authorization = signed.firstHeader("Authorization").orElseThrow().replace("/20260101/", "/20251231/");

        AuthenticationFailure failure =
                assertFails("InvalidSignatureException", 403, withHeader(signed, "Authorization", authorization));
        assertTrue(failure.message().startsWith("Date in Credential scope does not match"), failure.message());
    }

    @Test
    void rejectsSignaturesThatDoNotSignHost() {
        SignedRequest signed = Client.sign(listTags().build(), ALICE, "cleanrooms", NOW);
        String authorization =
                signed.firstHeader("Authorization").orElseThrow().replace("SignedHeaders=host;", "SignedHeaders=");

        AuthenticationFailure failure =
                assertFails("IncompleteSignatureException", 400, withHeader(signed, "Authorization", authorization));
        assertEquals("'Host' must be a 'SignedHeader' in the AWS Authorization.", failure.message());
    }

    @Test
    void rejectsPresignedUrlsThatDoNotSignHost() {
        SignedRequest presigned = Client.presign(listTags().build(), ALICE, "cleanrooms", NOW, Duration.ofMinutes(5));

        assertFails(
                "IncompleteSignatureException",
                400,
                withQuery(
                        presigned, presigned.rawQuery().replace("X-Amz-SignedHeaders=host", "X-Amz-SignedHeaders=x")));
    }

    @Test
    void rejectsHeaderAndQuerySignatureTogether() {
        SignedRequest signed = Client.sign(listTags().build(), ALICE, "cleanrooms", NOW);

        assertFails(
                "IncompleteSignatureException",
                400,
                withQuery(signed, signed.rawQuery() + "&X-Amz-Signature=" + signatureOf(signed)));
    }

    @Test
    void rejectsUnsignedPayloadEvenWhenSigned() {
        SignedRequest signed = Client.signUnsignedPayload(
                request(SdkHttpMethod.POST, TAGS_PATH, BODY).build(), ALICE, "cleanrooms", NOW);
        assertEquals(
                "UNSIGNED-PAYLOAD", signed.firstHeader("x-amz-content-sha256").orElseThrow());

        // Otherwise a captured request could be replayed with any body while its date is current.
        AuthenticationFailure failure = assertFails("InvalidSignatureException", 403, withBody(signed, "{}"));
        assertTrue(failure.message().startsWith("UNSIGNED-PAYLOAD is not accepted"), failure.message());
        assertFails("InvalidSignatureException", 403, signed);
    }

    @Test
    void rejectsABodyOnAPresignedUrl() {
        SignedRequest presigned = Client.presign(listTags().build(), ALICE, "cleanrooms", NOW, Duration.ofMinutes(5));

        AuthenticationFailure failure = assertFails("InvalidSignatureException", 403, withBody(presigned, BODY));
        assertTrue(failure.message().startsWith("A presigned URL does not sign a request body"), failure.message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"eu-west-1", "us-east-2", "US-EAST-1", " "})
    void rejectsSignaturesScopedToARegionNotServed(String region) {
        SignedRequest signed = Client.sign(listTags().build(), ALICE, "cleanrooms", region, NOW);

        AuthenticationFailure failure = assertFails("InvalidSignatureException", 403, signed);
        assertTrue(failure.message().startsWith("Credential should be scoped to a valid region."), failure.message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3", "execute-api", "cleanroomsml", "CLEANROOMS"})
    void rejectsSignaturesScopedToAServiceNotServed(String service) {
        SignedRequest signed = Client.sign(listTags().build(), ALICE, service, NOW);

        AuthenticationFailure failure = assertFails("InvalidSignatureException", 403, signed);
        assertTrue(failure.message().startsWith("Credential should be scoped to correct service"), failure.message());
    }

    @Test
    void theScopeIsCheckedOnlyForKnownAccessKeys() {
        SignedRequest signed = Client.sign(
                listTags().build(), new Account("999999999999", "AKIAUNKNOWN00000009", "x"), "s3", "eu-west-1", NOW);

        assertFails("UnrecognizedClientException", 403, signed);
    }

    @Test
    void rejectsContentSha256NotMatchingBody() {
        SignedRequest signed =
                Client.sign(request(SdkHttpMethod.POST, TAGS_PATH, BODY).build(), ALICE, "cleanrooms", NOW);

        AuthenticationFailure failure = assertFails("InvalidSignatureException", 403, withBody(signed, "{}"));
        assertEquals("The provided 'x-amz-content-sha256' header does not match what was computed.", failure.message());
    }

    @Test
    void rejectsUnsignedContentSha256NotMatchingBody() {
        SignedRequest signed = Client.signWithoutContentSha256(
                request(SdkHttpMethod.POST, TAGS_PATH, BODY).build(), ALICE, "cleanrooms", NOW);

        assertFails("InvalidSignatureException", 403, withHeader(signed, "x-amz-content-sha256", sha256Hex("{}")));
    }

    private static SdkHttpFullRequest.Builder listTags() {
        return request(SdkHttpMethod.GET, TAGS_PATH, null)
                .appendRawQueryParameter("tagKeys", "b c")
                .appendRawQueryParameter("tagKeys", "a/b=c&d+e*f~g%h")
                .appendRawQueryParameter("maxResults", "10")
                .appendRawQueryParameter("nextToken", "ünï+cödé==");
    }

    private AuthenticationFailure assertSignatureMismatch(SignedRequest request) {
        AuthenticationFailure failure = assertFails("InvalidSignatureException", 403, request);
        assertTrue(
                failure.message().startsWith("The request signature we calculated does not match"), failure.message());
        return failure;
    }

    private AuthenticationFailure assertFails(String errorType, int httpStatus, SignedRequest request) {
        AuthenticationFailure failure = assertThrows(AuthenticationFailure.class, () -> verifier.verify(request));
        assertEquals(errorType, failure.errorType(), failure.message());
        assertEquals(httpStatus, failure.httpStatus());
        return failure;
    }

    private static SignedRequest withBody(SignedRequest request, String body) {
        return new SignedRequest(
                request.method(),
                request.rawPath(),
                request.rawQuery(),
                request.headers(),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static SignedRequest withQuery(SignedRequest request, String rawQuery) {
        return new SignedRequest(request.method(), request.rawPath(), rawQuery, request.headers(), request.body());
    }

    private static String signatureOf(SignedRequest signed) {
        String authorization = signed.firstHeader("Authorization").orElseThrow();
        return authorization.substring(authorization.indexOf("Signature=") + "Signature=".length());
    }

    private static java.io.InputStream stream(String body) {
        return new java.io.ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256Hex(String body) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
