package dev.parley.actors.association;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.actors.EntityTestConfig;
import dev.parley.actors.common.Rejection;
import dev.parley.actors.shared.AnalysisRuleType;
import dev.parley.actors.shared.TableAssociation;
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

class ConfiguredTableAssociationTest {

    static final String OWNER = "222222222222";
    static final String OTHER = "444444444444";
    static final String ID = "9c8d7e6f-0000-4000-8000-000000000003";
    static final String MEMBERSHIP = "7a2b3c4d-0000-4000-8000-000000000002";

    static final ActorTestKit TEST_KIT = ActorTestKit.create(EntityTestConfig.config());

    EventSourcedBehaviorTestKit<
                    ConfiguredTableAssociation.Command,
                    ConfiguredTableAssociation.Event,
                    ConfiguredTableAssociation.State>
            kit;

    @BeforeEach
    void freshEntity() {
        kit = EventSourcedBehaviorTestKit.create(TEST_KIT.system(), ConfiguredTableAssociation.create(ID));
    }

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    static TableAssociation association(String description) {
        return new TableAssociation(
                ID,
                "arn:aws:cleanrooms:us-east-1:" + OWNER + ":configuredtableassociation/" + MEMBERSHIP + "/" + ID,
                "clicks",
                description,
                "arn:aws:iam::" + OWNER + ":role/reader",
                OWNER,
                MEMBERSHIP,
                "arn:aws:cleanrooms:us-east-1:" + OWNER + ":membership/" + MEMBERSHIP,
                "6f1c2a3b-0000-4000-8000-000000000001",
                "arn:aws:cleanrooms:us-east-1:111111111111:collaboration/6f1c2a3b-0000-4000-8000-000000000001",
                "5e4d3c2b-0000-4000-8000-000000000004",
                "arn:aws:cleanrooms:us-east-1:" + OWNER + ":configuredtable/5e4d3c2b-0000-4000-8000-000000000004",
                Map.of("team", "ads"),
                Instant.now());
    }

    ConfiguredTableAssociation.Active create() {
        return kit.<StatusReply<ConfiguredTableAssociation.Active>>runCommand(
                        replyTo -> new ConfiguredTableAssociation.Create(association("first"), replyTo))
                .reply()
                .getValue();
    }

    <T> Throwable rejected(Function<ActorRef<StatusReply<T>>, ConfiguredTableAssociation.Command> command) {
        var result = kit.<StatusReply<T>>runCommand(command::apply);
        assertTrue(result.reply().isError(), "expected a rejection");
        assertTrue(result.events().isEmpty(), "a rejected command persists nothing");
        return result.reply().getError();
    }

    ConfiguredTableAssociation.Rule putRule(boolean create, AnalysisRuleType type, List<String> receivers) {
        return kit.<StatusReply<ConfiguredTableAssociation.Rule>>runCommand(
                        replyTo -> new ConfiguredTableAssociation.PutRule(
                                OWNER, MEMBERSHIP, create, type, receivers, List.of(), replyTo))
                .reply()
                .getValue();
    }

    @Test
    void everyCommandBeforeCreationIsNotFound() {
        List<Function<ActorRef<StatusReply<Object>>, ConfiguredTableAssociation.Command>> commands = List.of(
                replyTo -> new ConfiguredTableAssociation.Get(OWNER, MEMBERSHIP, cast(replyTo)),
                replyTo -> new ConfiguredTableAssociation.Describe(cast(replyTo)),
                replyTo -> new ConfiguredTableAssociation.Update(OWNER, MEMBERSHIP, "d", null, cast(replyTo)),
                replyTo -> new ConfiguredTableAssociation.Delete(OWNER, MEMBERSHIP, cast(replyTo)),
                replyTo -> new ConfiguredTableAssociation.PutRule(
                        OWNER, MEMBERSHIP, true, AnalysisRuleType.LIST, List.of(), List.of(), cast(replyTo)),
                replyTo ->
                        new ConfiguredTableAssociation.GetRule(OWNER, MEMBERSHIP, AnalysisRuleType.LIST, cast(replyTo)),
                replyTo -> new ConfiguredTableAssociation.DeleteRule(
                        OWNER, MEMBERSHIP, AnalysisRuleType.LIST, cast(replyTo)));
        for (var command : commands) {
            assertInstanceOf(Rejection.NotFound.class, rejected(command));
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> ActorRef<StatusReply<T>> cast(ActorRef<StatusReply<Object>> replyTo) {
        return (ActorRef<StatusReply<T>>) (ActorRef<?>) replyTo;
    }

    @Test
    void creationIsIdempotentAndOnlyTheOwnerReadsThroughTheirMembership() {
        ConfiguredTableAssociation.Active first = create();
        assertEquals("first", first.description());
        assertEquals(Map.of("team", "ads"), first.tags());
        var again = kit.<StatusReply<ConfiguredTableAssociation.Active>>runCommand(
                replyTo -> new ConfiguredTableAssociation.Create(association("second"), replyTo));
        assertTrue(again.events().isEmpty());
        assertEquals(first, again.reply().getValue(), "a repeated Create answers with what exists");

        assertEquals(
                first,
                kit.<StatusReply<ConfiguredTableAssociation.Active>>runCommand(
                                replyTo -> new ConfiguredTableAssociation.Get(OWNER, MEMBERSHIP, replyTo))
                        .reply()
                        .getValue());
        assertInstanceOf(
                Rejection.AccessDenied.class,
                this.<ConfiguredTableAssociation.Active>rejected(
                        replyTo -> new ConfiguredTableAssociation.Get(OTHER, MEMBERSHIP, replyTo)));
        assertInstanceOf(
                Rejection.NotFound.class,
                this.<ConfiguredTableAssociation.Active>rejected(
                        replyTo -> new ConfiguredTableAssociation.Get(OWNER, "another-membership", replyTo)),
                "the path's membership must be the association's");
    }

    @Test
    void updatesKeepWhatTheyDoNotName() {
        create();
        var updated = kit.<StatusReply<ConfiguredTableAssociation.Active>>runCommand(
                        replyTo -> new ConfiguredTableAssociation.Update(OWNER, MEMBERSHIP, null, "arn:new", replyTo))
                .reply()
                .getValue();
        assertEquals("first", updated.description());
        assertEquals("arn:new", updated.roleArn());
        assertInstanceOf(
                Rejection.AccessDenied.class,
                this.<ConfiguredTableAssociation.Active>rejected(
                        replyTo -> new ConfiguredTableAssociation.Update(OTHER, MEMBERSHIP, "x", null, replyTo)));
    }

    @Test
    void oneRuleOfEachKindCreatedUpdatedAndDeleted() {
        create();
        var list = putRule(true, AnalysisRuleType.LIST, List.of(OWNER));
        assertEquals(List.of(OWNER), list.allowedResultReceivers());
        assertInstanceOf(
                Rejection.Conflict.class,
                this.<ConfiguredTableAssociation.Rule>rejected(replyTo -> new ConfiguredTableAssociation.PutRule(
                        OWNER, MEMBERSHIP, true, AnalysisRuleType.LIST, List.of(), List.of(), replyTo)));
        assertInstanceOf(
                Rejection.NotFound.class,
                this.<ConfiguredTableAssociation.Rule>rejected(replyTo -> new ConfiguredTableAssociation.PutRule(
                        OWNER, MEMBERSHIP, false, AnalysisRuleType.CUSTOM, List.of(), List.of(), replyTo)));
        var updated = putRule(false, AnalysisRuleType.LIST, List.of(OWNER, OTHER));
        assertEquals(list.createTime(), updated.createTime());
        assertEquals(List.of(OWNER, OTHER), updated.allowedResultReceivers());
        assertInstanceOf(
                Rejection.AccessDenied.class,
                this.<ConfiguredTableAssociation.Rule>rejected(replyTo ->
                        new ConfiguredTableAssociation.GetRule(OTHER, MEMBERSHIP, AnalysisRuleType.LIST, replyTo)));

        kit.restart();
        assertEquals(
                updated,
                kit.<StatusReply<ConfiguredTableAssociation.Rule>>runCommand(
                                replyTo -> new ConfiguredTableAssociation.GetRule(
                                        OWNER, MEMBERSHIP, AnalysisRuleType.LIST, replyTo))
                        .reply()
                        .getValue());
        var deleted = kit.<StatusReply<Done>>runCommand(replyTo ->
                new ConfiguredTableAssociation.DeleteRule(OWNER, MEMBERSHIP, AnalysisRuleType.LIST, replyTo));
        assertTrue(deleted.reply().isSuccess());
        assertInstanceOf(
                Rejection.NotFound.class,
                this.<Done>rejected(replyTo ->
                        new ConfiguredTableAssociation.DeleteRule(OWNER, MEMBERSHIP, AnalysisRuleType.LIST, replyTo)));
    }

    @Test
    void deletionAnswersWithWhatWasDeletedAndEverythingElseIsNotFoundAfter() {
        ConfiguredTableAssociation.Active created = create();
        assertInstanceOf(
                Rejection.AccessDenied.class,
                this.<ConfiguredTableAssociation.Active>rejected(
                        replyTo -> new ConfiguredTableAssociation.Delete(OTHER, MEMBERSHIP, replyTo)));
        var deleted = kit.<StatusReply<ConfiguredTableAssociation.Active>>runCommand(
                replyTo -> new ConfiguredTableAssociation.Delete(OWNER, MEMBERSHIP, replyTo));
        assertEquals(created, deleted.reply().getValue());
        assertInstanceOf(ConfiguredTableAssociation.Deleted.class, deleted.state());
        assertEquals(
                created.association(),
                kit.<StatusReply<TableAssociation>>runCommand(ConfiguredTableAssociation.Describe::new)
                        .reply()
                        .getValue(),
                "the conversations can still learn what it was");
        assertInstanceOf(
                Rejection.NotFound.class,
                this.<ConfiguredTableAssociation.Active>rejected(
                        replyTo -> new ConfiguredTableAssociation.Get(OWNER, MEMBERSHIP, replyTo)));
        assertInstanceOf(
                Rejection.NotFound.class,
                this.<ConfiguredTableAssociation.Active>rejected(
                        replyTo -> new ConfiguredTableAssociation.Create(association("again"), replyTo)));
    }
}
