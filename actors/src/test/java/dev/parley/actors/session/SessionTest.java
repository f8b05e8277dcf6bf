package dev.parley.actors.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.actors.EntityTestConfig;
import dev.parley.actors.common.Rejection;
import java.time.Duration;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class SessionTest {

    static final String OWNER = "111111111111";
    static final String OTHER = "444444444444";
    static final String ID = "0b5e7c1a-0000-4000-8000-000000000001";
    static final java.nio.file.Path DATA_DIR =
            java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "parley-session-test");
    static final ActorTestKit TEST_KIT = ActorTestKit.create(EntityTestConfig.config());

    final TestProbe<ClusterSharding.ShardCommand> shard = TEST_KIT.createTestProbe();

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    EventSourcedBehaviorTestKit<Session.Command, Session.Event, Session.State> kit(Duration minute) {
        return EventSourcedBehaviorTestKit.create(
                TEST_KIT.system(), Session.create(ID, minute, DATA_DIR, shard.getRef()));
    }

    static Session.Parameters parameters(int idleMinutes) {
        return new Session.Parameters(
                OWNER, "spark", "notebook", EngineBudget.of(1, 4, 1, Map.of()), idleMinutes, null, "s3://r/p/");
    }

    static StatusReply<Session.Active> start(
            EventSourcedBehaviorTestKit<Session.Command, Session.Event, Session.State> kit,
            Session.Parameters parameters) {
        return kit.<StatusReply<Session.Active>>runCommand(replyTo -> new Session.Start(parameters, replyTo))
                .reply();
    }

    static Session.Active awaitState(
            EventSourcedBehaviorTestKit<Session.Command, Session.Event, Session.State> kit, SessionState wanted) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            if (kit.getState() instanceof Session.Active active && active.state() == wanted) {
                return active;
            }
            assertTrue(System.nanoTime() < deadline, "state " + wanted + " not reached: " + kit.getState());
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    static Rejection refusal(StatusReply<?> reply) {
        assertTrue(reply.isError(), "expected a refusal, got " + reply);
        return assertInstanceOf(Rejection.class, reply.getError());
    }

    @Test
    void startedSessionsBecomeIdle() {
        var kit = kit(Duration.ofMinutes(1));
        var started =
                kit.<StatusReply<Session.Active>>runCommand(replyTo -> new Session.Start(parameters(15), replyTo));
        assertEquals(SessionState.CREATED, started.reply().getValue().state());
        assertInstanceOf(Session.SessionStarted.class, started.events().get(0));
        assertInstanceOf(Session.SessionCreated.class, started.events().get(1));
        Session.Active idle = awaitState(kit, SessionState.IDLE);
        assertNotNull(idle.idleSinceDateTime());
        assertNull(idle.endDateTime());
        assertEquals(
                idle,
                kit.<StatusReply<Session.Active>>runCommand(replyTo -> new Session.Get(OWNER, replyTo))
                        .reply()
                        .getValue());
    }

    @Test
    void theSameTokenAndParametersAnswerAgainOtherParametersAreRefused() {
        var kit = kit(Duration.ofMinutes(1));
        Session.Active first = start(kit, parameters(15)).getValue();
        var again = kit.<StatusReply<Session.Active>>runCommand(replyTo -> new Session.Start(parameters(15), replyTo));
        assertEquals(first.sessionId(), again.reply().getValue().sessionId());
        assertTrue(again.events().isEmpty());
        var other = kit.<StatusReply<Session.Active>>runCommand(replyTo -> new Session.Start(parameters(30), replyTo));
        assertInstanceOf(Rejection.Conflict.class, refusal(other.reply()));
        assertTrue(other.events().isEmpty());
    }

    @Test
    void anotherAccountFindsNoSession() {
        var kit = kit(Duration.ofMinutes(1));
        start(kit, parameters(15));
        assertInstanceOf(
                Rejection.NotFound.class,
                refusal(kit.<StatusReply<Session.Active>>runCommand(replyTo -> new Session.Get(OTHER, replyTo))
                        .reply()));
        var terminate = kit.<StatusReply<Session.Active>>runCommand(
                replyTo -> new Session.Terminate(OTHER, "Session was terminated by request", replyTo));
        assertInstanceOf(Rejection.NotFound.class, refusal(terminate.reply()));
        assertTrue(terminate.events().isEmpty());
    }

    @Test
    void anUnknownSessionIsNotFoundAndAWakePassivatesIt() {
        var kit = kit(Duration.ofMinutes(1));
        assertInstanceOf(
                Rejection.NotFound.class,
                refusal(kit.<StatusReply<Session.Active>>runCommand(replyTo -> new Session.Get(OWNER, replyTo))
                        .reply()));
        assertInstanceOf(
                Rejection.NotFound.class,
                refusal(kit.<StatusReply<Session.Active>>runCommand(
                                replyTo -> new Session.Terminate(OWNER, "Session was terminated by request", replyTo))
                        .reply()));
        kit.runCommand(new Session.Wake());
        shard.expectMessageClass(ClusterSharding.Passivate.class);
        assertEquals(new Session.Empty(), kit.getState());
    }

    @Test
    void terminateEndsTheSessionOnce() {
        var kit = kit(Duration.ofMinutes(1));
        start(kit, parameters(15));
        awaitState(kit, SessionState.IDLE);
        var terminated = kit.<StatusReply<Session.Active>>runCommand(
                replyTo -> new Session.Terminate(OWNER, "Session was terminated by request", replyTo));
        Session.Active ended = terminated.reply().getValue();
        assertEquals(SessionState.TERMINATED, ended.state());
        assertNotNull(ended.endDateTime());
        assertNull(ended.idleSinceDateTime());
        assertEquals("Session was terminated by request", ended.stateChangeReason());
        assertEquals(2, terminated.events().size());
        shard.expectMessageClass(ClusterSharding.Passivate.class);
        var again = kit.<StatusReply<Session.Active>>runCommand(
                replyTo -> new Session.Terminate(OWNER, "Session was terminated by request", replyTo));
        assertEquals(SessionState.TERMINATED, again.reply().getValue().state());
        assertTrue(again.events().isEmpty());
        kit.runCommand(new Session.Wake());
        shard.expectMessageClass(ClusterSharding.Passivate.class);
    }

    @Test
    void anIdleSessionTerminatesAfterItsTimeout() {
        var kit = kit(Duration.ofMillis(200));
        start(kit, parameters(1));
        Session.Active ended = awaitState(kit, SessionState.TERMINATED);
        assertTrue(ended.stateChangeReason().contains("idle for 1 minutes"), ended.stateChangeReason());
        assertTrue(
                !ended.endDateTime().isBefore(ended.startDateTime().plusMillis(200)),
                "terminated before its idle timeout");
        shard.expectMessageClass(ClusterSharding.Passivate.class);
    }

    @Test
    void theIdleDeadlineComesFromTheJournalOnRecovery() throws InterruptedException {
        var kit = kit(Duration.ofMillis(300));
        start(kit, parameters(1));
        awaitState(kit, SessionState.IDLE);
        kit.restart();
        awaitState(kit, SessionState.TERMINATED);
    }

    @Test
    void engineBudgets() {
        EngineBudget defaults = EngineBudget.of(null, null, null, Map.of());
        assertEquals(20, defaults.maxConcurrentDpus());
        assertEquals(20L << 30, defaults.memoryBytes());
        assertEquals(80, defaults.targetPartitions());
        assertEquals(
                3,
                EngineBudget.of(1, 2, 1, Map.of(EngineBudget.SHUFFLE_PARTITIONS, "3"))
                        .targetPartitions());
        assertThrows(Rejection.Invalid.class, () -> EngineBudget.of(1, 65, 1, Map.of()));
        assertThrows(
                Rejection.Invalid.class, () -> EngineBudget.of(1, 2, 1, Map.of(EngineBudget.SHUFFLE_PARTITIONS, "9")));
        assertThrows(Rejection.Invalid.class, () -> EngineBudget.of(1, 2, 1, Map.of("spark.executor.cores", "2")));
    }
}
