package dev.parley.actors.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
import dev.parley.actors.shared.ResultConfiguration;
import dev.parley.actors.shared.ResultFormat;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MembershipTest {

    static final String CREATOR = "111111111111";
    static final String B = "222222222222";
    static final String OUTSIDER = "444444444444";
    static final String ID = "7a2b3c4d-0000-4000-8000-000000000002";
    static final String COLLABORATION = "6f1c2a3b-0000-4000-8000-000000000001";

    static final ActorTestKit TEST_KIT = ActorTestKit.create(EntityTestConfig.config());

    EventSourcedBehaviorTestKit<Membership.Command, Membership.Event, Membership.State> kit;

    @BeforeEach
    void freshEntity() {
        kit = EventSourcedBehaviorTestKit.create(TEST_KIT.system(), Membership.create(ID));
    }

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    static JoinedMember joined(String account, boolean pays, String collaborationName, MembershipSettings settings) {
        return new JoinedMember(
                ID,
                "arn:aws:cleanrooms:us-east-1:" + account + ":membership/" + ID,
                account,
                COLLABORATION,
                "arn:aws:cleanrooms:us-east-1:" + CREATOR + ":collaboration/" + COLLABORATION,
                collaborationName,
                CREATOR,
                "Advertiser",
                List.of(MemberAbility.CAN_RECEIVE_RESULTS),
                pays,
                settings,
                Instant.now());
    }

    Membership.Active create(String account, boolean pays) {
        var settings = new MembershipSettings(
                QueryLogStatus.DISABLED,
                new ResultConfiguration(ResultFormat.CSV, "results", "p/", null, null),
                null,
                Map.of("k", "v"));
        var result = kit.<StatusReply<Membership.Active>>runCommand(
                replyTo -> new Membership.Create(joined(account, pays, "overlap", settings), replyTo));
        return result.reply().getValue();
    }

    /** Reconciles with what the collaboration says; answers with the events it persisted. */
    List<Membership.Event> reconcile(String name, MemberStatus status, boolean deleted) {
        var result = kit.<StatusReply<Done>>runCommand(
                replyTo -> new Membership.Reconcile(new MembershipStanding(ID, name, status, deleted), replyTo));
        assertTrue(result.reply().isSuccess(), "a reconcile is always acknowledged");
        return result.events();
    }

    <T> Throwable rejected(Function<ActorRef<StatusReply<T>>, Membership.Command> command) {
        var result = kit.<StatusReply<T>>runCommand(command::apply);
        assertTrue(result.reply().isError(), "expected a rejection");
        assertTrue(result.events().isEmpty(), "a rejected command persists nothing");
        return result.reply().getError();
    }

    @Test
    void everyCommandBeforeCreationIsNotFound() {
        assertInstanceOf(
                Rejection.NotFound.class, this.<Membership.Active>rejected(replyTo -> new Membership.Get(B, replyTo)));
        assertInstanceOf(
                Rejection.NotFound.class,
                this.<Membership.Active>rejected(
                        replyTo -> new Membership.Update(B, QueryLogStatus.ENABLED, null, null, replyTo)));
        assertInstanceOf(
                Rejection.NotFound.class,
                this.<Membership.Active>rejected(replyTo -> new Membership.Leave(B, replyTo)));
        assertInstanceOf(
                Rejection.NotFound.class,
                this.<Done>rejected(
                        replyTo -> new Membership.Tagging(new Taggable.TagResource(B, Map.of("a", "b"), replyTo))));
        assertInstanceOf(
                Rejection.NotFound.class,
                this.<Done>rejected(
                        replyTo -> new Membership.Tagging(new Taggable.UntagResource(B, List.of("a"), replyTo))));
        assertInstanceOf(
                Rejection.NotFound.class,
                this.<Taggable.TagSet>rejected(replyTo -> new Membership.Tagging(new Taggable.ListTags(B, replyTo))));
        assertInstanceOf(
                Rejection.NotFound.class,
                this.<Done>rejected(replyTo -> new Membership.Reconcile(
                        new MembershipStanding(ID, "x", MemberStatus.REMOVED, true), replyTo)));
        assertInstanceOf(Rejection.NotFound.class, this.<Membership.Active>rejected(Membership.Describe::new));
    }

    @Test
    void creationIsIdempotent() {
        Membership.Active first = create(B, false);
        assertEquals(MembershipStatus.ACTIVE, first.status());
        assertEquals("overlap", first.collaborationName());
        var again = kit.<StatusReply<Membership.Active>>runCommand(replyTo -> new Membership.Create(
                joined(B, false, "other name", new MembershipSettings(QueryLogStatus.ENABLED, null, null, Map.of())),
                replyTo));
        assertTrue(again.events().isEmpty());
        assertEquals(first, again.reply().getValue(), "a repeated Create answers with what exists");
    }

    @Test
    void onlyTheOwnerReadsAndUpdates() {
        create(B, false);
        assertEquals(
                B,
                kit.<StatusReply<Membership.Active>>runCommand(replyTo -> new Membership.Get(B, replyTo))
                        .reply()
                        .getValue()
                        .details()
                        .accountId());
        assertInstanceOf(
                Rejection.AccessDenied.class,
                this.<Membership.Active>rejected(replyTo -> new Membership.Get(OUTSIDER, replyTo)));
        assertInstanceOf(
                Rejection.AccessDenied.class,
                this.<Membership.Active>rejected(
                        replyTo -> new Membership.Update(CREATOR, QueryLogStatus.ENABLED, null, null, replyTo)));
        var updated = kit.<StatusReply<Membership.Active>>runCommand(
                replyTo -> new Membership.Update(B, QueryLogStatus.ENABLED, null, null, replyTo));
        assertEquals(QueryLogStatus.ENABLED, updated.reply().getValue().queryLogStatus());
        assertEquals(
                "results",
                updated.reply().getValue().defaultResultConfiguration().bucket(),
                "kept");
        assertInstanceOf(
                Rejection.Invalid.class,
                this.<Membership.Active>rejected(replyTo -> new Membership.Update(B, null, null, true, replyTo)),
                "B is not the payer");
    }

    @Test
    void leavingEndsTheMembershipAndIsDescribedForTheCollaboration() {
        create(B, false);
        assertInstanceOf(
                Rejection.AccessDenied.class,
                this.<Membership.Active>rejected(replyTo -> new Membership.Leave(OUTSIDER, replyTo)));
        var left = kit.<StatusReply<Membership.Active>>runCommand(replyTo -> new Membership.Leave(B, replyTo));
        assertTrue(left.reply().isSuccess());
        assertEquals(MembershipStatus.REMOVED, ((Membership.Active) left.state()).status());
        assertInstanceOf(Membership.MemberLeft.class, left.events().get(0), "the event the collaboration hears of");
        Membership.Active described = kit.<StatusReply<Membership.Active>>runCommand(Membership.Describe::new)
                .reply()
                .getValue();
        assertEquals(COLLABORATION, described.details().collaborationId());
        assertEquals(B, described.details().accountId());
        assertInstanceOf(
                Rejection.Conflict.class,
                this.<Membership.Active>rejected(replyTo -> new Membership.Leave(B, replyTo)));
        assertInstanceOf(
                Rejection.Conflict.class,
                this.<Membership.Active>rejected(
                        replyTo -> new Membership.Update(B, QueryLogStatus.ENABLED, null, null, replyTo)));

        assertEquals(
                MembershipStatus.REMOVED, ((Membership.Active) kit.restart().state()).status());
    }

    @Test
    void theCreatorCannotLeave() {
        create(CREATOR, true);
        assertInstanceOf(
                Rejection.Conflict.class,
                this.<Membership.Active>rejected(replyTo -> new Membership.Leave(CREATOR, replyTo)));
    }

    @Test
    void reconcileAppliesOnlyDifferences() {
        create(B, false);
        assertTrue(reconcile("overlap", MemberStatus.ACTIVE, false).isEmpty());
        assertInstanceOf(
                Membership.CollaborationRenamed.class,
                reconcile("renamed", MemberStatus.ACTIVE, false).get(0));
        assertEquals("renamed", ((Membership.Active) kit.getState()).collaborationName());
        assertInstanceOf(
                Membership.MemberRemoved.class,
                reconcile("renamed", MemberStatus.REMOVED, false).get(0));
        assertEquals(MembershipStatus.REMOVED, ((Membership.Active) kit.getState()).status());
        assertTrue(
                reconcile("renamed", MemberStatus.REMOVED, true).isEmpty(),
                "a removed membership stays REMOVED when the collaboration is deleted");
    }

    @Test
    void collaborationDeletionEndsAnActiveMembership() {
        create(B, false);
        reconcile("overlap", MemberStatus.ACTIVE, true);
        assertEquals(MembershipStatus.COLLABORATION_DELETED, ((Membership.Active) kit.getState()).status());
        assertInstanceOf(
                Rejection.Conflict.class,
                this.<Membership.Active>rejected(replyTo -> new Membership.Leave(B, replyTo)));
    }

    @Test
    void tagsBelongToTheOwner() {
        create(B, false);
        kit.runCommand((ActorRef<StatusReply<Done>> replyTo) ->
                new Membership.Tagging(new Taggable.TagResource(B, Map.of("x", "1"), replyTo)));
        kit.runCommand((ActorRef<StatusReply<Done>> replyTo) ->
                new Membership.Tagging(new Taggable.UntagResource(B, List.of("k"), replyTo)));
        assertEquals(
                Map.of("x", "1"),
                kit.<StatusReply<Taggable.TagSet>>runCommand(
                                replyTo -> new Membership.Tagging(new Taggable.ListTags(B, replyTo)))
                        .reply()
                        .getValue()
                        .tags());
        assertInstanceOf(
                Rejection.AccessDenied.class,
                this.<Done>rejected(replyTo ->
                        new Membership.Tagging(new Taggable.TagResource(CREATOR, Map.of("y", "2"), replyTo))));
        assertInstanceOf(
                Rejection.AccessDenied.class,
                this.<Done>rejected(
                        replyTo -> new Membership.Tagging(new Taggable.UntagResource(CREATOR, List.of("x"), replyTo))));
        assertInstanceOf(
                Rejection.AccessDenied.class,
                this.<Taggable.TagSet>rejected(
                        replyTo -> new Membership.Tagging(new Taggable.ListTags(CREATOR, replyTo))));
    }
}
