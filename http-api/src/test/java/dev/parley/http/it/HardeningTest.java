package dev.parley.http.it;

import static dev.parley.http.it.TestAccounts.CREATOR;
import static dev.parley.http.it.TestAccounts.MEMBER_B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.services.cleanrooms.model.CleanRoomsException;
import software.amazon.awssdk.services.cleanrooms.model.MemberSpecification;
import software.amazon.awssdk.services.cleanrooms.model.MemberStatus;
import software.amazon.awssdk.services.cleanrooms.model.MembershipQueryLogStatus;
import software.amazon.awssdk.services.cleanrooms.model.ValidationException;

/**
 * What a careless or hostile client sends, end to end over HTTP: foreign signature scopes, unsigned payloads, bodies
 * too large, too short or badly framed, text no database can store, and more than the model allows. Each is a 4xx
 * with an AWS error type and a request id, and changes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HardeningTest {

    private RunningParley parley;
    private SignedHttp http;
    private CleanRoomsClient creator;
    private CleanRoomsClient memberB;

    @BeforeAll
    void start() throws Exception {
        parley = new RunningParley(Files.createTempDirectory("parley-hardening"), ConfigFactory.empty());
        http = new SignedHttp(parley.endpoint());
        creator = parley.cleanRooms(CREATOR);
        memberB = parley.cleanRooms(MEMBER_B);
    }

    @AfterAll
    void stop() {
        parley.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"eu-west-1", "us-east-2", " ", "cleanrooms"})
    void aSignatureForAnotherRegionIsRefused(String region) {
        SignedHttp.Reply reply = http.sendAsIs(
                http.sign(
                        CREATOR,
                        "GET",
                        "/collaborations",
                        null,
                        new byte[0],
                        s -> s.putProperty(AwsV4HttpSigner.REGION_NAME, region)),
                new byte[0]);

        assertEquals(403, reply.status(), reply.body());
        assertEquals("InvalidSignatureException", reply.errorType());
        assertTrue(reply.body().contains("Credential should be scoped to a valid region"), reply.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3", "glue", "execute-api"})
    void aSignatureForAnotherServiceIsRefused(String service) {
        SignedHttp.Reply reply = http.sendAsIs(
                http.sign(
                        CREATOR,
                        "GET",
                        "/collaborations",
                        null,
                        new byte[0],
                        s -> s.putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)),
                new byte[0]);

        assertEquals(403, reply.status(), reply.body());
        assertEquals("InvalidSignatureException", reply.errorType());
    }

    @Test
    void arnsCarryTheRegionTheServerServesAndSignsIn() throws Exception {
        try (RunningParley ireland =
                new RunningParley(Files.createTempDirectory("parley-eu"), ConfigFactory.empty(), Region.EU_WEST_1)) {
            String arn = ireland.cleanRooms(CREATOR)
                    .createCollaboration(CleanRoomsContract.request("eu", b -> {}))
                    .collaboration()
                    .arn();
            assertTrue(arn.startsWith("arn:aws:cleanrooms:eu-west-1:" + CREATOR.accountId() + ":collaboration/"), arn);
            CleanRoomsException wrongRegion = org.junit.jupiter.api.Assertions.assertThrows(
                    CleanRoomsException.class,
                    () -> RunningParley.cleanRooms(
                                    ireland.endpoint(),
                                    Region.US_EAST_1,
                                    CREATOR.accessKeyId(),
                                    CREATOR.secretAccessKey())
                            .listCollaborations(r -> {}));
            assertEquals(403, wrongRegion.statusCode());
        }
    }

    @Test
    void anUnsignedPayloadCannotBeReplayedWithAnotherBody() {
        String id = creator.createCollaboration(CleanRoomsContract.request("original", b -> {}))
                .collaboration()
                .id();
        String path = "/collaborations/" + id;
        byte[] signedBody = SignedHttp.bytes("{\"description\":\"harmless\"}");
        // Payload signing can be switched off only over https; the captured request is then replayed over http.
        var captured = http.sign(
                CREATOR,
                "PATCH",
                path,
                "application/json",
                signedBody,
                s -> s.request(s.build().request().toBuilder().protocol("https").build())
                        .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false));
        assertEquals(
                "UNSIGNED-PAYLOAD",
                captured.firstMatchingHeader("x-amz-content-sha256").orElseThrow());

        SignedHttp.Reply replayed = http.sendAsIs(
                captured.toBuilder().protocol("http").build(), SignedHttp.bytes("{\"name\":\"hijacked\"}"));

        assertEquals(403, replayed.status(), replayed.body());
        assertEquals("InvalidSignatureException", replayed.errorType());
        assertEquals(
                "original",
                creator.getCollaboration(r -> r.collaborationIdentifier(id))
                        .collaboration()
                        .name());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "application/json; charset=utf-8",
                "Application/JSON",
                "application/json;charset=UTF-8",
                "application/x-amz-json-1.1",
                "text/plain; charset=\"utf-8\""
            })
    void theContentTypeIsVerifiedAsTheClientSignedIt(String contentType) {
        byte[] body = SignedHttp.bytes("{\"name\":\"typed\",\"creatorDisplayName\":\"A\",\"creatorMemberAbilities\":[],"
                + "\"members\":[],\"queryLogStatus\":\"DISABLED\"}");
        var signed = http.sign(CREATOR, "POST", "/collaborations", contentType, body, s -> {});

        SignedHttp.Reply created = http.sendAsIs(signed, body);
        assertEquals(200, created.status(), created.body());

        SignedHttp.Reply altered = http.sendAsIs(
                signed.toBuilder()
                        .putHeader("Content-Type", contentType + " ")
                        .putHeader("Content-Type", contentType.toUpperCase(java.util.Locale.ROOT) + ";x=1")
                        .build(),
                body);
        assertEquals(403, altered.status(), altered.body());
        assertEquals("InvalidSignatureException", altered.errorType());
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        int size = 17 << 20;
        RawHttp.Answer answer = RawHttp.exchange(
                parley.endpoint(),
                "POST /collaborations HTTP/1.1\r\nHost: x\r\n" + "Content-Type: application/json\r\nContent-Length: "
                        + size + "\r\n\r\n",
                new byte[size],
                Duration.ofSeconds(10));

        assertEquals(413, answer.status(), answer.text());
        assertTrue(answer.text().contains("x-amzn-ErrorType: RequestEntityTooLargeException"), answer.text());
    }

    @Test
    void aChunkedBodyOverTheLimitIs413() throws Exception {
        StringBuilder chunks = new StringBuilder();
        String chunk = "x".repeat(1 << 20);
        for (int i = 0; i < 17; i++) {
            chunks.append(Integer.toHexString(chunk.length()))
                    .append("\r\n")
                    .append(chunk)
                    .append("\r\n");
        }
        chunks.append("0\r\n\r\n");
        RawHttp.Answer answer =
                postCollaborations("Transfer-Encoding: chunked", chunks.toString(), Duration.ofSeconds(10));

        assertEquals(413, answer.status(), answer.text());
        assertTrue(answer.text().contains("x-amzn-ErrorType: RequestEntityTooLargeException"), answer.text());
    }

    @Test
    void malformedChunkedEncodingIs400() throws Exception {
        RawHttp.Answer answer =
                postCollaborations("Transfer-Encoding: chunked", "zz\r\n{}\r\n0\r\n\r\n", Duration.ofSeconds(10));

        assertEquals(400, answer.status(), answer.text());
        assertTrue(answer.text().contains("x-amzn-ErrorType: ValidationException"), answer.text());
    }

    @Test
    void aBodyShorterThanItsContentLengthIs408AfterTheBodyTimeout() throws Exception {
        RawHttp.Answer answer = postCollaborations("Content-Length: 100", "{\"name\":", Duration.ofSeconds(30));

        assertEquals(408, answer.status(), answer.text());
        assertTrue(answer.text().contains("x-amzn-ErrorType: RequestTimeoutException"), answer.text());
        assertTrue(answer.elapsed().compareTo(Duration.ofSeconds(15)) < 0, "answered after " + answer.elapsed());
    }

    /** A JSON POST to /collaborations whose body is framed by {@code framing}, sent as raw bytes. */
    private RawHttp.Answer postCollaborations(String framing, String body, Duration wait) throws Exception {
        return RawHttp.exchange(
                parley.endpoint(),
                "POST /collaborations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" + framing + "\r\n\r\n",
                body.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                wait);
    }

    @Test
    void unparseableRequestsGetAnAwsError() throws Exception {
        RawHttp.Answer answer = RawHttp.exchange(
                parley.endpoint(),
                "POST /collaborations HTTP/1.1\r\nHost: x\r\n" + "Content-Length: 5\r\nContent-Length: 7\r\n\r\n",
                new byte[7],
                Duration.ofSeconds(10));

        assertEquals(400, answer.status(), answer.text());
        assertTrue(answer.text().contains("x-amzn-ErrorType: ValidationException"), answer.text());
        assertTrue(answer.text().contains("x-amzn-RequestId: "), answer.text());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"name\":\"\\ud800\"}",
                "{\"description\":\"ok\\udc00\"}",
                "{\"name\":\"a\\ud800\\ud800b\"}",
                "{\"name\":\"pair \\ud83d\\ude00 then lone \\ude00\"}"
            })
    void unpairedSurrogatesAreRefusedAtTheDoorAndTheEntityStaysHealthy(String changes) {
        String id = creator.createCollaboration(CleanRoomsContract.request("plain", b -> {}))
                .collaboration()
                .id();
        long start = System.nanoTime();
        SignedHttp.Reply reply = http.send(CREATOR, "PATCH", "/collaborations/" + id, changes);

        assertEquals(400, reply.status(), reply.body());
        assertEquals("ValidationException", reply.errorType());
        assertTrue(reply.body().contains("unpaired surrogate"), reply.body());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(3).toNanos());
        assertEquals(
                "renamed",
                creator.updateCollaboration(r -> r.collaborationIdentifier(id).name("renamed"))
                        .collaboration()
                        .name(),
                "the entity still answers");
        assertEquals(
                200,
                http.send(CREATOR, "PATCH", "/collaborations/" + id, "{\"name\":\"pair \\ud83d\\ude00 is fine\"}")
                        .status());
    }

    @Test
    void aRefusedJoinLeavesNoHalfDoneState() {
        String id = creator.createCollaboration(CleanRoomsContract.request("join", b -> {}))
                .collaboration()
                .id();
        SignedHttp.Reply refused = http.send(
                MEMBER_B,
                "POST",
                "/memberships",
                "{\"collaborationIdentifier\":\"" + id
                        + "\",\"queryLogStatus\":\"ENABLED\",\"tags\":{\"owner\":\"\\ud800\"}}");
        assertEquals(400, refused.status(), refused.body());
        assertEquals(
                MemberStatus.INVITED,
                memberB.getCollaboration(r -> r.collaborationIdentifier(id))
                        .collaboration()
                        .memberStatus());
        Map<String, String> tooMany = new HashMap<>();
        for (int i = 0; i < 51; i++) {
            tooMany.put("k" + i, "v");
        }
        org.junit.jupiter.api.Assertions.assertThrows(
                ValidationException.class,
                () -> memberB.createMembership(r -> r.collaborationIdentifier(id)
                        .queryLogStatus(MembershipQueryLogStatus.ENABLED)
                        .tags(tooMany)));
        assertEquals(
                MemberStatus.INVITED,
                memberB.getCollaboration(r -> r.collaborationIdentifier(id))
                        .collaboration()
                        .memberStatus());

        var joined = memberB.createMembership(r -> r.collaborationIdentifier(id)
                        .queryLogStatus(MembershipQueryLogStatus.ENABLED)
                        .tags(Map.of("owner", "b")))
                .membership();
        assertEquals(
                MembershipQueryLogStatus.ENABLED,
                memberB.getMembership(r -> r.membershipIdentifier(joined.id()))
                        .membership()
                        .queryLogStatus());
    }

    @Test
    void theModelsLimitsHoldOnCreate() {
        Map<String, String> fiftyOne = new HashMap<>();
        for (int i = 0; i < 51; i++) {
            fiftyOne.put("k" + i, "v");
        }
        ValidationException tooManyTags = org.junit.jupiter.api.Assertions.assertThrows(
                ValidationException.class,
                () -> creator.createCollaboration(CleanRoomsContract.request("tags", b -> b.tags(fiftyOne))));
        assertTrue(tooManyTags.getMessage().contains("at most 50 tags"), tooManyTags.getMessage());

        List<MemberSpecification> crowd = new java.util.ArrayList<>();
        for (int i = 0; i <= 100; i++) {
            crowd.add(MemberSpecification.builder()
                    .accountId(String.format("%012d", 500_000_000_000L + i))
                    .displayName("m" + i)
                    .memberAbilities(List.of())
                    .build());
        }
        ValidationException tooManyMembers = org.junit.jupiter.api.Assertions.assertThrows(
                ValidationException.class,
                () -> creator.createCollaboration(CleanRoomsContract.request("crowd", b -> b.members(crowd))));
        assertTrue(tooManyMembers.getMessage().contains("at most 100 members"), tooManyMembers.getMessage());
    }

    @Test
    void errorBodiesCarryTheMembersOfTheirShape() {
        String missing = java.util.UUID.randomUUID().toString();
        var notFound = org.junit.jupiter.api.Assertions.assertThrows(
                software.amazon.awssdk.services.cleanrooms.model.ResourceNotFoundException.class,
                () -> creator.getCollaboration(r -> r.collaborationIdentifier(missing)));
        assertEquals(missing, notFound.resourceId());
        assertEquals(
                software.amazon.awssdk.services.cleanrooms.model.ResourceType.COLLABORATION, notFound.resourceType());

        var invalid = org.junit.jupiter.api.Assertions.assertThrows(
                ValidationException.class,
                () -> creator.createCollaboration(CleanRoomsContract.request("x".repeat(101), b -> {})));
        assertEquals(
                software.amazon.awssdk.services.cleanrooms.model.ValidationExceptionReason.FIELD_VALIDATION_FAILED,
                invalid.reason());
        assertEquals("name", invalid.fieldList().get(0).name());
        assertTrue(
                invalid.fieldList().get(0).message().contains("length less than or equal to 100"),
                invalid.fieldList().get(0).message());

        String id = creator.createCollaboration(CleanRoomsContract.request("conflicts", b -> {}))
                .collaboration()
                .id();
        memberB.createMembership(r -> r.collaborationIdentifier(id).queryLogStatus(MembershipQueryLogStatus.ENABLED));
        var conflict = org.junit.jupiter.api.Assertions.assertThrows(
                software.amazon.awssdk.services.cleanrooms.model.ConflictException.class,
                () -> memberB.createMembership(
                        r -> r.collaborationIdentifier(id).queryLogStatus(MembershipQueryLogStatus.ENABLED)));
        assertEquals(id, conflict.resourceId());
        var denied = org.junit.jupiter.api.Assertions.assertThrows(
                software.amazon.awssdk.services.cleanrooms.model.AccessDeniedException.class,
                () -> memberB.updateCollaboration(
                        r -> r.collaborationIdentifier(id).name("mine")));
        assertEquals(
                software.amazon.awssdk.services.cleanrooms.model.AccessDeniedExceptionReason.INSUFFICIENT_PERMISSIONS,
                denied.reason());
    }

    @Test
    void everyAnswerCarriesARequestId() {
        SignedHttp.Reply ok = http.send(CREATOR, "GET", "/collaborations", null);
        SignedHttp.Reply refused = http.send(CREATOR, "GET", "/collaborations/not-an-id", null);

        assertEquals(200, ok.status());
        assertNotNull(ok.requestId());
        assertEquals(400, refused.status());
        assertNotNull(refused.requestId());
        assertTrue(!ok.requestId().equals(refused.requestId()));
    }
}
