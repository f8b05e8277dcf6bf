package dev.parley.actors.workgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.actors.EntityTestConfig;
import dev.parley.actors.common.Rejection;
import dev.parley.actors.common.Taggable;
import dev.parley.actors.shared.EngineVersions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WorkGroupTest {

    static final String ACCOUNT = "111111111111";
    static final ActorTestKit TEST_KIT = ActorTestKit.create(EntityTestConfig.config());

    EventSourcedBehaviorTestKit<WorkGroup.Command, WorkGroup.Event, WorkGroup.State> kit;

    @BeforeEach
    void freshEntity() {
        kit = EventSourcedBehaviorTestKit.create(
                TEST_KIT.system(), WorkGroup.create(WorkGroup.entityId(ACCOUNT, "spark")));
    }

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    static Configuration spark() {
        return new Configuration("s3://results/spark/", null, EngineVersions.PYSPARK_3, true, false, null, null);
    }

    StatusReply<WorkGroup.Active> create(Map<String, String> tags) {
        return kit.<StatusReply<WorkGroup.Active>>runCommand(
                        replyTo -> new WorkGroup.Create("sessions", spark(), tags, replyTo))
                .reply();
    }

    <T> Rejection refusal(StatusReply<T> reply) {
        assertTrue(reply.isError(), "expected a refusal, got " + reply);
        return assertInstanceOf(Rejection.class, reply.getError());
    }

    @Test
    void createThenGet() {
        WorkGroup.Active created = create(Map.of("team", "data")).getValue();
        assertEquals("spark", created.name());
        assertEquals(ACCOUNT, created.accountId());
        assertEquals(WorkGroupState.ENABLED, created.state());
        assertTrue(created.configuration().sparkEnabled());
        assertEquals(EngineVersions.PYSPARK_3, created.configuration().effectiveEngineVersion());
        var got = kit.<StatusReply<WorkGroup.Active>>runCommand(WorkGroup.Get::new);
        assertEquals(created, got.reply().getValue());
        assertTrue(got.events().isEmpty());
    }

    @Test
    void everyCommandOfAnAbsentWorkGroupIsNotFound() {
        assertInstanceOf(
                Rejection.NotFound.class,
                refusal(kit.<StatusReply<WorkGroup.Active>>runCommand(WorkGroup.Get::new)
                        .reply()));
        assertInstanceOf(
                Rejection.NotFound.class,
                refusal(kit.<StatusReply<WorkGroup.Active>>runCommand(
                                replyTo -> new WorkGroup.Update("d", null, null, replyTo))
                        .reply()));
        assertInstanceOf(
                Rejection.NotFound.class,
                refusal(kit.<StatusReply<Done>>runCommand(WorkGroup.Delete::new).reply()));
        assertInstanceOf(
                Rejection.NotFound.class,
                refusal(kit.<StatusReply<Taggable.TagSet>>runCommand(
                                replyTo -> new WorkGroup.Tagging(new Taggable.ListTags(ACCOUNT, replyTo)))
                        .reply()));
        assertEquals(new WorkGroup.Absent(), kit.getState());
    }

    @Test
    void aSecondCreateIsRefusedAndChangesNothing() {
        create(Map.of());
        var again = kit.<StatusReply<WorkGroup.Active>>runCommand(
                replyTo -> new WorkGroup.Create("other", Configuration.defaults(), Map.of(), replyTo));
        assertInstanceOf(Rejection.Conflict.class, refusal(again.reply()));
        assertTrue(again.events().isEmpty());
    }

    @Test
    void tooManyTagsAtCreationAreRefused() {
        Map<String, String> tags = new HashMap<>();
        for (int i = 0; i < 51; i++) {
            tags.put("k" + i, "v");
        }
        assertInstanceOf(Rejection.Invalid.class, refusal(create(tags)));
        assertEquals(new WorkGroup.Absent(), kit.getState());
    }

    @Test
    void updateChangesOnlyWhatItNames() {
        create(Map.of());
        var updated = kit.<StatusReply<WorkGroup.Active>>runCommand(replyTo -> new WorkGroup.Update(
                null,
                WorkGroupState.DISABLED,
                new Configuration.Updates(null, true, null, false, "Auto", null, null, null, null),
                replyTo));
        WorkGroup.Active active = updated.reply().getValue();
        assertEquals("sessions", active.description());
        assertEquals(WorkGroupState.DISABLED, active.state());
        assertNull(active.configuration().outputLocation());
        assertEquals(EngineVersions.AUTO, active.configuration().selectedEngineVersion());
        assertEquals(Boolean.TRUE, active.configuration().enforceWorkGroupConfiguration());
    }

    @Test
    void anInvalidUpdateIsRefusedAndChangesNothing() {
        create(Map.of());
        var badEngine = kit.<StatusReply<WorkGroup.Active>>runCommand(replyTo -> new WorkGroup.Update(
                null,
                null,
                new Configuration.Updates(null, false, null, false, "Spark 9", null, null, null, null),
                replyTo));
        assertInstanceOf(Rejection.Invalid.class, refusal(badEngine.reply()));
        assertTrue(badEngine.events().isEmpty());
        var escaping = kit.<StatusReply<WorkGroup.Active>>runCommand(replyTo -> new WorkGroup.Update(
                null,
                null,
                new Configuration.Updates("s3://results/../etc", false, null, false, null, null, null, null, null),
                replyTo));
        assertInstanceOf(Rejection.Invalid.class, refusal(escaping.reply()));
        assertTrue(escaping.events().isEmpty());
    }

    @Test
    void configurationsAreChecked() {
        assertThrows(
                Rejection.Invalid.class, () -> new Configuration("http://x/y", null, null, null, null, null, null));
        assertThrows(
                Rejection.Invalid.class, () -> new Configuration("s3://b/./x", null, null, null, null, null, null));
        assertEquals(EngineVersions.ATHENA_3, Configuration.defaults().effectiveEngineVersion());
    }

    @Test
    void deleteFreesTheName() {
        create(Map.of("a", "b"));
        var deleted = kit.<StatusReply<Done>>runCommand(WorkGroup.Delete::new);
        assertTrue(deleted.reply().isSuccess());
        assertEquals(new WorkGroup.Absent(), kit.getState());
        WorkGroup.Active again = create(Map.of()).getValue();
        assertEquals(Map.of(), again.tags());
    }

    @Test
    void tagging() {
        create(Map.of("a", "1"));
        assertTrue(kit.<StatusReply<Done>>runCommand(
                        replyTo -> new WorkGroup.Tagging(new Taggable.TagResource(ACCOUNT, Map.of("b", "2"), replyTo)))
                .reply()
                .isSuccess());
        assertTrue(kit.<StatusReply<Done>>runCommand(
                        replyTo -> new WorkGroup.Tagging(new Taggable.UntagResource(ACCOUNT, List.of("a"), replyTo)))
                .reply()
                .isSuccess());
        var listed = kit.<StatusReply<Taggable.TagSet>>runCommand(
                replyTo -> new WorkGroup.Tagging(new Taggable.ListTags(ACCOUNT, replyTo)));
        assertEquals(Map.of("b", "2"), listed.reply().getValue().tags());
    }

    @Test
    void stateSurvivesRecovery() {
        create(Map.of("a", "1"));
        WorkGroup.State before = kit.getState();
        kit.restart();
        assertEquals(before, kit.getState());
    }

    @Test
    void notebookNamesAreUniqueAndFreedByTheirNotebook() {
        create(Map.of());
        assertTrue(kit.<StatusReply<Done>>runCommand(replyTo -> new WorkGroup.NameNotebook("nb-1", "analysis", replyTo))
                .reply()
                .isSuccess());
        var again =
                kit.<StatusReply<Done>>runCommand(replyTo -> new WorkGroup.NameNotebook("nb-1", "analysis", replyTo));
        assertTrue(again.reply().isSuccess());
        assertTrue(again.events().isEmpty(), "naming a notebook what it is called changes nothing");
        assertInstanceOf(
                Rejection.Invalid.class,
                refusal(kit.<StatusReply<Done>>runCommand(
                                replyTo -> new WorkGroup.NameNotebook("nb-2", "analysis", replyTo))
                        .reply()));
        kit.<StatusReply<Done>>runCommand(replyTo -> new WorkGroup.NameNotebook("nb-1", "renamed", replyTo));
        kit.<StatusReply<Done>>runCommand(replyTo -> new WorkGroup.NameNotebook("nb-2", "analysis", replyTo));
        kit.restart();
        assertEquals(
                Map.of("renamed", "nb-1", "analysis", "nb-2"),
                kit.<StatusReply<WorkGroup.Active>>runCommand(WorkGroup.Get::new)
                        .reply()
                        .getValue()
                        .notebooks());
        kit.<StatusReply<Done>>runCommand(replyTo -> new WorkGroup.UnnameNotebook("nb-1", replyTo));
        var gone = kit.<StatusReply<Done>>runCommand(replyTo -> new WorkGroup.UnnameNotebook("nb-1", replyTo));
        assertTrue(gone.events().isEmpty());
        assertEquals(Map.of("analysis", "nb-2"), ((WorkGroup.Active) gone.state()).notebooks());
    }
}
