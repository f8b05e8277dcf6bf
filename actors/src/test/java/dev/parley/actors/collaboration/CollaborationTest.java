package dev.parley.actors.collaboration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.actors.EntityTestConfig;
import dev.parley.actors.common.Rejection;
import dev.parley.actors.common.Taggable;
import dev.parley.actors.shared.JoinedMember;
import dev.parley.actors.shared.MemberAbility;
import dev.parley.actors.shared.MemberStatus;
import dev.parley.actors.shared.MembershipSettings;
import dev.parley.actors.shared.MembershipStanding;
import dev.parley.actors.shared.QueryLogStatus;
import dev.parley.actors.shared.TableAssociation;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit.CommandResultWithReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CollaborationTest {

    static final String CREATOR = "111111111111";
    static final String B = "222222222222";
    static final String C = "333333333333";
    static final String OUTSIDER = "444444444444";
    static final String ID = "6f1c2a3b-0000-4000-8000-000000000001";

    static final ActorTestKit TEST_KIT = ActorTestKit.create(EntityTestConfig.config());

    EventSourcedBehaviorTestKit<Collaboration.Command, Collaboration.Event, Collaboration.State> kit;

    @BeforeEach
    void freshEntity() {
        kit = EventSourcedBehaviorTestKit.create(TEST_KIT.system(), Collaboration.create(ID, "us-east-1"));
    }

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    static Collaboration.NewCollaboration request(List<MemberSpecification> members, Boolean creatorPays) {
        return request(members, creatorPays, Map.of("team", "ads"));
    }

    static Collaboration.NewCollaboration request(
            List<MemberSpecification> members, Boolean creatorPays, Map<String, String> tags) {
        return new Collaboration.NewCollaboration(
                CREATOR,
                "overlap",
                "ads x publisher",
                List.of(MemberAbility.CAN_QUERY, MemberAbility.CAN_RECEIVE_RESULTS),
                "Advertiser",
                creatorPays,
                members,
                null,
                QueryLogStatus.DISABLED,
                AnalyticsEngine.CLEAN_ROOMS_SQL,
                tags);
    }

    static List<MemberSpecification> bAndC() {
        return List.of(
                new MemberSpecification(B, "Publisher", List.of(MemberAbility.CAN_RECEIVE_RESULTS), null),
                new MemberSpecification(C, "Observer", List.of(), null));
    }

    Collaboration.View create() {
        var result = kit.<StatusReply<Collaboration.View>>runCommand(
                replyTo -> new Collaboration.Create(request(bAndC(), null), replyTo));
        return result.reply().getValue();
    }

    JoinedMember join(String account, String membershipId, MembershipSettings settings) {
        return kit.<StatusReply<JoinedMember>>runCommand(
                        replyTo -> new Collaboration.Join(account, membershipId, settings, replyTo))
                .reply()
                .getValue();
    }

    JoinedMember describe(String membershipId) {
        return kit.<StatusReply<JoinedMember>>runCommand(
                        replyTo -> new Collaboration.DescribeJoinedMember(membershipId, replyTo))
                .reply()
                .getValue();
    }

    List<MembershipStanding> standings() {
        return kit.<StatusReply<MembershipStanding.All>>runCommand(Collaboration.DescribeMembershipStandings::new)
                .reply()
                .getValue()
                .standings();
    }

    static MembershipSettings settings(Boolean pays) {
        return new MembershipSettings(QueryLogStatus.ENABLED, null, pays, Map.of());
    }

    <T> Throwable rejected(Function<ActorRef<StatusReply<T>>, Collaboration.Command> command) {
        CommandResultWithReply<Collaboration.Command, Collaboration.Event, Collaboration.State, StatusReply<T>> result =
                kit.runCommand(command::apply);
        assertTrue(result.reply().isError(), "expected a rejection");
        assertTrue(result.events().isEmpty(), "a rejected command persists nothing");
        return result.reply().getError();
    }

    @Test
    void createRecordsTheCreatorAsInvitedWithTheDefaultPayer() {
        var result = kit.<StatusReply<Collaboration.View>>runCommand(
                replyTo -> new Collaboration.Create(request(bAndC(), null), replyTo));
        Collaboration.View view = result.reply().getValue();
        assertEquals(
                "arn:aws:cleanrooms:us-east-1:" + CREATOR + ":collaboration/" + ID,
                view.details().arn());
        assertEquals(MemberStatus.INVITED, view.caller().status());
        var created = result.eventOfType(Collaboration.CollaborationCreated.class);
        assertEquals(
                List.of(CREATOR, B, C),
                created.members().stream().map(Collaboration.Member::accountId).toList());
        assertTrue(created.members().get(0).paysForQueryCompute(), "the member who can query pays by default");
        assertFalse(created.members().get(1).paysForQueryCompute());
        assertTrue(created.members().stream().allMatch(m -> m.status() == MemberStatus.INVITED));
        assertInstanceOf(Collaboration.Active.class, result.state());
    }

    @Test
    void createRefusesBrokenMemberAndPayerRules() {
        var twoPayers = List.of(new MemberSpecification(B, "B", List.of(), true));
        assertInstanceOf(
                Rejection.Invalid.class,
                this.<Collaboration.View>rejected(
                        replyTo -> new Collaboration.Create(request(twoPayers, true), replyTo)));
        assertInstanceOf(
                Rejection.Invalid.class,
                this.<Collaboration.View>rejected(
                        replyTo -> new Collaboration.Create(request(bAndC(), false), replyTo)),
                "querier set to FALSE");
        var twoQueriers = List.of(new MemberSpecification(B, "B", List.of(MemberAbility.CAN_QUERY), null));
        assertInstanceOf(
                Rejection.Invalid.class,
                this.<Collaboration.View>rejected(
                        replyTo -> new Collaboration.Create(request(twoQueriers, null), replyTo)));
        var duplicate = List.of(
                new MemberSpecification(B, "B", List.of(), null),
                new MemberSpecification(B, "B again", List.of(), null));
        assertInstanceOf(
                Rejection.Invalid.class,
                this.<Collaboration.View>rejected(
                        replyTo -> new Collaboration.Create(request(duplicate, null), replyTo)));
        var creatorAgain = List.of(new MemberSpecification(CREATOR, "me", List.of(), null));
        assertInstanceOf(
                Rejection.Invalid.class,
                this.<Collaboration.View>rejected(
                        replyTo -> new Collaboration.Create(request(creatorAgain, null), replyTo)));
        assertInstanceOf(Collaboration.Empty.class, kit.getState());
    }

    @Test
    void anotherPayerLetsTheQuerierDecline() {
        var bPays = List.of(new MemberSpecification(B, "B", List.of(MemberAbility.CAN_RECEIVE_RESULTS), true));
        var result = kit.<StatusReply<Collaboration.View>>runCommand(
                replyTo -> new Collaboration.Create(request(bPays, false), replyTo));
        var members =
                result.eventOfType(Collaboration.CollaborationCreated.class).members();
        assertFalse(members.get(0).paysForQueryCompute());
        assertTrue(members.get(1).paysForQueryCompute());
    }

    @Test
    void everyCommandBeforeCreationIsNotFound() {
        assertInstanceOf(
                Rejection.NotFound.class,
                this.<Collaboration.View>rejected(replyTo -> new Collaboration.Get(CREATOR, replyTo)));
        assertInstanceOf(
                Rejection.NotFound.class,
                this.<Collaboration.View>rejected(
                        replyTo -> new Collaboration.Update(CREATOR, "n", null, null, replyTo)));
        assertInstanceOf(
                Rejection.NotFound.class, this.<Done>rejected(replyTo -> new Collaboration.Delete(CREATOR, replyTo)));
        assertInstanceOf(
                Rejection.NotFound.class,
                this.<Done>rejected(replyTo -> new Collaboration.RemoveMember(CREATOR, B, replyTo)));
        assertInstanceOf(
                Rejection.NotFound.class,
                this.<JoinedMember>rejected(replyTo -> new Collaboration.Join(B, "m", settings(null), replyTo)));
        assertInstanceOf(
                Rejection.NotFound.class,
                this.<Done>rejected(replyTo ->
                        new Collaboration.Tagging(new Taggable.TagResource(CREATOR, Map.of("k", "v"), replyTo))));
        assertInstanceOf(
                Rejection.NotFound.class,
                this.<Done>rejected(replyTo ->
                        new Collaboration.Tagging(new Taggable.UntagResource(CREATOR, List.of("k"), replyTo))));
        assertInstanceOf(
                Rejection.NotFound.class,
                this.<Taggable.TagSet>rejected(
                        replyTo -> new Collaboration.Tagging(new Taggable.ListTags(CREATOR, replyTo))));
        assertInstanceOf(
                Rejection.NotFound.class, this.<Done>rejected(replyTo -> new Collaboration.MemberLeft(B, replyTo)));
    }

    @Test
    void readersAreTheCreatorAndInvitedOrActiveMembers() {
        create();
        var asB = kit.<StatusReply<Collaboration.View>>runCommand(replyTo -> new Collaboration.Get(B, replyTo));
        assertEquals(B, asB.reply().getValue().caller().accountId());
        assertInstanceOf(
                Rejection.AccessDenied.class,
                this.<Collaboration.View>rejected(replyTo -> new Collaboration.Get(OUTSIDER, replyTo)));
        assertInstanceOf(
                Rejection.Conflict.class,
                this.<Collaboration.View>rejected(
                        replyTo -> new Collaboration.Create(request(bAndC(), null), replyTo)));
    }

    @Test
    void onlyTheCreatorUpdatesAndUnsetFieldsAreKept() {
        create();
        assertInstanceOf(
                Rejection.AccessDenied.class,
                this.<Collaboration.View>rejected(
                        replyTo -> new Collaboration.Update(B, "mine now", null, null, replyTo)));
        assertInstanceOf(
                Rejection.AccessDenied.class,
                this.<Collaboration.View>rejected(
                        replyTo -> new Collaboration.Update(OUTSIDER, "mine now", null, null, replyTo)));
        var updated = kit.<StatusReply<Collaboration.View>>runCommand(
                replyTo -> new Collaboration.Update(CREATOR, "renamed", null, AnalyticsEngine.SPARK, replyTo));
        Collaboration.Details details = updated.reply().getValue().details();
        assertEquals("renamed", details.name());
        assertEquals("ads x publisher", details.description());
        assertEquals(AnalyticsEngine.SPARK, details.analyticsEngine());
    }

    @Test
    void anInvitedMemberJoinsOnceAndTheMembershipIsCreatedFromTheCollaboration() {
        create();
        var joined = kit.<StatusReply<JoinedMember>>runCommand(
                replyTo -> new Collaboration.Join(B, "membership-b", settings(null), replyTo));
        var event = joined.eventOfType(Collaboration.MemberJoined.class);
        assertEquals("arn:aws:cleanrooms:us-east-1:" + B + ":membership/membership-b", event.membershipArn());
        JoinedMember member = joined.reply().getValue();
        assertEquals(event.membershipArn(), member.membershipArn());
        assertEquals(ID, member.collaborationId());
        assertEquals(B, member.accountId());
        assertFalse(member.paysForQueryCompute());
        assertEquals("overlap", member.collaborationName());
        assertEquals(settings(null), member.settings());
        assertEquals(
                MemberStatus.ACTIVE,
                ((Collaboration.Active) joined.state()).members().get(B).status());
        assertEquals(member, describe("membership-b"), "the conversation is told what the joiner was");
        assertInstanceOf(
                Rejection.NotFound.class,
                this.<JoinedMember>rejected(
                        replyTo -> new Collaboration.DescribeJoinedMember("membership-x", replyTo)));

        assertInstanceOf(
                Rejection.Conflict.class,
                this.<JoinedMember>rejected(
                        replyTo -> new Collaboration.Join(B, "membership-b2", settings(null), replyTo)));
        assertInstanceOf(
                Rejection.AccessDenied.class,
                this.<JoinedMember>rejected(
                        replyTo -> new Collaboration.Join(OUTSIDER, "membership-x", settings(null), replyTo)));
    }

    @Test
    void joiningChecksTheAcceptedPayment() {
        create();
        assertInstanceOf(
                Rejection.Invalid.class,
                this.<JoinedMember>rejected(replyTo -> new Collaboration.Join(CREATOR, "m1", settings(false), replyTo)),
                "payer says FALSE");
        assertInstanceOf(
                Rejection.Invalid.class,
                this.<JoinedMember>rejected(replyTo -> new Collaboration.Join(B, "m2", settings(true), replyTo)),
                "non-payer says TRUE");
    }

    @Test
    void aPayerWhoCannotQueryMustAcceptExplicitly() {
        var bPays = List.of(new MemberSpecification(B, "B", List.of(MemberAbility.CAN_RECEIVE_RESULTS), true));
        kit.runCommand((ActorRef<StatusReply<Collaboration.View>> replyTo) ->
                new Collaboration.Create(request(bPays, false), replyTo));
        assertInstanceOf(
                Rejection.Invalid.class,
                this.<JoinedMember>rejected(replyTo -> new Collaboration.Join(B, "m", settings(null), replyTo)));
        assertEquals(
                1,
                kit.<StatusReply<JoinedMember>>runCommand(
                                replyTo -> new Collaboration.Join(B, "m", settings(true), replyTo))
                        .events()
                        .size());
    }

    @Test
    void theCreatorRemovesMembersAndTheirStandingSaysSo() {
        create();
        join(B, "membership-b", settings(null));

        assertInstanceOf(
                Rejection.AccessDenied.class,
                this.<Done>rejected(replyTo -> new Collaboration.RemoveMember(B, C, replyTo)));
        assertInstanceOf(
                Rejection.Invalid.class,
                this.<Done>rejected(replyTo -> new Collaboration.RemoveMember(CREATOR, CREATOR, replyTo)));
        assertInstanceOf(
                Rejection.NotFound.class,
                this.<Done>rejected(replyTo -> new Collaboration.RemoveMember(CREATOR, OUTSIDER, replyTo)));

        var removed = kit.<StatusReply<Done>>runCommand(replyTo -> new Collaboration.RemoveMember(CREATOR, B, replyTo));
        assertTrue(removed.reply().isSuccess());
        assertEquals(
                List.of(new MembershipStanding("membership-b", "overlap", MemberStatus.REMOVED, false)), standings());
        assertInstanceOf(
                Rejection.Conflict.class,
                this.<Done>rejected(replyTo -> new Collaboration.RemoveMember(CREATOR, B, replyTo)));
        assertInstanceOf(
                Rejection.AccessDenied.class,
                this.<Collaboration.View>rejected(replyTo -> new Collaboration.Get(B, replyTo)),
                "a removed member reads no more");
    }

    @Test
    void aLeavingMemberIsRecordedOnce() {
        create();
        join(B, "membership-b", settings(null));
        var left = kit.<StatusReply<Done>>runCommand(replyTo -> new Collaboration.MemberLeft(B, replyTo));
        assertInstanceOf(
                Collaboration.MemberLeftCollaboration.class, left.events().get(0));
        assertEquals(
                MemberStatus.LEFT,
                ((Collaboration.Active) left.state()).members().get(B).status());
        for (String account : List.of(B, C)) {
            var again = kit.<StatusReply<Done>>runCommand(replyTo -> new Collaboration.MemberLeft(account, replyTo));
            assertTrue(
                    again.reply().isSuccess() && again.events().isEmpty(),
                    "a repeated notice, or one about a member who never joined, is acknowledged and changes nothing");
        }
    }

    @Test
    void tagsBelongToTheCreator() {
        create();
        kit.runCommand((ActorRef<StatusReply<Done>> replyTo) ->
                new Collaboration.Tagging(new Taggable.TagResource(CREATOR, Map.of("stage", "pilot"), replyTo)));
        kit.runCommand((ActorRef<StatusReply<Done>> replyTo) ->
                new Collaboration.Tagging(new Taggable.UntagResource(CREATOR, List.of("team"), replyTo)));
        var tags = kit.<StatusReply<Taggable.TagSet>>runCommand(
                replyTo -> new Collaboration.Tagging(new Taggable.ListTags(CREATOR, replyTo)));
        assertEquals(Map.of("stage", "pilot"), tags.reply().getValue().tags());
        assertInstanceOf(
                Rejection.AccessDenied.class,
                this.<Done>rejected(
                        replyTo -> new Collaboration.Tagging(new Taggable.TagResource(B, Map.of("k", "v"), replyTo))));
        assertInstanceOf(
                Rejection.AccessDenied.class,
                this.<Done>rejected(replyTo ->
                        new Collaboration.Tagging(new Taggable.UntagResource(B, List.of("stage"), replyTo))));
        assertInstanceOf(
                Rejection.AccessDenied.class,
                this.<Taggable.TagSet>rejected(
                        replyTo -> new Collaboration.Tagging(new Taggable.ListTags(B, replyTo))));
        Map<String, String> tooMany = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            tooMany.put("k" + i, "v");
        }
        assertInstanceOf(
                Rejection.Invalid.class,
                this.<Done>rejected(
                        replyTo -> new Collaboration.Tagging(new Taggable.TagResource(CREATOR, tooMany, replyTo))));
    }

    @Test
    void deletionIsInEveryStandingAndEverythingElseIsRefusedAfter() {
        create();
        join(B, "membership-b", settings(null));
        assertInstanceOf(
                Rejection.AccessDenied.class, this.<Done>rejected(replyTo -> new Collaboration.Delete(B, replyTo)));
        var deleted = kit.<StatusReply<Done>>runCommand(replyTo -> new Collaboration.Delete(CREATOR, replyTo));
        assertTrue(deleted.reply().isSuccess());
        assertInstanceOf(Collaboration.Deleted.class, deleted.state());
        assertEquals(
                List.of(new MembershipStanding("membership-b", "overlap", MemberStatus.ACTIVE, true)), standings());

        assertInstanceOf(
                Rejection.NotFound.class,
                this.<Collaboration.View>rejected(replyTo -> new Collaboration.Get(CREATOR, replyTo)));
        assertInstanceOf(
                Rejection.NotFound.class, this.<Done>rejected(replyTo -> new Collaboration.Delete(CREATOR, replyTo)));
        assertInstanceOf(
                Rejection.NotFound.class,
                this.<JoinedMember>rejected(replyTo -> new Collaboration.Join(C, "m", settings(null), replyTo)));
        assertInstanceOf(
                Rejection.NotFound.class,
                this.<Collaboration.View>rejected(
                        replyTo -> new Collaboration.Create(request(bAndC(), null), replyTo)));
        var left = kit.<StatusReply<Done>>runCommand(replyTo -> new Collaboration.MemberLeft(B, replyTo));
        assertTrue(left.reply().isSuccess() && left.events().isEmpty(), "news of a leave is acknowledged, no more");
    }

    @Test
    void aJoinedMemberIsDescribedWithWhatTheyAskedForAlsoAfterRecovery() {
        create();
        MembershipSettings asked = new MembershipSettings(QueryLogStatus.DISABLED, null, null, Map.of("team", "b"));
        JoinedMember joined = join(B, "membership-b", asked);

        // A retried join (its reply was lost) is refused; the membership is the one made from the first.
        assertInstanceOf(
                Rejection.Conflict.class,
                this.<JoinedMember>rejected(
                        replyTo -> new Collaboration.Join(B, "membership-b2", settings(null), replyTo)));
        var restarted = kit.restart();
        assertEquals(
                MemberStatus.ACTIVE,
                ((Collaboration.Active) restarted.state()).members().get(B).status());
        assertNull(((Collaboration.Active) restarted.state()).members().get(C).membershipId());
        assertEquals(joined, describe("membership-b"));
        assertEquals(asked, describe("membership-b").settings());
    }

    @Test
    void tagsAndMembersAreBoundedOnCreateAndJoin() {
        Map<String, String> tooMany = new java.util.HashMap<>();
        for (int i = 0; i <= dev.parley.actors.common.Tags.MAX_TAGS_PER_RESOURCE; i++) {
            tooMany.put("k" + i, "v");
        }
        assertInstanceOf(
                Rejection.Invalid.class,
                this.<Collaboration.View>rejected(
                        replyTo -> new Collaboration.Create(request(bAndC(), null, tooMany), replyTo)));
        List<MemberSpecification> crowd = new java.util.ArrayList<>();
        for (int i = 0; i <= PayerRules.MAX_MEMBERS; i++) {
            crowd.add(new MemberSpecification(String.format("%012d", 500_000_000_000L + i), "m" + i, List.of(), null));
        }
        assertInstanceOf(
                Rejection.Invalid.class,
                this.<Collaboration.View>rejected(replyTo -> new Collaboration.Create(request(crowd, null), replyTo)));

        create();
        assertInstanceOf(
                Rejection.Invalid.class,
                this.<JoinedMember>rejected(replyTo -> new Collaboration.Join(
                        B,
                        "membership-b",
                        new MembershipSettings(QueryLogStatus.ENABLED, null, null, tooMany),
                        replyTo)));
        assertEquals(
                MemberStatus.INVITED,
                ((Collaboration.Active) kit.getState()).members().get(B).status(),
                "a refused join changes nothing");
        assertEquals(List.of(), standings());
    }

    static TableAssociation association(String owner, String membershipId, String associationId, String name) {
        return new TableAssociation(
                associationId,
                "arn:aws:cleanrooms:us-east-1:" + owner + ":configuredtableassociation/" + membershipId + "/"
                        + associationId,
                name,
                null,
                "arn:aws:iam::" + owner + ":role/reader",
                owner,
                membershipId,
                "arn:aws:cleanrooms:us-east-1:" + owner + ":membership/" + membershipId,
                ID,
                "arn:aws:cleanrooms:us-east-1:" + CREATOR + ":collaboration/" + ID,
                "table-of-" + owner,
                "arn:aws:cleanrooms:us-east-1:" + owner + ":configuredtable/table-of-" + owner,
                Map.of(),
                Instant.now());
    }

    List<TableAssociation> associations(String caller) {
        return kit.<StatusReply<Collaboration.Associations>>runCommand(
                        replyTo -> new Collaboration.ListAssociations(caller, replyTo))
                .reply()
                .getValue()
                .associations();
    }

    @Test
    void activeMembersAssociateTablesUnderNamesNoOtherAssociationHas() {
        create();
        join(CREATOR, "membership-a", settings(null));
        join(B, "membership-b", settings(null));
        TableAssociation ads = association(CREATOR, "membership-a", "assoc-a", "ads");
        var associated = kit.<StatusReply<TableAssociation>>runCommand(
                replyTo -> new Collaboration.AssociateTable(CREATOR, ads, replyTo));
        assertEquals(ads, associated.reply().getValue());
        assertEquals(new Collaboration.TableAssociated(ads), associated.event());
        var again = kit.<StatusReply<TableAssociation>>runCommand(
                replyTo -> new Collaboration.AssociateTable(CREATOR, ads, replyTo));
        assertTrue(again.events().isEmpty(), "associating the same association again changes nothing");

        assertInstanceOf(
                Rejection.Conflict.class,
                this.<TableAssociation>rejected(replyTo -> new Collaboration.AssociateTable(
                        B, association(B, "membership-b", "assoc-b", "ads"), replyTo)));
        assertInstanceOf(
                Rejection.AccessDenied.class,
                this.<TableAssociation>rejected(replyTo -> new Collaboration.AssociateTable(
                        B, association(B, "membership-a", "assoc-b", "clicks"), replyTo)),
                "only through the caller's own membership");
        assertInstanceOf(
                Rejection.AccessDenied.class,
                this.<TableAssociation>rejected(replyTo -> new Collaboration.AssociateTable(
                        C, association(C, "membership-c", "assoc-c", "views"), replyTo)),
                "an invited member who has not joined cannot associate");
        TableAssociation clicks = association(B, "membership-b", "assoc-b", "clicks");
        kit.<StatusReply<TableAssociation>>runCommand(replyTo -> new Collaboration.AssociateTable(B, clicks, replyTo));

        assertEquals(List.of(ads, clicks), associations(B));
        assertEquals(
                ads,
                kit.<StatusReply<TableAssociation>>runCommand(
                                replyTo -> new Collaboration.DescribeAssociation("assoc-a", replyTo))
                        .reply()
                        .getValue());
        assertInstanceOf(
                Rejection.AccessDenied.class,
                this.<Collaboration.Associations>rejected(replyTo -> new Collaboration.ListAssociations(C, replyTo)),
                "only active members read the schemas");
        assertInstanceOf(
                Rejection.AccessDenied.class,
                this.<Collaboration.Associations>rejected(
                        replyTo -> new Collaboration.ListAssociations(OUTSIDER, replyTo)));
    }

    @Test
    void aTableLeavesWithItsOwnerOrByTheOwnersWord() {
        create();
        join(CREATOR, "membership-a", settings(null));
        join(B, "membership-b", settings(null));
        kit.<StatusReply<TableAssociation>>runCommand(replyTo -> new Collaboration.AssociateTable(
                CREATOR, association(CREATOR, "membership-a", "assoc-a", "ads"), replyTo));
        kit.<StatusReply<TableAssociation>>runCommand(replyTo ->
                new Collaboration.AssociateTable(B, association(B, "membership-b", "assoc-b", "clicks"), replyTo));

        assertInstanceOf(
                Rejection.AccessDenied.class,
                this.<Done>rejected(replyTo -> new Collaboration.DisassociateTable(B, "assoc-a", replyTo)));
        var removed = kit.<StatusReply<Done>>runCommand(
                replyTo -> new Collaboration.DisassociateTable(CREATOR, "assoc-a", replyTo));
        assertEquals(new Collaboration.TableDisassociated("assoc-a"), removed.event());
        var again = kit.<StatusReply<Done>>runCommand(
                replyTo -> new Collaboration.DisassociateTable(CREATOR, "assoc-a", replyTo));
        assertTrue(again.reply().isSuccess());
        assertTrue(again.events().isEmpty(), "taking out what is not there changes nothing");

        kit.<StatusReply<Done>>runCommand(replyTo -> new Collaboration.MemberLeft(B, replyTo));
        assertEquals(List.of(), associations(CREATOR), "a member who leaves takes their tables along");
        kit.restart();
        assertEquals(List.of(), associations(CREATOR), "and so does recovery");
    }

    @Test
    void aDeletedCollaborationHasNoTablesToTakeOut() {
        create();
        join(B, "membership-b", settings(null));
        kit.<StatusReply<TableAssociation>>runCommand(replyTo ->
                new Collaboration.AssociateTable(B, association(B, "membership-b", "assoc-b", "clicks"), replyTo));
        kit.<StatusReply<Done>>runCommand(replyTo -> new Collaboration.Delete(CREATOR, replyTo));

        var removed = kit.<StatusReply<Done>>runCommand(
                replyTo -> new Collaboration.DisassociateTable(B, "assoc-b", replyTo));
        assertTrue(removed.reply().isSuccess(), "the owner's disassociation completes");
        assertTrue(removed.events().isEmpty());
    }
}
