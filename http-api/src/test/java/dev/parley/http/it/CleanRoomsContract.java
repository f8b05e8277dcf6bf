package dev.parley.http.it;

import static dev.parley.http.it.RunningParley.eventually;
import static dev.parley.http.it.TestAccounts.CREATOR;
import static dev.parley.http.it.TestAccounts.MEMBER_B;
import static dev.parley.http.it.TestAccounts.MEMBER_C;
import static dev.parley.http.it.TestAccounts.OUTSIDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.services.cleanrooms.model.AccessDeniedException;
import software.amazon.awssdk.services.cleanrooms.model.AnalyticsEngine;
import software.amazon.awssdk.services.cleanrooms.model.CleanRoomsException;
import software.amazon.awssdk.services.cleanrooms.model.Collaboration;
import software.amazon.awssdk.services.cleanrooms.model.CollaborationQueryLogStatus;
import software.amazon.awssdk.services.cleanrooms.model.ConflictException;
import software.amazon.awssdk.services.cleanrooms.model.CreateCollaborationRequest;
import software.amazon.awssdk.services.cleanrooms.model.FilterableMemberStatus;
import software.amazon.awssdk.services.cleanrooms.model.MemberAbility;
import software.amazon.awssdk.services.cleanrooms.model.MemberSpecification;
import software.amazon.awssdk.services.cleanrooms.model.MemberStatus;
import software.amazon.awssdk.services.cleanrooms.model.MemberSummary;
import software.amazon.awssdk.services.cleanrooms.model.Membership;
import software.amazon.awssdk.services.cleanrooms.model.MembershipQueryLogStatus;
import software.amazon.awssdk.services.cleanrooms.model.MembershipStatus;
import software.amazon.awssdk.services.cleanrooms.model.MembershipSummary;
import software.amazon.awssdk.services.cleanrooms.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cleanrooms.model.ResultFormat;
import software.amazon.awssdk.services.cleanrooms.model.ValidationException;

/**
 * The Clean Rooms collaboration and membership contract, driven through the real AWS SDK client
 * against a started node. Subclasses choose the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CleanRoomsContract {

    RunningParley parley;
    CleanRoomsClient creator;
    CleanRoomsClient memberB;
    CleanRoomsClient memberC;
    CleanRoomsClient outsider;
    SignedHttp raw;

    /** Settings that select the database under test. */
    abstract Config databaseConfig();

    @BeforeAll
    void startParley() throws java.io.IOException {
        parley = new RunningParley(Files.createTempDirectory("parley-it"), databaseConfig());
        connect();
    }

    private void connect() {
        creator = parley.cleanRooms(CREATOR);
        memberB = parley.cleanRooms(MEMBER_B);
        memberC = parley.cleanRooms(MEMBER_C);
        outsider = parley.cleanRooms(OUTSIDER);
        raw = new SignedHttp(parley.endpoint());
    }

    @AfterAll
    void stopParley() {
        if (parley != null) {
            parley.close();
        }
    }

    /** Creator can query and receive results; B receives results; C has no abilities. */
    Collaboration createThreeMemberCollaboration(String name) {
        return creator.createCollaboration(request(name, b -> {})).collaboration();
    }

    static CreateCollaborationRequest request(String name, Consumer<CreateCollaborationRequest.Builder> changes) {
        CreateCollaborationRequest.Builder builder = CreateCollaborationRequest.builder()
                .name(name)
                .description("advertiser x publisher overlap")
                .creatorDisplayName("Advertiser")
                .creatorMemberAbilities(MemberAbility.CAN_QUERY, MemberAbility.CAN_RECEIVE_RESULTS)
                .members(
                        MemberSpecification.builder()
                                .accountId(MEMBER_B.accountId())
                                .displayName("Publisher")
                                .memberAbilities(MemberAbility.CAN_RECEIVE_RESULTS)
                                .build(),
                        MemberSpecification.builder()
                                .accountId(MEMBER_C.accountId())
                                .displayName("Observer")
                                .memberAbilities(List.of())
                                .build())
                .queryLogStatus(CollaborationQueryLogStatus.DISABLED)
                .analyticsEngine(AnalyticsEngine.CLEAN_ROOMS_SQL)
                .tags(Map.of("team", "growth"));
        changes.accept(builder);
        return builder.build();
    }

    Membership join(CleanRoomsClient client, String collaborationId) {
        return client.createMembership(r ->
                        r.collaborationIdentifier(collaborationId).queryLogStatus(MembershipQueryLogStatus.DISABLED))
                .membership();
    }

    List<MemberSummary> members(CleanRoomsClient client, String collaborationId) {
        return client.listMembersPaginator(r -> r.collaborationIdentifier(collaborationId)).memberSummaries().stream()
                .toList();
    }

    /** The member's status, or null while the read side has not caught up. */
    static MemberStatus statusOf(List<MemberSummary> members, String accountId) {
        return members.stream()
                .filter(m -> m.accountId().equals(accountId))
                .findFirst()
                .map(MemberSummary::status)
                .orElse(null);
    }

    @Test
    void threeAccountsFormJoinUpdateRemoveLeaveAndDelete() {
        Collaboration created = createThreeMemberCollaboration("three accounts");
        String id = created.id();
        assertEquals(MemberStatus.INVITED, created.memberStatus(), "the creator is INVITED until they join");
        assertEquals("arn:aws:cleanrooms:us-east-1:" + CREATOR.accountId() + ":collaboration/" + id, created.arn());
        assertEquals(CREATOR.accountId(), created.creatorAccountId());
        assertNull(created.membershipId());
        assertEquals(AnalyticsEngine.CLEAN_ROOMS_SQL, created.analyticsEngine());

        // Invited members see it in their INVITED list, not in their ACTIVE list.
        eventually(
                () -> memberB.listCollaborations(r -> r.memberStatus(FilterableMemberStatus.INVITED))
                        .collaborationList(),
                list -> list.stream().anyMatch(c -> c.id().equals(id)));
        assertTrue(
                memberB
                        .listCollaborations(r -> r.memberStatus(FilterableMemberStatus.ACTIVE))
                        .collaborationList()
                        .stream()
                        .noneMatch(c -> c.id().equals(id)));
        assertEquals(
                MemberStatus.INVITED,
                memberB.getCollaboration(r -> r.collaborationIdentifier(id))
                        .collaboration()
                        .memberStatus());

        Membership creatorMembership = join(creator, id);
        assertEquals(MembershipStatus.ACTIVE, creatorMembership.status());
        assertTrue(
                creatorMembership.paymentConfiguration().queryCompute().isResponsible(),
                "the member who can query is the default payer");
        Membership bMembership = memberB.createMembership(r -> r.collaborationIdentifier(id)
                        .queryLogStatus(MembershipQueryLogStatus.ENABLED)
                        .defaultResultConfiguration(c ->
                                c.outputConfiguration(o -> o.s3(s3 -> s3.resultFormat(ResultFormat.CSV)
                                        .bucket("publisher-results")
                                        .keyPrefix("overlap/"))))
                        .tags(Map.of("owner", "publisher")))
                .membership();
        assertEquals(id, bMembership.collaborationId());
        assertEquals("three accounts", bMembership.collaborationName());
        assertEquals(List.of(MemberAbility.CAN_RECEIVE_RESULTS), bMembership.memberAbilities());
        assertFalse(bMembership.paymentConfiguration().queryCompute().isResponsible());
        assertEquals(
                "publisher-results",
                bMembership
                        .defaultResultConfiguration()
                        .outputConfiguration()
                        .s3()
                        .bucket());
        assertEquals(
                bMembership.id(),
                memberB.getCollaboration(r -> r.collaborationIdentifier(id))
                        .collaboration()
                        .membershipId());

        assertThrows(ConflictException.class, () -> join(memberB, id), "an account joins once");

        eventually(
                () -> memberB.listMemberships(r -> r.status(MembershipStatus.ACTIVE))
                        .membershipSummaries(),
                list -> list.stream().anyMatch(m -> m.id().equals(bMembership.id())));
        eventually(
                () -> members(creator, id),
                list -> statusOf(list, CREATOR.accountId()) == MemberStatus.ACTIVE
                        && statusOf(list, MEMBER_B.accountId()) == MemberStatus.ACTIVE);
        List<MemberSummary> members = members(memberC, id);
        assertEquals(3, members.size());
        assertEquals(MemberStatus.INVITED, statusOf(members, MEMBER_C.accountId()));
        assertTrue(members.stream()
                .filter(m -> m.accountId().equals(CREATOR.accountId()))
                .findFirst()
                .orElseThrow()
                .paymentConfiguration()
                .queryCompute()
                .isResponsible());

        Collaboration renamed = creator.updateCollaboration(r -> r.collaborationIdentifier(id)
                        .name("three accounts, renamed")
                        .analyticsEngine(AnalyticsEngine.SPARK))
                .collaboration();
        assertEquals("three accounts, renamed", renamed.name());
        assertEquals("advertiser x publisher overlap", renamed.description(), "unset fields are kept");
        assertEquals(AnalyticsEngine.SPARK, renamed.analyticsEngine());
        eventually(
                () -> memberB.getMembership(r -> r.membershipIdentifier(bMembership.id()))
                        .membership()
                        .collaborationName(),
                "three accounts, renamed"::equals);

        creator.deleteMember(r -> r.collaborationIdentifier(id).accountId(MEMBER_C.accountId()));
        assertThrows(
                AccessDeniedException.class,
                () -> memberC.getCollaboration(r -> r.collaborationIdentifier(id)),
                "a removed member can no longer read the collaboration");
        assertThrows(ConflictException.class, () -> join(memberC, id), "a removed member cannot join");

        memberB.deleteMembership(r -> r.membershipIdentifier(bMembership.id()));
        assertEquals(
                MembershipStatus.REMOVED,
                memberB.getMembership(r -> r.membershipIdentifier(bMembership.id()))
                        .membership()
                        .status());
        eventually(
                () -> members(creator, id),
                list -> statusOf(list, MEMBER_B.accountId()) == MemberStatus.LEFT
                        && statusOf(list, MEMBER_C.accountId()) == MemberStatus.REMOVED);
        assertThrows(
                ConflictException.class,
                () -> creator.deleteMembership(r -> r.membershipIdentifier(creatorMembership.id())),
                "the creator cannot leave");

        creator.deleteCollaboration(r -> r.collaborationIdentifier(id));
        assertThrows(
                ResourceNotFoundException.class, () -> creator.getCollaboration(r -> r.collaborationIdentifier(id)));
        eventually(
                () -> creator.getMembership(r -> r.membershipIdentifier(creatorMembership.id()))
                        .membership()
                        .status(),
                MembershipStatus.COLLABORATION_DELETED::equals);
        eventually(
                () -> creator.listCollaborations(r -> {}).collaborationList(),
                list -> list.stream().noneMatch(c -> c.id().equals(id)));
        eventually(
                () -> creator.listMemberships(r -> r.status(MembershipStatus.COLLABORATION_DELETED))
                        .membershipSummaries(),
                list -> list.stream().anyMatch(m -> m.id().equals(creatorMembership.id())));
    }

    @Test
    void nonMembersAndNonCreatorsAreDenied() {
        String id = createThreeMemberCollaboration("permissions").id();
        Membership bMembership = join(memberB, id);

        assertThrows(AccessDeniedException.class, () -> outsider.getCollaboration(r -> r.collaborationIdentifier(id)));
        assertThrows(AccessDeniedException.class, () -> members(outsider, id));
        assertThrows(AccessDeniedException.class, () -> join(outsider, id), "only invited accounts can join");
        assertThrows(
                AccessDeniedException.class,
                () -> memberB.updateCollaboration(
                        r -> r.collaborationIdentifier(id).name("taken over")));
        assertThrows(
                AccessDeniedException.class, () -> memberB.deleteCollaboration(r -> r.collaborationIdentifier(id)));
        assertThrows(
                AccessDeniedException.class,
                () -> memberB.deleteMember(r -> r.collaborationIdentifier(id).accountId(MEMBER_C.accountId())));
        assertThrows(
                AccessDeniedException.class,
                () -> outsider.getMembership(r -> r.membershipIdentifier(bMembership.id())));
        assertThrows(
                AccessDeniedException.class,
                () -> creator.updateMembership(r ->
                        r.membershipIdentifier(bMembership.id()).queryLogStatus(MembershipQueryLogStatus.ENABLED)));
        assertThrows(
                AccessDeniedException.class,
                () -> creator.deleteMembership(r -> r.membershipIdentifier(bMembership.id())));
        String collaborationArn = creator.getCollaboration(r -> r.collaborationIdentifier(id))
                .collaboration()
                .arn();
        assertThrows(
                AccessDeniedException.class,
                () -> memberB.tagResource(r -> r.resourceArn(collaborationArn).tags(Map.of("k", "v"))));
        assertThrows(
                AccessDeniedException.class, () -> memberB.listTagsForResource(r -> r.resourceArn(collaborationArn)));

        // Nothing the denied calls tried has changed anything.
        Collaboration unchanged =
                creator.getCollaboration(r -> r.collaborationIdentifier(id)).collaboration();
        assertEquals("permissions", unchanged.name());
        assertEquals(
                Map.of("team", "growth"),
                creator.listTagsForResource(r -> r.resourceArn(collaborationArn))
                        .tags());
        assertTrue(outsider.listCollaborations(r -> {}).collaborationList().stream()
                .noneMatch(c -> c.id().equals(id)));
        assertEquals(
                MembershipStatus.ACTIVE,
                memberB.getMembership(r -> r.membershipIdentifier(bMembership.id()))
                        .membership()
                        .status());
    }

    @Test
    void tagsOnCollaborationsAndMemberships() {
        String id = createThreeMemberCollaboration("tags").id();
        Membership membership = join(memberB, id);
        String collaborationArn = creator.getCollaboration(r -> r.collaborationIdentifier(id))
                .collaboration()
                .arn();

        creator.tagResource(r -> r.resourceArn(collaborationArn).tags(Map.of("stage", "pilot", "team", "ads")));
        assertEquals(
                Map.of("team", "ads", "stage", "pilot"),
                creator.listTagsForResource(r -> r.resourceArn(collaborationArn))
                        .tags());
        creator.untagResource(r -> r.resourceArn(collaborationArn).tagKeys("stage", "absent"));
        assertEquals(
                Map.of("team", "ads"),
                creator.listTagsForResource(r -> r.resourceArn(collaborationArn))
                        .tags());

        memberB.tagResource(r -> r.resourceArn(membership.arn()).tags(Map.of("cost-center", "42")));
        assertEquals(
                Map.of("cost-center", "42"),
                memberB.listTagsForResource(r -> r.resourceArn(membership.arn()))
                        .tags());
        assertThrows(
                ValidationException.class,
                () -> memberB.tagResource(
                        r -> r.resourceArn("arn:aws:s3:::bucket").tags(Map.of("k", "v"))));
    }

    @Test
    void paymentRulesFromTheSeeds() {
        // Two members configured to pay.
        assertThrows(
                ValidationException.class,
                () -> creator.createCollaboration(request(
                        "two payers",
                        b -> b.creatorPaymentConfiguration(p -> p.queryCompute(q -> q.isResponsible(true)))
                                .members(MemberSpecification.builder()
                                        .accountId(MEMBER_B.accountId())
                                        .displayName("B")
                                        .memberAbilities(MemberAbility.CAN_RECEIVE_RESULTS)
                                        .paymentConfiguration(p -> p.queryCompute(q -> q.isResponsible(true)))
                                        .build()))));
        // The member who can query set to FALSE while nobody else pays.
        assertThrows(
                ValidationException.class,
                () -> creator.createCollaboration(request(
                        "querier false",
                        b -> b.creatorPaymentConfiguration(p -> p.queryCompute(q -> q.isResponsible(false))))));

        // B is made the payer although it cannot query: it must accept explicitly, with TRUE.
        String id = creator.createCollaboration(request(
                        "b pays",
                        b -> b.creatorPaymentConfiguration(p -> p.queryCompute(q -> q.isResponsible(false)))
                                .members(MemberSpecification.builder()
                                        .accountId(MEMBER_B.accountId())
                                        .displayName("B")
                                        .memberAbilities(MemberAbility.CAN_RECEIVE_RESULTS)
                                        .paymentConfiguration(p -> p.queryCompute(q -> q.isResponsible(true)))
                                        .build())))
                .collaboration()
                .id();
        assertThrows(ValidationException.class, () -> join(memberB, id), "a paying non-querier must say so");
        assertThrows(
                ValidationException.class,
                () -> memberB.createMembership(r -> r.collaborationIdentifier(id)
                        .queryLogStatus(MembershipQueryLogStatus.DISABLED)
                        .paymentConfiguration(p -> p.queryCompute(q -> q.isResponsible(false)))));
        assertThrows(
                ValidationException.class,
                () -> creator.createMembership(r -> r.collaborationIdentifier(id)
                        .queryLogStatus(MembershipQueryLogStatus.DISABLED)
                        .paymentConfiguration(p -> p.queryCompute(q -> q.isResponsible(true)))),
                "the creator is not the payer here");
        Membership paying = memberB.createMembership(r -> r.collaborationIdentifier(id)
                        .queryLogStatus(MembershipQueryLogStatus.DISABLED)
                        .paymentConfiguration(p -> p.queryCompute(q -> q.isResponsible(true))))
                .membership();
        assertTrue(paying.paymentConfiguration().queryCompute().isResponsible());
        // This SDK version has no membershipPaymentConfiguration on UpdateMembership; newer models do.
        SignedHttp.Reply refused = raw.send(
                MEMBER_B,
                "PATCH",
                "/memberships/" + paying.id(),
                "{\"membershipPaymentConfiguration\": {\"queryCompute\": {\"isResponsible\": false}}}");
        assertEquals("ValidationException", refused.errorType(), refused.body());
        List<MemberSummary> members = eventually(
                () -> members(creator, id), list -> statusOf(list, MEMBER_B.accountId()) == MemberStatus.ACTIVE);
        assertTrue(members.stream()
                .filter(m -> m.accountId().equals(MEMBER_B.accountId()))
                .findFirst()
                .orElseThrow()
                .paymentConfiguration()
                .queryCompute()
                .isResponsible());
        assertFalse(members.stream()
                .filter(m -> m.accountId().equals(CREATOR.accountId()))
                .findFirst()
                .orElseThrow()
                .paymentConfiguration()
                .queryCompute()
                .isResponsible());
    }

    @Test
    void invalidInputIsAValidationErrorAndChangesNothing() {
        expectValidation(() -> creator.createCollaboration(request("x".repeat(101), b -> {})), "name");
        expectValidation(() -> creator.createCollaboration(request("   ", b -> {})), "name");
        expectValidation(
                () -> creator.createCollaboration(request("ok", b -> b.queryLogStatus("LOUD"))), "queryLogStatus");
        expectValidation(
                () -> creator.createCollaboration(
                        request("ok", b -> b.creatorMemberAbilitiesWithStrings(List.of("CAN_FLY")))),
                "creatorMemberAbilities");
        expectValidation(
                () -> creator.createCollaboration(request(
                        "ok",
                        b -> b.members(MemberSpecification.builder()
                                .accountId("12345")
                                .displayName("short")
                                .memberAbilities(List.of())
                                .build()))),
                "accountId");
        expectValidation(
                () -> creator.createCollaboration(request(
                        "ok",
                        b -> b.members(MemberSpecification.builder()
                                .accountId(CREATOR.accountId())
                                .displayName("me again")
                                .memberAbilities(List.of())
                                .build()))),
                "creator");
        expectValidation(
                () -> creator.getCollaboration(r -> r.collaborationIdentifier("not-a-uuid")),
                "collaborationIdentifier");
        expectValidation(
                () -> creator.getMembership(r -> r.membershipIdentifier("NOT-A-UUID-AT-ALL-0000000000000000000")),
                "membershipIdentifier");
        expectValidation(() -> creator.listCollaborations(r -> r.maxResults(0)), "maxResults");
        expectValidation(() -> creator.listCollaborations(r -> r.maxResults(101)), "maxResults");
        expectValidation(() -> creator.listCollaborations(r -> r.nextToken("forged-token")), "nextToken");
        expectValidation(() -> creator.listMemberships(r -> r.status("GONE")), "status");

        SignedHttp.Reply malformed = raw.send(CREATOR, "POST", "/collaborations", "{\"name\": ");
        assertEquals(400, malformed.status());
        assertEquals("ValidationException", malformed.errorType());
        SignedHttp.Reply notAnObject = raw.send(CREATOR, "POST", "/collaborations", "[1,2]");
        assertEquals("ValidationException", notAnObject.errorType());
        SignedHttp.Reply missing = raw.send(CREATOR, "POST", "/collaborations", "{}");
        assertEquals("ValidationException", missing.errorType());
        assertTrue(missing.body().contains("members"), missing.body());
        SignedHttp.Reply wrongType = raw.send(
                CREATOR,
                "POST",
                "/collaborations",
                "{\"members\": [], \"name\": 7, \"creatorMemberAbilities\": [], \"creatorDisplayName\": \"c\","
                        + " \"queryLogStatus\": \"ENABLED\"}");
        assertEquals("ValidationException", wrongType.errorType());
        assertTrue(wrongType.body().contains("name"), wrongType.body());
        SignedHttp.Reply wrongMethod = raw.send(CREATOR, "PUT", "/collaborations", "{}");
        assertEquals(400, wrongMethod.status());
        assertEquals("ValidationException", wrongMethod.errorType());
        SignedHttp.Reply unknown = raw.send(CREATOR, "GET", "/no-such-operation", null);
        assertEquals(404, unknown.status());

        // A token from one listing is refused by another.
        String marker = createThreeMemberCollaboration("after the invalid ones").id();
        createThreeMemberCollaboration("one more, to have a second page");
        String token = eventually(
                () -> creator.listCollaborations(r -> r.maxResults(1)).nextToken(), java.util.Objects::nonNull);
        expectValidation(() -> memberB.listCollaborations(r -> r.maxResults(1).nextToken(token)), "nextToken");

        // Once the read side shows a creation made after the invalid requests, it shows none of those.
        List<String> names = eventually(
                        () -> creator.listCollaborationsPaginator(r -> {}).collaborationList().stream()
                                .toList(),
                        list -> list.stream().anyMatch(c -> c.id().equals(marker)))
                .stream()
                .map(c -> c.name())
                .toList();
        assertFalse(names.contains("ok") || names.contains("   ") || names.contains("x".repeat(101)), names::toString);
    }

    @Test
    void paginationWalksEveryCollaborationOnce() {
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            created.add(createThreeMemberCollaboration("walk " + i).id());
        }
        eventually(
                () -> memberC.listCollaborationsPaginator(r -> r.maxResults(100)).collaborationList().stream()
                        .filter(c -> created.contains(c.id()))
                        .count(),
                count -> count == 7);
        List<String> walked = memberC.listCollaborationsPaginator(r -> r.maxResults(2)).collaborationList().stream()
                .map(c -> c.id())
                .toList();
        assertEquals(walked.size(), new HashSet<>(walked).size(), "no collaboration appears twice");
        assertTrue(walked.containsAll(created));
        List<MembershipSummary> none = outsider.listMemberships(r -> {}).membershipSummaries();
        assertTrue(none.isEmpty());
    }

    @Test
    void signaturesAreVerified() {
        CleanRoomsClient unknownKey = parley.cleanRooms("AKIAUNKNOWNKEY000000", "whatever");
        CleanRoomsException unrecognized =
                assertThrows(CleanRoomsException.class, () -> unknownKey.listCollaborations(r -> {}));
        assertEquals(403, unrecognized.statusCode());
        assertEquals(
                "UnrecognizedClientException", unrecognized.awsErrorDetails().errorCode());

        CleanRoomsClient wrongSecret = parley.cleanRooms(CREATOR.accessKeyId(), "not-the-secret");
        CleanRoomsException mismatch =
                assertThrows(CleanRoomsException.class, () -> wrongSecret.listCollaborations(r -> {}));
        assertEquals(403, mismatch.statusCode());
        assertEquals("InvalidSignatureException", mismatch.awsErrorDetails().errorCode());

        SignedHttp.Reply skewed = raw.send(
                CREATOR, "GET", "/collaborations", null, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-20)));
        assertEquals(403, skewed.status());
        assertEquals("InvalidSignatureException", skewed.errorType());
        assertTrue(skewed.body().contains("Signature expired"), skewed.body());

        SignedHttp.Reply unsigned = raw.sendUnsigned("GET", "/collaborations");
        assertEquals(403, unsigned.status());
        assertEquals("MissingAuthenticationTokenException", unsigned.errorType());

        assertEquals(
                200,
                raw.send(CREATOR, "GET", "/collaborations?maxResults=5", null).status(),
                "a correctly signed raw request passes");

        SignedHttp.Reply presigned =
                raw.sendPresigned(CREATOR, "/collaborations?maxResults=5", Duration.ofMinutes(5), Clock.systemUTC());
        assertEquals(200, presigned.status(), presigned.body());
        SignedHttp.Reply expired = raw.sendPresigned(
                CREATOR,
                "/collaborations",
                Duration.ofMinutes(5),
                Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10)));
        assertEquals(403, expired.status());
        assertEquals("InvalidSignatureException", expired.errorType());
    }

    @Test
    void aRestartLosesNothing() {
        Collaboration created = createThreeMemberCollaboration("survives restarts");
        String id = created.id();
        Membership membership = join(memberB, id);
        creator.deleteMember(r -> r.collaborationIdentifier(id).accountId(MEMBER_C.accountId()));
        creator.tagResource(r -> r.resourceArn(created.arn()).tags(Map.of("after", "restart")));

        parley.restart();
        connect();

        Collaboration recovered =
                memberB.getCollaboration(r -> r.collaborationIdentifier(id)).collaboration();
        assertEquals("survives restarts", recovered.name());
        assertEquals(membership.id(), recovered.membershipId());
        assertEquals(MemberStatus.ACTIVE, recovered.memberStatus());
        assertEquals(
                Map.of("team", "growth", "after", "restart"),
                creator.listTagsForResource(r -> r.resourceArn(created.arn())).tags());
        assertEquals(
                MembershipStatus.ACTIVE,
                memberB.getMembership(r -> r.membershipIdentifier(membership.id()))
                        .membership()
                        .status());
        List<MemberSummary> members = eventually(
                () -> members(creator, id),
                list -> statusOf(list, MEMBER_C.accountId()) == MemberStatus.REMOVED
                        && statusOf(list, MEMBER_B.accountId()) == MemberStatus.ACTIVE);
        assertNotNull(members);
        assertThrows(ConflictException.class, () -> join(memberB, id), "the join is remembered");
        // And the service goes on working after the restart.
        memberB.deleteMembership(r -> r.membershipIdentifier(membership.id()));
        eventually(() -> members(creator, id), list -> statusOf(list, MEMBER_B.accountId()) == MemberStatus.LEFT);
    }

    private static void expectValidation(Runnable call, String fieldMentioned) {
        ValidationException error = assertThrows(ValidationException.class, call::run);
        assertEquals(400, error.statusCode());
        assertTrue(
                error.awsErrorDetails().errorMessage().contains(fieldMentioned),
                "message should name '" + fieldMentioned + "': "
                        + error.awsErrorDetails().errorMessage());
    }
}
