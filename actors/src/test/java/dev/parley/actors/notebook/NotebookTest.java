package dev.parley.actors.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.actors.EntityTestConfig;
import dev.parley.actors.common.Rejection;
import java.util.List;
import java.util.function.Function;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NotebookTest {

    static final String OWNER = "111111111111";
    static final String OTHER = "444444444444";
    static final ActorTestKit TEST_KIT = ActorTestKit.create(EntityTestConfig.config());

    EventSourcedBehaviorTestKit<Notebook.Command, Notebook.Event, Notebook.State> kit;

    @BeforeEach
    void freshEntity() {
        kit = EventSourcedBehaviorTestKit.create(TEST_KIT.system(), Notebook.create("nb-1"));
    }

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    /** A command made for a reply address. */
    interface Command extends Function<ActorRef<StatusReply<Notebook.Active>>, Notebook.Command> {}

    StatusReply<Notebook.Active> run(Command command) {
        return kit.<StatusReply<Notebook.Active>>runCommand(command::apply).reply();
    }

    Rejection refusal(StatusReply<Notebook.Active> reply) {
        assertTrue(reply.isError(), "expected a refusal, got " + reply);
        return assertInstanceOf(Rejection.class, reply.getError());
    }

    Notebook.Active create() {
        return run(replyTo -> new Notebook.Create(OWNER, "spark", "analysis", "IPYNB", "v1", replyTo))
                .getValue();
    }

    @Test
    void beforeCreationEveryCommandButCreateIsNotFound() {
        assertInstanceOf(Rejection.NotFound.class, refusal(run(replyTo -> new Notebook.Get(OWNER, replyTo))));
        assertInstanceOf(
                Rejection.NotFound.class, refusal(run(replyTo -> new Notebook.Update(OWNER, "v2", null, replyTo))));
        assertInstanceOf(Rejection.NotFound.class, refusal(run(replyTo -> new Notebook.Rename(OWNER, "x", replyTo))));
        assertInstanceOf(Rejection.NotFound.class, refusal(run(replyTo -> new Notebook.Delete(OWNER, replyTo))));
    }

    @Test
    void theOwnerKeepsVersionsSessionsAndNamesAndNoOneElseSeesThem() {
        Notebook.Active created = create();
        assertEquals("v1", created.version());
        assertEquals(created, create(), "a retried create answers the notebook");
        assertInstanceOf(
                Rejection.Conflict.class,
                refusal(run(replyTo -> new Notebook.Create(OWNER, "spark", "other", "IPYNB", "v1", replyTo))));

        List<Command> byAnotherAccount = List.of(
                replyTo -> new Notebook.Get(OTHER, replyTo),
                replyTo -> new Notebook.Update(OTHER, "v9", null, replyTo),
                replyTo -> new Notebook.Rename(OTHER, "theirs", replyTo),
                replyTo -> new Notebook.Delete(OTHER, replyTo));
        for (Command command : byAnotherAccount) {
            assertInstanceOf(Rejection.NotFound.class, refusal(run(command)));
        }

        run(replyTo -> new Notebook.Update(OWNER, "v2", "session-1", replyTo));
        run(replyTo -> new Notebook.Update(OWNER, "v3", "session-1", replyTo));
        run(replyTo -> new Notebook.Update(OWNER, "v4", "session-2", replyTo));
        Notebook.Active renamed =
                run(replyTo -> new Notebook.Rename(OWNER, "renamed", replyTo)).getValue();
        assertEquals("v4", renamed.version());
        assertEquals("renamed", renamed.name());
        assertEquals(
                List.of("session-2", "session-1"),
                renamed.sessions().stream()
                        .map(Notebook.NotebookSession::sessionId)
                        .toList(),
                "newest first, each once");
        kit.restart();
        assertEquals(renamed, run(replyTo -> new Notebook.Get(OWNER, replyTo)).getValue(), "recovery");

        for (int i = 0; i < Notebook.SESSIONS_KEPT + 3; i++) {
            String session = "s" + i;
            run(replyTo -> new Notebook.Update(OWNER, "v", session, replyTo));
        }
        assertEquals(
                Notebook.SESSIONS_KEPT,
                run(replyTo -> new Notebook.Get(OWNER, replyTo))
                        .getValue()
                        .sessions()
                        .size());

        assertEquals(
                "renamed",
                run(replyTo -> new Notebook.Delete(OWNER, replyTo)).getValue().name());
        assertInstanceOf(Rejection.NotFound.class, refusal(run(replyTo -> new Notebook.Get(OWNER, replyTo))));
        assertInstanceOf(
                Rejection.NotFound.class,
                refusal(run(replyTo -> new Notebook.Create(OWNER, "spark", "analysis", "IPYNB", "v1", replyTo))),
                "a deleted notebook's id is not made again");
    }
}
