package dev.parley.actors.analysistemplate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.actors.EntityTestConfig;
import dev.parley.actors.common.Rejection;
import dev.parley.actors.shared.MemberAbility;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AnalysisTemplateTest {

    static final String OWNER = "111111111111";
    static final String OTHER = "222222222222";
    static final String ID = "3b4c5d6e-0000-4000-8000-000000000005";
    static final String MEMBERSHIP = "7a2b3c4d-0000-4000-8000-000000000002";
    static final String OTHER_MEMBERSHIP = "7a2b3c4d-0000-4000-8000-000000000009";
    static final String COLLABORATION = "6f1c2a3b-0000-4000-8000-000000000001";

    static final ActorTestKit TEST_KIT = ActorTestKit.create(EntityTestConfig.config());

    EventSourcedBehaviorTestKit<AnalysisTemplate.Command, AnalysisTemplate.Event, AnalysisTemplate.State> kit;

    @BeforeEach
    void freshEntity() {
        kit = EventSourcedBehaviorTestKit.create(TEST_KIT.system(), AnalysisTemplate.create(ID));
    }

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    static AnalysisTemplate.Creator creator(boolean active, MemberAbility... abilities) {
        return new AnalysisTemplate.Creator(OWNER, MEMBERSHIP, active, List.of(abilities));
    }

    static AnalysisTemplate.Template template() {
        return new AnalysisTemplate.Template(
                "arn:aws:cleanrooms:us-east-1:" + OWNER + ":membership/" + MEMBERSHIP + "/analysistemplate/" + ID,
                "spend by city",
                AnalysisTemplate.AnalysisFormat.SQL,
                "SELECT city, SUM(amount) FROM orders WHERE amount > :floor GROUP BY city",
                List.of(new AnalysisTemplate.AnalysisParameter("floor", AnalysisTemplate.ParameterType.DOUBLE, "1.5")),
                List.of("orders"),
                null,
                OWNER,
                MEMBERSHIP,
                "arn:aws:cleanrooms:us-east-1:" + OWNER + ":membership/" + MEMBERSHIP,
                COLLABORATION,
                "arn:aws:cleanrooms:us-east-1:" + OWNER + ":collaboration/" + COLLABORATION,
                Map.of("team", "ads"),
                Instant.now());
    }

    AnalysisTemplate.Active create() {
        return kit.<StatusReply<AnalysisTemplate.Active>>runCommand(replyTo -> new AnalysisTemplate.Create(
                        OWNER, creator(true, MemberAbility.CAN_QUERY), template(), "first", replyTo))
                .reply()
                .getValue();
    }

    /** Every command of this entity is answered with the template. */
    Throwable rejected(Function<ActorRef<StatusReply<AnalysisTemplate.Active>>, AnalysisTemplate.Command> command) {
        var result = kit.<StatusReply<AnalysisTemplate.Active>>runCommand(command::apply);
        assertTrue(result.reply().isError(), "expected a rejection");
        assertTrue(result.events().isEmpty(), "a rejected command persists nothing");
        return result.reply().getError();
    }

    List<Function<ActorRef<StatusReply<AnalysisTemplate.Active>>, AnalysisTemplate.Command>> everyCommandButCreate() {
        return List.of(
                replyTo -> new AnalysisTemplate.Get(OWNER, MEMBERSHIP, replyTo),
                replyTo -> new AnalysisTemplate.Update(OWNER, MEMBERSHIP, "d", replyTo),
                replyTo -> new AnalysisTemplate.Delete(OWNER, MEMBERSHIP, replyTo),
                replyTo -> new AnalysisTemplate.DescribeInCollaboration(COLLABORATION, replyTo));
    }

    @Test
    void everyCommandBeforeCreationIsNotFound() {
        for (var command : everyCommandButCreate()) {
            assertInstanceOf(Rejection.NotFound.class, rejected(command));
        }
    }

    @Test
    void onlyTheMembershipsOwnAccountCreatesInAnActiveMembershipThatCanQuery() {
        assertInstanceOf(
                Rejection.AccessDenied.class,
                rejected(replyTo -> new AnalysisTemplate.Create(
                        OTHER, creator(true, MemberAbility.CAN_QUERY), template(), null, replyTo)),
                "another account's membership");
        assertInstanceOf(
                Rejection.AccessDenied.class,
                rejected(replyTo -> new AnalysisTemplate.Create(
                        OWNER, creator(false, MemberAbility.CAN_QUERY), template(), null, replyTo)),
                "a membership that is not active");
        assertInstanceOf(
                Rejection.AccessDenied.class,
                rejected(replyTo -> new AnalysisTemplate.Create(
                        OWNER, creator(true, MemberAbility.CAN_RECEIVE_RESULTS), template(), null, replyTo)),
                "a member who cannot query");

        AnalysisTemplate.Active created = create();
        assertEquals(ID, created.id());
        assertEquals("first", created.description());
        assertEquals(template().text(), created.template().text());
        assertEquals(List.of("orders"), created.template().referencedTables());
        assertEquals(created.template().createTime(), created.updateTime());
    }

    @Test
    void aSecondCreateIsAConflict() {
        create();
        assertInstanceOf(
                Rejection.Conflict.class,
                rejected(replyTo -> new AnalysisTemplate.Create(
                        OWNER, creator(true, MemberAbility.CAN_QUERY), template(), "again", replyTo)));
    }

    @Test
    void onlyTheCreatorReadsChangesAndDeletesItThroughItsMembership() {
        AnalysisTemplate.Active created = create();
        assertEquals(
                created,
                kit.<StatusReply<AnalysisTemplate.Active>>runCommand(
                                replyTo -> new AnalysisTemplate.Get(OWNER, MEMBERSHIP, replyTo))
                        .reply()
                        .getValue());
        List<Function<ActorRef<StatusReply<AnalysisTemplate.Active>>, AnalysisTemplate.Command>> otherAccount = List.of(
                replyTo -> new AnalysisTemplate.Get(OTHER, MEMBERSHIP, replyTo),
                replyTo -> new AnalysisTemplate.Update(OTHER, MEMBERSHIP, "d", replyTo),
                replyTo -> new AnalysisTemplate.Delete(OTHER, MEMBERSHIP, replyTo));
        for (var command : otherAccount) {
            assertInstanceOf(Rejection.AccessDenied.class, rejected(command));
        }
        List<Function<ActorRef<StatusReply<AnalysisTemplate.Active>>, AnalysisTemplate.Command>> otherMembership =
                List.of(
                        replyTo -> new AnalysisTemplate.Get(OWNER, OTHER_MEMBERSHIP, replyTo),
                        replyTo -> new AnalysisTemplate.Update(OWNER, OTHER_MEMBERSHIP, "d", replyTo),
                        replyTo -> new AnalysisTemplate.Delete(OWNER, OTHER_MEMBERSHIP, replyTo));
        for (var command : otherMembership) {
            assertInstanceOf(Rejection.NotFound.class, rejected(command));
        }
    }

    @Test
    void anUpdateChangesTheDescriptionOnly() {
        AnalysisTemplate.Active created = create();
        var updated = kit.<StatusReply<AnalysisTemplate.Active>>runCommand(
                replyTo -> new AnalysisTemplate.Update(OWNER, MEMBERSHIP, "second", replyTo));
        assertInstanceOf(AnalysisTemplate.AnalysisTemplateUpdated.class, updated.event());
        AnalysisTemplate.Active after = updated.reply().getValue();
        assertEquals("second", after.description());
        assertEquals(created.template(), after.template());
        assertTrue(!after.updateTime().isBefore(created.updateTime()));

        var unchanged = kit.<StatusReply<AnalysisTemplate.Active>>runCommand(
                replyTo -> new AnalysisTemplate.Update(OWNER, MEMBERSHIP, null, replyTo));
        assertEquals("second", unchanged.reply().getValue().description(), "no description keeps the one there");
    }

    @Test
    void theCollaborationSeesItOnlyUnderItsOwnId() {
        AnalysisTemplate.Active created = create();
        assertEquals(
                created,
                kit.<StatusReply<AnalysisTemplate.Active>>runCommand(
                                replyTo -> new AnalysisTemplate.DescribeInCollaboration(COLLABORATION, replyTo))
                        .reply()
                        .getValue());
        assertInstanceOf(
                Rejection.NotFound.class,
                rejected(replyTo ->
                        new AnalysisTemplate.DescribeInCollaboration("6f1c2a3b-0000-4000-8000-00000000000f", replyTo)));
    }

    @Test
    void aDeletedTemplateIsGoneForEveryCommandAndSurvivesRecovery() {
        create();
        var deleted = kit.<StatusReply<AnalysisTemplate.Active>>runCommand(
                replyTo -> new AnalysisTemplate.Delete(OWNER, MEMBERSHIP, replyTo));
        assertInstanceOf(AnalysisTemplate.AnalysisTemplateDeleted.class, deleted.event());
        assertInstanceOf(AnalysisTemplate.Deleted.class, deleted.state());
        for (var command : everyCommandButCreate()) {
            assertInstanceOf(Rejection.NotFound.class, rejected(command));
        }
        assertInstanceOf(
                Rejection.NotFound.class,
                rejected(replyTo -> new AnalysisTemplate.Create(
                        OWNER, creator(true, MemberAbility.CAN_QUERY), template(), null, replyTo)),
                "a deleted template is not created again");
        assertInstanceOf(AnalysisTemplate.Deleted.class, kit.restart().state());
    }

    @Test
    void recoveryRebuildsTheTemplate() {
        create();
        kit.<StatusReply<AnalysisTemplate.Active>>runCommand(
                replyTo -> new AnalysisTemplate.Update(OWNER, MEMBERSHIP, "kept", replyTo));
        AnalysisTemplate.State recovered = kit.restart().state();
        assertEquals("kept", ((AnalysisTemplate.Active) recovered).description());
    }
}
