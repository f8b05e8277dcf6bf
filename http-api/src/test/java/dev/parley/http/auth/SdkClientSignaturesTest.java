package dev.parley.http.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.services.cleanrooms.model.FilterableMemberStatus;

/** What the real Clean Rooms (restJson1) and Athena (awsJson1_1) clients sign must verify, and only that. */
class SdkClientSignaturesTest {

    private static final String ARN =
            "arn:aws:cleanrooms:us-east-1:111111111111:membership/4d6e4b3a-5f1c-4c8e-9a0b-1c2d3e4f5a6b";

    private final Capture capture = new Capture();
    private final CleanRoomsClient cleanRooms = CleanRoomsClient.builder()
            .endpointOverride(URI.create("http://localhost:8080"))
            .region(Region.US_EAST_1)
            .credentialsProvider(credentials(Client.ALICE))
            .httpClient(capture)
            .build();

    @Test
    void tagResourcePostsToAPathWithAnEncodedArn() {
        cleanRooms.tagResource(r -> r.resourceArn(ARN).tags(Map.of("team", "data science", "cost/centre", "42")));

        assertTrue(capture.last.rawPath().startsWith("/tags/arn%3Aaws%3Acleanrooms%3A"), capture.last.rawPath());
        assertVerifiesAs("cleanrooms", capture.last);
    }

    @Test
    void untagResourceDeletesWithTheSameQueryKeyTwice() {
        cleanRooms.untagResource(r -> r.resourceArn(ARN).tagKeys("cost/centre", "team name"));

        assertEquals("DELETE", capture.last.method());
        assertEquals("tagKeys=cost%2Fcentre&tagKeys=team%20name", capture.last.rawQuery());
        assertVerifiesAs("cleanrooms", capture.last);
    }

    @Test
    void listCollaborationsGetsWithSeveralQueryParameters() {
        cleanRooms.listCollaborations(
                r -> r.memberStatus(FilterableMemberStatus.ACTIVE).maxResults(5).nextToken("a b+c/d=="));

        assertVerifiesAs("cleanrooms", capture.last);
    }

    @Test
    void updateCollaborationPatchesWithABody() {
        cleanRooms.updateCollaboration(r -> r.collaborationIdentifier("4d6e4b3a-5f1c-4c8e-9a0b-1c2d3e4f5a6b")
                .name("Ünïcode & co"));

        assertEquals("PATCH", capture.last.method());
        assertVerifiesAs("cleanrooms", capture.last);
    }

    @Test
    void athenaPostsAwsJsonToTheRoot() {
        try (AthenaClient athena = AthenaClient.builder()
                .endpointOverride(URI.create("http://localhost:8080"))
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials(Client.BOB))
                .httpClient(capture)
                .build()) {
            athena.getWorkGroup(r -> r.workGroup("primary"));
        }

        assertEquals("/", capture.last.rawPath());
        assertEquals(
                "AmazonAthena.GetWorkGroup",
                capture.last.firstHeader("X-Amz-Target").orElseThrow());
        assertEquals(
                new Caller(Client.BOB.accountId(), Client.BOB.accessKeyId(), "athena", "us-east-1"),
                verifierAtSigningTime(capture.last).verify(capture.last));
    }

    @Test
    void aChangedBodyDoesNotVerify() {
        cleanRooms.updateCollaboration(r -> r.collaborationIdentifier("4d6e4b3a-5f1c-4c8e-9a0b-1c2d3e4f5a6b")
                .name("a"));
        SignedRequest sent = capture.last;
        SignedRequest changed = new SignedRequest(
                sent.method(),
                sent.rawPath(),
                sent.rawQuery(),
                sent.headers(),
                new String(sent.body(), StandardCharsets.UTF_8)
                        .replace("\"a\"", "\"b\"")
                        .getBytes(StandardCharsets.UTF_8));

        assertEquals(
                "InvalidSignatureException",
                assertThrows(
                                AuthenticationFailure.class,
                                () -> verifierAtSigningTime(sent).verify(changed))
                        .errorType());
    }

    private static void assertVerifiesAs(String service, SignedRequest sent) {
        assertEquals(
                new Caller(Client.ALICE.accountId(), Client.ALICE.accessKeyId(), service, "us-east-1"),
                verifierAtSigningTime(sent).verify(sent));
    }

    private static SigV4Verifier verifierAtSigningTime(SignedRequest sent) {
        LocalDateTime signedAt = LocalDateTime.parse(
                sent.firstHeader("X-Amz-Date").orElseThrow(), DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"));
        return new SigV4Verifier(
                Client.ACCOUNTS, Client.SERVED, Clock.fixed(signedAt.toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
    }

    private static StaticCredentialsProvider credentials(Account account) {
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey()));
    }

    /** An HTTP client that records each request as it would go on the wire and answers 200 {}. */
    private static final class Capture implements SdkHttpClient {
        private SignedRequest last;

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    byte[] body = request.contentStreamProvider()
                            .map(p -> Client.readAll(p.newStream()))
                            .orElse(new byte[0]);
                    last = new SignedRequest(
                            request.httpRequest().method().name(),
                            request.httpRequest().encodedPath(),
                            request.httpRequest().encodedQueryParameters().orElse(null),
                            request.httpRequest().headers(),
                            body);
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpResponse.builder().statusCode(200).build())
                            .responseBody(AbortableInputStream.create(
                                    new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8))))
                            .build();
                }

                @Override
                public void abort() {}
            };
        }

        @Override
        public void close() {}
    }
}
