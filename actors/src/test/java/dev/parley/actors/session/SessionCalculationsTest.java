package dev.parley.actors.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.actors.EntityTestConfig;
import dev.parley.actors.common.Rejection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The calculation commands of a session in every state, on a real engine through the session's coordinator. */
class SessionCalculationsTest {

    static final String OWNER = SessionTest.OWNER;
    static final String OTHER = SessionTest.OTHER;
    static final String DIGITS = "CREATE TEMP VIEW d AS SELECT * FROM (VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9))"
            + " AS t(x); CREATE TEMP VIEW big AS SELECT a.x * 1000 + b.x * 100 + c.x * 10 + e.x AS id"
            + " FROM d a CROSS JOIN d b CROSS JOIN d c CROSS JOIN d e";
    static final String ENDLESS = "SELECT a.id % 10, count(*) FROM big a CROSS JOIN big b CROSS JOIN big c GROUP BY 1";
    static final ActorTestKit TEST_KIT = ActorTestKit.create(EntityTestConfig.config());

    final TestProbe<ClusterSharding.ShardCommand> shard = TEST_KIT.createTestProbe();
    final Path dataDir;

    SessionCalculationsTest() throws IOException {
        dataDir = Files.createTempDirectory("parley-calculations");
    }

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    EventSourcedBehaviorTestKit<Session.Command, Session.Event, Session.State> idleSession() {
        EventSourcedBehaviorTestKit<Session.Command, Session.Event, Session.State> kit =
                EventSourcedBehaviorTestKit.create(
                        TEST_KIT.system(),
                        Session.create(UUID.randomUUID().toString(), Duration.ofMinutes(1), dataDir, shard.getRef()));
        SessionTest.start(kit, SessionTest.parameters(15));
        SessionTest.awaitState(kit, SessionState.IDLE);
        return kit;
    }

    static EventSourcedBehaviorTestKit.CommandResultWithReply<
                    Session.Command, Session.Event, Session.State, StatusReply<Calculation>>
            submit(
                    EventSourcedBehaviorTestKit<Session.Command, Session.Event, Session.State> kit,
                    String caller,
                    String id,
                    String code) {
        return kit.runCommand(replyTo -> new Session.StartCalculation(caller, id, "d", code, replyTo));
    }

    static Calculation await(
            EventSourcedBehaviorTestKit<Session.Command, Session.Event, Session.State> kit,
            String id,
            Predicate<CalculationState> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            Calculation calculation =
                    ((Session.Active) kit.getState()).calculation(id).orElseThrow();
            if (done.test(calculation.state())) {
                return calculation;
            }
            assertTrue(System.nanoTime() < deadline, "not reached: " + calculation);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    static StatusReply<Calculation> stop(
            EventSourcedBehaviorTestKit<Session.Command, Session.Event, Session.State> kit, String caller, String id) {
        return kit.<StatusReply<Calculation>>runCommand(replyTo -> new Session.StopCalculation(caller, id, replyTo))
                .reply();
    }

    @Test
    void aCalculationIsQueuedRunsAndCompletesWithItsFiles() throws IOException {
        var kit = idleSession();
        var started = submit(kit, OWNER, "c1", "%%sql\nSELECT 1 AS one, 'a,b' AS two");
        assertEquals(CalculationState.QUEUED, started.reply().getValue().state());
        assertInstanceOf(Session.CalculationQueued.class, started.events().get(0));
        Calculation done = await(kit, "c1", CalculationState::finished);
        assertEquals(CalculationState.COMPLETED, done.state(), done.stateChangeReason());
        assertEquals("s3://r/p/c1/result.csv", done.resultUri());
        assertEquals("one,two\r\n1,\"a,b\"\r\n", Files.readString(dataDir.resolve("s3/r/p/c1/result.csv")));
        assertEquals("1 of 1 statements completed", done.progress());
        assertEquals(SessionState.IDLE, ((Session.Active) kit.getState()).state());

        var again = submit(kit, OWNER, "c1", "SELECT 2");
        assertEquals(CalculationState.COMPLETED, again.reply().getValue().state());
        assertTrue(again.events().isEmpty());
        var listed = kit.<StatusReply<Session.Calculations>>runCommand(
                replyTo -> new Session.ListCalculations(OWNER, replyTo));
        assertEquals(
                List.of("c1"),
                listed.reply().getValue().items().stream()
                        .map(Calculation::calculationId)
                        .toList());
        kit.restart();
        assertEquals(done, ((Session.Active) kit.getState()).calculation("c1").orElseThrow());
    }

    @Test
    void aPythonCodeBlockFailsTheCalculation() {
        var kit = idleSession();
        assertTrue(submit(kit, OWNER, "py", "print('hello')").reply().isSuccess());
        Calculation failed = await(kit, "py", CalculationState::finished);
        assertEquals(CalculationState.FAILED, failed.state());
        assertEquals(CodeBlock.ONLY_SQL, failed.stateChangeReason());
    }

    @Test
    void theQueueIsBoundedAndStopsCancel() {
        var kit = idleSession();
        submit(kit, OWNER, "digits", DIGITS);
        assertEquals(
                CalculationState.COMPLETED,
                await(kit, "digits", CalculationState::finished).state());
        submit(kit, OWNER, "endless", ENDLESS);
        await(kit, "endless", state -> state == CalculationState.RUNNING);
        for (int i = 0; i < Session.MAX_QUEUED; i++) {
            assertEquals(
                    CalculationState.QUEUED,
                    submit(kit, OWNER, "q" + i, "SELECT " + i)
                            .reply()
                            .getValue()
                            .state());
        }
        assertEquals(SessionState.BUSY, ((Session.Active) kit.getState()).state());
        var full = submit(kit, OWNER, "one-too-many", "SELECT 1");
        assertInstanceOf(Rejection.Conflict.class, SessionTest.refusal(full.reply()));
        assertTrue(full.events().isEmpty());

        assertEquals(
                CalculationState.CANCELED, stop(kit, OWNER, "q0").getValue().state());
        assertEquals(
                CalculationState.CANCELING,
                stop(kit, OWNER, "endless").getValue().state());
        assertEquals(
                CalculationState.CANCELED,
                await(kit, "endless", CalculationState::finished).state());
        for (int i = 1; i < Session.MAX_QUEUED; i++) {
            assertEquals(
                    CalculationState.COMPLETED,
                    await(kit, "q" + i, CalculationState::finished).state());
        }
        SessionTest.awaitState(kit, SessionState.IDLE);
        var finished =
                kit.<StatusReply<Calculation>>runCommand(replyTo -> new Session.StopCalculation(OWNER, "q1", replyTo));
        assertEquals(CalculationState.COMPLETED, finished.reply().getValue().state());
        assertTrue(finished.events().isEmpty());
    }

    @Test
    void anotherAccountAnUnknownIdAndAnEndedSessionAreRefused() {
        var kit = idleSession();
        submit(kit, OWNER, "mine", "SELECT 1");
        await(kit, "mine", CalculationState::finished);
        for (var refused : List.of(
                submit(kit, OTHER, "theirs", "SELECT 1"),
                kit.<StatusReply<Calculation>>runCommand(replyTo -> new Session.GetCalculation(OTHER, "mine", replyTo)),
                kit.<StatusReply<Calculation>>runCommand(
                        replyTo -> new Session.StopCalculation(OTHER, "mine", replyTo)),
                kit.<StatusReply<Calculation>>runCommand(replyTo -> new Session.GetCalculation(OWNER, "none", replyTo)),
                kit.<StatusReply<Calculation>>runCommand(
                        replyTo -> new Session.StopCalculation(OWNER, "none", replyTo)))) {
            assertInstanceOf(Rejection.NotFound.class, SessionTest.refusal(refused.reply()));
            assertTrue(refused.events().isEmpty());
        }
        assertInstanceOf(
                Rejection.NotFound.class,
                SessionTest.refusal(kit.<StatusReply<Session.Calculations>>runCommand(
                                replyTo -> new Session.ListCalculations(OTHER, replyTo))
                        .reply()));
        kit.<StatusReply<Session.Active>>runCommand(replyTo -> new Session.Terminate(OWNER, "by request", replyTo));
        var ended = submit(kit, OWNER, "late", "SELECT 1");
        assertInstanceOf(Rejection.Invalid.class, SessionTest.refusal(ended.reply()));
        assertTrue(ended.events().isEmpty());
    }

    @Test
    void anUnknownSessionHasNoCalculations() {
        EventSourcedBehaviorTestKit<Session.Command, Session.Event, Session.State> kit =
                EventSourcedBehaviorTestKit.create(
                        TEST_KIT.system(),
                        Session.create(UUID.randomUUID().toString(), Duration.ofMinutes(1), dataDir, shard.getRef()));
        var refused = submit(kit, OWNER, "c", "SELECT 1");
        assertInstanceOf(Rejection.NotFound.class, SessionTest.refusal(refused.reply()));
        assertTrue(refused.events().isEmpty());
    }

    @Test
    void terminatingCancelsWhatIsLive() {
        var kit = idleSession();
        submit(kit, OWNER, "digits", DIGITS);
        submit(kit, OWNER, "endless", ENDLESS);
        submit(kit, OWNER, "waiting", "SELECT 1");
        await(kit, "endless", state -> state == CalculationState.RUNNING);
        kit.<StatusReply<Session.Active>>runCommand(replyTo -> new Session.Terminate(OWNER, "by request", replyTo));
        Session.Active ended = (Session.Active) kit.getState();
        assertEquals(
                CalculationState.CANCELED,
                ended.calculation("endless").orElseThrow().state());
        assertEquals(
                CalculationState.CANCELED,
                ended.calculation("waiting").orElseThrow().state());
        assertEquals(
                CalculationState.COMPLETED,
                ended.calculation("digits").orElseThrow().state());
    }

    @Test
    void aRecoveredSessionFailsWhatRanAndRestoresItsViews() throws IOException {
        var kit = idleSession();
        submit(kit, OWNER, "digits", DIGITS);
        submit(kit, OWNER, "endless", ENDLESS);
        await(kit, "endless", state -> state == CalculationState.RUNNING);
        kit.restart();
        Calculation lost = await(kit, "endless", CalculationState::finished);
        assertEquals(CalculationState.FAILED, lost.state());
        assertEquals(Session.INTERRUPTED, lost.stateChangeReason());
        submit(kit, OWNER, "count", "SELECT count(*) AS n FROM big");
        Calculation counted = await(kit, "count", CalculationState::finished);
        assertEquals(CalculationState.COMPLETED, counted.state(), counted.stateChangeReason());
        assertEquals("n\r\n10000\r\n", Files.readString(dataDir.resolve("s3/r/p/count/result.csv")));
    }
}
