package dev.parley.http.it;

import static dev.parley.http.it.TestAccounts.CREATOR;
import static dev.parley.http.it.TestAccounts.OUTSIDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.GetSessionResponse;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;
import software.amazon.awssdk.services.athena.model.ListSessionsResponse;
import software.amazon.awssdk.services.athena.model.ResourceNotFoundException;
import software.amazon.awssdk.services.athena.model.SessionAlreadyExistsException;
import software.amazon.awssdk.services.athena.model.SessionState;
import software.amazon.awssdk.services.athena.model.SessionStatus;
import software.amazon.awssdk.services.athena.model.SessionSummary;
import software.amazon.awssdk.services.athena.model.StartSessionRequest;
import software.amazon.awssdk.services.athena.model.WorkGroupState;

/**
 * Athena sessions through the real AthenaClient. One minute of SessionIdleTimeoutInMinutes lasts two seconds here,
 * and live sessions are woken every half second, so idle timeouts (also across a restart) are seen in seconds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AthenaSessionsContract {

    static final String SPARK = "PySpark engine version 3";
    /** Long enough (in shortened minutes) that a session stays IDLE for the whole test. */
    static final int STAYS_IDLE = 480;

    RunningParley parley;
    AthenaClient creator;
    AthenaClient outsider;

    abstract Config databaseConfig();

    @BeforeAll
    void startParley() throws java.io.IOException {
        parley = new RunningParley(
                Files.createTempDirectory("parley-sessions-it"),
                databaseConfig()
                        .withFallback(ConfigFactory.parseString(
                                "parley.athena.session-minute = 2s\nparley.athena.session-wake-interval = 500ms")));
        connect();
    }

    private void connect() {
        creator = parley.athena(CREATOR);
        outsider = parley.athena(OUTSIDER);
    }

    @AfterAll
    void stopParley() {
        if (parley != null) {
            parley.close();
        }
    }

    void sparkWorkGroup(String name) {
        creator.createWorkGroup(r -> r.name(name)
                .configuration(c -> c.engineVersion(e -> e.selectedEngineVersion(SPARK))
                        .resultConfiguration(o -> o.outputLocation("s3://results/" + name + "/"))));
    }

    String start(String workGroup, Consumer<StartSessionRequest.Builder> changes) {
        StartSessionRequest.Builder request = StartSessionRequest.builder()
                .workGroup(workGroup)
                .engineConfiguration(
                        e -> e.coordinatorDpuSize(1).maxConcurrentDpus(4).defaultExecutorDpuSize(1))
                .sessionIdleTimeoutInMinutes(STAYS_IDLE);
        changes.accept(request);
        return creator.startSession(request.build()).sessionId();
    }

    SessionStatus awaitState(String sessionId, SessionState state) {
        return RunningParley.eventually(
                () -> creator.getSessionStatus(r -> r.sessionId(sessionId)).status(),
                status -> status.state() == state);
    }

    List<SessionSummary> list(String workGroup, SessionState filter) {
        List<SessionSummary> all = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListSessionsResponse page = creator.listSessions(r ->
                    r.workGroup(workGroup).stateFilter(filter).maxResults(2).nextToken(next));
            all.addAll(page.sessions());
            token = page.nextToken();
        } while (token != null);
        return all;
    }

    @Test
    void aSessionStartsIdlesAndTerminates() {
        sparkWorkGroup("wg-story");
        String sessionId = start(
                "wg-story",
                r -> r.description("exploration")
                        .engineConfiguration(e ->
                                e.maxConcurrentDpus(4).sparkProperties(Map.of("spark.sql.shuffle.partitions", "8"))));
        SessionStatus idle = awaitState(sessionId, SessionState.IDLE);
        assertNotNull(idle.startDateTime());
        assertNotNull(idle.idleSinceDateTime());
        assertNull(idle.endDateTime());

        GetSessionResponse session = creator.getSession(r -> r.sessionId(sessionId));
        assertEquals("wg-story", session.workGroup());
        assertEquals("exploration", session.description());
        assertEquals(SPARK, session.engineVersion());
        assertEquals(4, session.engineConfiguration().maxConcurrentDpus());
        assertEquals(
                Map.of("spark.sql.shuffle.partitions", "8"),
                session.engineConfiguration().sparkProperties());
        assertEquals(STAYS_IDLE, session.sessionConfiguration().sessionIdleTimeoutInMinutes());
        assertEquals("s3://results/wg-story/", session.sessionConfiguration().workingDirectory());
        assertEquals(0L, session.statistics().dpuExecutionInMillis());

        String newer = start("wg-story", r -> {});
        awaitState(newer, SessionState.IDLE);
        // A session becomes IDLE by itself, after StartSession answered: listings show it within the projection delay.
        RunningParley.eventually(
                () -> list("wg-story", SessionState.IDLE).stream()
                        .map(SessionSummary::sessionId)
                        .toList(),
                ids -> ids.equals(List.of(newer, sessionId)));
        assertEquals(SPARK, list("wg-story", null).get(0).engineVersion().selectedEngineVersion());

        assertEquals(
                SessionState.TERMINATED,
                creator.terminateSession(r -> r.sessionId(sessionId)).state());
        SessionStatus ended =
                creator.getSessionStatus(r -> r.sessionId(sessionId)).status();
        assertEquals(SessionState.TERMINATED, ended.state());
        assertNotNull(ended.endDateTime());
        assertEquals("Session was terminated by request", ended.stateChangeReason());
        assertEquals(
                List.of(sessionId),
                list("wg-story", SessionState.TERMINATED).stream()
                        .map(SessionSummary::sessionId)
                        .toList());
        assertEquals(
                SessionState.TERMINATED,
                creator.terminateSession(r -> r.sessionId(sessionId)).state());
    }

    @Test
    void anIdleSessionTerminatesAfterItsTimeout() {
        sparkWorkGroup("wg-idle");
        String sessionId = start("wg-idle", r -> r.sessionIdleTimeoutInMinutes(1));
        SessionStatus ended = awaitState(sessionId, SessionState.TERMINATED);
        assertTrue(ended.stateChangeReason().contains("idle"), ended.stateChangeReason());
        assertTrue(Duration.between(
                                ended.idleSinceDateTime() == null ? ended.startDateTime() : ended.idleSinceDateTime(),
                                ended.endDateTime())
                        .compareTo(Duration.ofSeconds(2))
                >= 0);
    }

    @Test
    void aClientRequestTokenStartsOneSession() {
        sparkWorkGroup("wg-token");
        String token = "token-0123456789-0123456789-0123456789";
        String first = start("wg-token", r -> r.clientRequestToken(token));
        assertEquals(first, start("wg-token", r -> r.clientRequestToken(token)));
        assertThrows(
                SessionAlreadyExistsException.class,
                () -> start("wg-token", r -> r.clientRequestToken(token).description("other")));
        assertNotEquals(first, start("wg-token", r -> r.clientRequestToken(token.replace('0', '1'))));
        assertEquals(
                2,
                RunningParley.eventually(() -> list("wg-token", null), listed -> listed.size() == 2)
                        .size());
    }

    @Test
    void anotherAccountNeitherSeesNorTouchesASession() {
        sparkWorkGroup("wg-mine");
        String sessionId = start("wg-mine", r -> {});
        assertThrows(ResourceNotFoundException.class, () -> outsider.getSession(r -> r.sessionId(sessionId)));
        assertThrows(ResourceNotFoundException.class, () -> outsider.getSessionStatus(r -> r.sessionId(sessionId)));
        assertThrows(ResourceNotFoundException.class, () -> outsider.terminateSession(r -> r.sessionId(sessionId)));
        assertThrows(ResourceNotFoundException.class, () -> outsider.listSessions(r -> r.workGroup("wg-mine")));
        assertThrows(
                InvalidRequestException.class,
                () -> outsider.startSession(
                        r -> r.workGroup("wg-mine").engineConfiguration(e -> e.maxConcurrentDpus(2))));
        SessionState state =
                creator.getSessionStatus(r -> r.sessionId(sessionId)).status().state();
        assertTrue(state == SessionState.IDLE || state == SessionState.CREATED, state.toString());
    }

    @Test
    void badInputIsRefusedInAthenasTermsAndStartsNothing() {
        sparkWorkGroup("wg-refuse");
        creator.createWorkGroup(r -> r.name("wg-sql"));
        sparkWorkGroup("wg-off");
        creator.updateWorkGroup(r -> r.workGroup("wg-off").state(WorkGroupState.DISABLED));
        Map<String, Executable> bad = Map.ofEntries(
                Map.entry("no such work group", () -> start("wg-none", r -> {})),
                Map.entry("not a Spark work group", () -> start("wg-sql", r -> {})),
                Map.entry("disabled work group", () -> start("wg-off", r -> {})),
                Map.entry(
                        "too many DPUs",
                        () -> start("wg-refuse", r -> r.engineConfiguration(e -> e.maxConcurrentDpus(65)))),
                Map.entry(
                        "DPUs below the model's minimum",
                        () -> start("wg-refuse", r -> r.engineConfiguration(e -> e.maxConcurrentDpus(1)))),
                Map.entry(
                        "additional configs",
                        () -> start(
                                "wg-refuse", r -> r.engineConfiguration(e -> e.additionalConfigs(Map.of("k", "v"))))),
                Map.entry(
                        "unknown spark property",
                        () -> start(
                                "wg-refuse",
                                r -> r.engineConfiguration(e -> e.sparkProperties(Map.of("spark.x", "1"))))),
                Map.entry("idle timeout", () -> start("wg-refuse", r -> r.sessionIdleTimeoutInMinutes(0))),
                Map.entry("short token", () -> start("wg-refuse", r -> r.clientRequestToken("short"))),
                Map.entry("no engine configuration", () -> creator.startSession(r -> r.workGroup("wg-refuse"))),
                Map.entry(
                        "ListSessions",
                        () -> creator.listSessions(r -> r.workGroup("wg-refuse").maxResults(101))),
                Map.entry(
                        "ListSessions token",
                        () -> creator.listSessions(r -> r.workGroup("wg-refuse").nextToken("x"))),
                Map.entry("GetSession", () -> creator.getSession(r -> r.sessionId(""))),
                Map.entry("GetSessionStatus", () -> creator.getSessionStatus(r -> r.sessionId(""))),
                Map.entry("TerminateSession", () -> creator.terminateSession(r -> r.sessionId(""))));
        bad.forEach((what, call) -> assertThrows(InvalidRequestException.class, call, what));
        assertThrows(ResourceNotFoundException.class, () -> creator.getSession(r -> r.sessionId("no-session")));
        assertThrows(
                ResourceNotFoundException.class,
                () -> creator.getSession(r -> r.sessionId("0b5e7c1a-0000-4000-8000-00000000dead")));
        assertThrows(ResourceNotFoundException.class, () -> creator.terminateSession(r -> r.sessionId("no-session")));
        assertThrows(ResourceNotFoundException.class, () -> creator.listSessions(r -> r.workGroup("wg-none")));
        for (String workGroup : List.of("wg-refuse", "wg-sql", "wg-off")) {
            assertEquals(List.of(), list(workGroup, null), workGroup);
        }
    }

    @Test
    void aWorkGroupWithLiveSessionsIsDeletedOnlyRecursively() {
        sparkWorkGroup("wg-delete");
        String live = start("wg-delete", r -> {});
        InvalidRequestException refused = assertThrows(
                InvalidRequestException.class, () -> creator.deleteWorkGroup(r -> r.workGroup("wg-delete")));
        assertEquals("INVALID_STATE", refused.athenaErrorCode());
        assertTrue(creator.getSessionStatus(r -> r.sessionId(live)).status().state() != SessionState.TERMINATED);
        creator.deleteWorkGroup(r -> r.workGroup("wg-delete").recursiveDeleteOption(true));
        SessionStatus ended = creator.getSessionStatus(r -> r.sessionId(live)).status();
        assertEquals(SessionState.TERMINATED, ended.state());
        assertEquals("Session was terminated because its work group was deleted", ended.stateChangeReason());
        assertThrows(InvalidRequestException.class, () -> creator.getWorkGroup(r -> r.workGroup("wg-delete")));
    }

    @Test
    void liveSessionsKeepTheirStateAndIdleDeadlineOverARestart() {
        sparkWorkGroup("wg-restart");
        String staying = start("wg-restart", r -> {});
        String expiring = start("wg-restart", r -> r.sessionIdleTimeoutInMinutes(3));
        SessionStatus before = awaitState(staying, SessionState.IDLE);
        SessionStatus expiringBefore = awaitState(expiring, SessionState.IDLE);
        parley.restart();
        connect();
        SessionStatus after =
                creator.getSessionStatus(r -> r.sessionId(staying)).status();
        assertEquals(SessionState.IDLE, after.state());
        assertEquals(before.idleSinceDateTime(), after.idleSinceDateTime());
        // Nothing asks the expiring session after the restart: the waker brings it back to watch its deadline.
        RunningParley.eventually(() -> list("wg-restart", SessionState.TERMINATED), ended -> ended.size() == 1);
        SessionStatus expired =
                creator.getSessionStatus(r -> r.sessionId(expiring)).status();
        assertEquals(SessionState.TERMINATED, expired.state());
        assertTrue(
                Duration.between(expiringBefore.idleSinceDateTime(), expired.endDateTime())
                                .compareTo(Duration.ofSeconds(6))
                        >= 0,
                "terminated before its idle timeout");
    }
}
