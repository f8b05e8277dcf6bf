package dev.parley.http.it;

import static dev.parley.http.it.TestAccounts.CREATOR;
import static dev.parley.http.it.TestAccounts.OUTSIDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.PoisonPill;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.CalculationExecutionState;
import software.amazon.awssdk.services.athena.model.CalculationSummary;
import software.amazon.awssdk.services.athena.model.ExecutorState;
import software.amazon.awssdk.services.athena.model.ExecutorType;
import software.amazon.awssdk.services.athena.model.ExecutorsSummary;
import software.amazon.awssdk.services.athena.model.GetCalculationExecutionResponse;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;
import software.amazon.awssdk.services.athena.model.ListCalculationExecutionsResponse;
import software.amazon.awssdk.services.athena.model.ListExecutorsResponse;
import software.amazon.awssdk.services.athena.model.ResourceNotFoundException;
import software.amazon.awssdk.services.athena.model.SessionState;
import software.amazon.awssdk.services.athena.model.TooManyRequestsException;

/** Calculations through the real AthenaClient, on a session's engine, with results read back from the files. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AthenaCalculationsContract {

    static final String SPARK = "PySpark engine version 3";
    static final String DIGITS = "CREATE TEMP VIEW d AS SELECT * FROM (VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9))"
            + " AS t(x);\nCREATE TEMP VIEW big AS SELECT a.x * 1000 + b.x * 100 + c.x * 10 + e.x AS id"
            + " FROM d a CROSS JOIN d b CROSS JOIN d c CROSS JOIN d e";
    /** 10^12 rows: runs until stopped. */
    static final String ENDLESS =
            "SELECT a.id % 1000, count(*) FROM big a CROSS JOIN big b CROSS JOIN big c GROUP BY 1";
    /** Session.MAX_QUEUED, the documented bound. */
    static final int MAX_QUEUED = 5;

    Path dataDir;
    RunningParley parley;
    AthenaClient creator;
    AthenaClient outsider;

    abstract Config databaseConfig();

    @BeforeAll
    void startParley() throws IOException {
        dataDir = Files.createTempDirectory("parley-calculations-it");
        parley = new RunningParley(
                dataDir,
                databaseConfig()
                        .withFallback(ConfigFactory.parseString("parley.athena.session-wake-interval = 500ms")));
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

    String idleSession(String workGroup) {
        creator.createWorkGroup(r -> r.name(workGroup)
                .configuration(c -> c.engineVersion(e -> e.selectedEngineVersion(SPARK))
                        .resultConfiguration(o -> o.outputLocation("s3://results/" + workGroup + "/"))));
        String sessionId = creator.startSession(
                        r -> r.workGroup(workGroup).engineConfiguration(e -> e.maxConcurrentDpus(2)))
                .sessionId();
        awaitSession(sessionId, SessionState.IDLE);
        return sessionId;
    }

    void awaitSession(String sessionId, SessionState state) {
        RunningParley.eventually(
                () -> creator.getSessionStatus(r -> r.sessionId(sessionId))
                        .status()
                        .state(),
                s -> s == state);
    }

    String calculate(String sessionId, String code) {
        return creator.startCalculationExecution(r -> r.sessionId(sessionId).codeBlock(code))
                .calculationExecutionId();
    }

    GetCalculationExecutionResponse await(String calculationId, CalculationExecutionState state) {
        return RunningParley.eventually(
                () -> creator.getCalculationExecution(r -> r.calculationExecutionId(calculationId)),
                c -> c.status().state() == state || c.status().state() == CalculationExecutionState.FAILED);
    }

    GetCalculationExecutionResponse completed(String sessionId, String code) {
        GetCalculationExecutionResponse done = await(calculate(sessionId, code), CalculationExecutionState.COMPLETED);
        assertEquals(
                CalculationExecutionState.COMPLETED,
                done.status().state(),
                done.status().stateChangeReason());
        return done;
    }

    String read(String s3Uri) throws IOException {
        return Files.readString(dataDir.resolve("s3").resolve(s3Uri.substring("s3://".length())));
    }

    List<CalculationSummary> list(String sessionId, CalculationExecutionState filter) {
        List<CalculationSummary> all = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListCalculationExecutionsResponse page = creator.listCalculationExecutions(r ->
                    r.sessionId(sessionId).stateFilter(filter).maxResults(2).nextToken(next));
            all.addAll(page.calculations());
            token = page.nextToken();
        } while (token != null);
        return all;
    }

    @Test
    void aViewMadeByOneCalculationIsUsedByTheNext() throws IOException {
        String sessionId = idleSession("wg-chain");
        String view = "CREATE TEMP VIEW people AS SELECT * FROM (VALUES (1, 'ada', 36), (2, 'bob', 41),"
                + " (3, 'cy', NULL), (4, 'di, jr', 29)) AS t(id, name, age)";
        GetCalculationExecutionResponse first = completed(sessionId, view);
        String second = "%%sql\nCREATE OR REPLACE TEMP VIEW named AS SELECT id, upper(name) AS name, age FROM people;"
                + "\n-- the last statement's rows are the result\nSELECT id, name, age FROM named WHERE id > 1 ORDER BY id";
        GetCalculationExecutionResponse done = completed(sessionId, second);

        assertEquals(
                "id,name,age\r\n2,BOB,41\r\n3,CY,\r\n4,\"DI, JR\",29\r\n",
                read(done.result().resultS3Uri()));
        assertEquals("text/csv", done.result().resultType());
        String stdout = read(done.result().stdOutS3Uri());
        assertTrue(stdout.contains("3  | CY     | NULL") || stdout.contains("3  | CY"), stdout);
        assertTrue(stdout.endsWith("3 rows\n"), stdout);
        assertEquals("", read(done.result().stdErrorS3Uri()));
        assertEquals(sessionId, done.sessionId());
        assertEquals("s3://results/wg-chain/" + done.calculationExecutionId() + "/", done.workingDirectory());
        assertEquals("2 of 2 statements completed", done.statistics().progress());
        assertTrue(done.statistics().dpuExecutionInMillis() >= 0);
        assertNotNull(done.status().completionDateTime());
        assertEquals(
                second,
                creator.getCalculationExecutionCode(r -> r.calculationExecutionId(done.calculationExecutionId()))
                        .codeBlock());
        assertEquals(
                CalculationExecutionState.COMPLETED,
                creator.getCalculationExecutionStatus(r -> r.calculationExecutionId(done.calculationExecutionId()))
                        .status()
                        .state());
        assertEquals(
                List.of(done.calculationExecutionId(), first.calculationExecutionId()),
                list(sessionId, null).stream()
                        .map(CalculationSummary::calculationExecutionId)
                        .toList());
        assertEquals(List.of(), list(sessionId, CalculationExecutionState.FAILED));
        awaitSession(sessionId, SessionState.IDLE);

        GetCalculationExecutionResponse refused = await(
                calculate(sessionId, "CREATE TEMP VIEW people AS SELECT 1 AS x"), CalculationExecutionState.FAILED);
        assertEquals(CalculationExecutionState.FAILED, refused.status().state());
        assertTrue(read(refused.result().stdErrorS3Uri()).contains("already exists"));
        assertNull(refused.result().resultS3Uri());
        GetCalculationExecutionResponse onDisk =
                await(calculate(sessionId, "SELECT * FROM 'results/wg-chain/x.csv'"), CalculationExecutionState.FAILED);
        assertEquals(CalculationExecutionState.FAILED, onDisk.status().state());
    }

    @Test
    void theCallersOwnCatalogIsReadableAsDatabaseDotTableAndNoOneElses() throws IOException {
        Path orders = Files.createDirectories(catalog(CREATOR.accountId(), "sales", "orders"));
        ConfiguredTablesContract.writeParquet(
                orders.resolve("part-0.parquet"),
                "SELECT * FROM (VALUES ('oslo', 2.5), ('bergen', 4.0), ('oslo', 1.5)) AS t(city, amount)");
        Path secrets = Files.createDirectories(catalog(OUTSIDER.accountId(), "private", "secrets"));
        Files.writeString(secrets.resolve("secrets.csv"), "name,salary\nada,100\n");
        String sessionId = idleSession("wg-catalog");

        GetCalculationExecutionResponse totals =
                completed(sessionId, "SELECT city, sum(amount) AS total FROM sales.orders GROUP BY city ORDER BY city");
        assertEquals(
                "city,total\r\nbergen,4.0\r\noslo,4.0\r\n", read(totals.result().resultS3Uri()));

        Path visits = Files.createDirectories(catalog(CREATOR.accountId(), "web", "visits"));
        Files.writeString(visits.resolve("visits.csv"), "city,visits\noslo,3\n");
        GetCalculationExecutionResponse joined = completed(
                sessionId,
                "SELECT o.city, v.visits FROM sales.orders o JOIN web.visits v ON o.city = v.city"
                        + " WHERE o.amount > 2");
        assertEquals(
                "city,visits\r\noslo,3\r\n",
                read(joined.result().resultS3Uri()),
                "a table put in the catalog after the session started is found");

        for (String elsewhere : List.of(
                "SELECT * FROM private.secrets",
                "SELECT * FROM datafusion.private.secrets",
                "SELECT * FROM \"" + OUTSIDER.accountId() + "\".private.secrets")) {
            GetCalculationExecutionResponse refused =
                    await(calculate(sessionId, elsewhere), CalculationExecutionState.FAILED);
            assertEquals(CalculationExecutionState.FAILED, refused.status().state(), elsewhere);
            assertTrue(!read(refused.result().stdErrorS3Uri()).contains("100"), "no data of another account leaks");
        }
    }

    private Path catalog(String accountId, String database, String table) {
        return dataDir.resolve("catalog").resolve(accountId).resolve(database).resolve(table);
    }

    @Test
    void aPythonCodeBlockFailsTheCalculationNotTheRequest() throws IOException {
        String sessionId = idleSession("wg-python");
        GetCalculationExecutionResponse failed =
                await(calculate(sessionId, "df = spark.sql('SELECT 1')\ndf.show()"), CalculationExecutionState.FAILED);
        assertEquals(CalculationExecutionState.FAILED, failed.status().state());
        String stderr = read(failed.result().stdErrorS3Uri());
        assertTrue(stderr.contains("Spark SQL only"), stderr);
        assertTrue(failed.status().stateChangeReason().contains("Python"));
        awaitSession(sessionId, SessionState.IDLE);
    }

    @Test
    void calculationsQueueUpToTheBoundAndAStopIsReal() {
        String sessionId = idleSession("wg-queue");
        completed(sessionId, DIGITS);
        String endless = calculate(sessionId, ENDLESS);
        await(endless, CalculationExecutionState.RUNNING);
        awaitSession(sessionId, SessionState.BUSY);
        List<String> queued = IntStream.range(0, MAX_QUEUED)
                .mapToObj(i -> calculate(sessionId, "SELECT " + i + " AS n"))
                .toList();
        for (String id : queued) {
            assertEquals(
                    CalculationExecutionState.QUEUED,
                    creator.getCalculationExecutionStatus(r -> r.calculationExecutionId(id))
                            .status()
                            .state());
        }
        assertThrows(TooManyRequestsException.class, () -> calculate(sessionId, "SELECT 99"));
        assertEquals(
                MAX_QUEUED, list(sessionId, CalculationExecutionState.QUEUED).size());

        assertEquals(
                CalculationExecutionState.CANCELED,
                creator.stopCalculationExecution(r -> r.calculationExecutionId(queued.get(0)))
                        .state());
        assertEquals(
                CalculationExecutionState.CANCELING,
                creator.stopCalculationExecution(r -> r.calculationExecutionId(endless))
                        .state());
        GetCalculationExecutionResponse stopped = await(endless, CalculationExecutionState.CANCELED);
        assertEquals(CalculationExecutionState.CANCELED, stopped.status().state());
        GetCalculationExecutionResponse last = await(queued.get(MAX_QUEUED - 1), CalculationExecutionState.COMPLETED);
        assertEquals(CalculationExecutionState.COMPLETED, last.status().state());
        awaitSession(sessionId, SessionState.IDLE);
        assertEquals(
                CalculationExecutionState.CANCELED,
                creator.getCalculationExecutionStatus(r -> r.calculationExecutionId(queued.get(0)))
                        .status()
                        .state());
        assertEquals(
                MAX_QUEUED, list(sessionId, CalculationExecutionState.COMPLETED).size());
    }

    @Test
    void anotherAccountNeitherSeesNorTouchesACalculation() {
        String sessionId = idleSession("wg-own");
        String id = completed(sessionId, "SELECT 1 AS one").calculationExecutionId();
        List<Executable> touches = List.of(
                () -> outsider.getCalculationExecution(r -> r.calculationExecutionId(id)),
                () -> outsider.getCalculationExecutionStatus(r -> r.calculationExecutionId(id)),
                () -> outsider.getCalculationExecutionCode(r -> r.calculationExecutionId(id)),
                () -> outsider.stopCalculationExecution(r -> r.calculationExecutionId(id)),
                () -> outsider.listCalculationExecutions(r -> r.sessionId(sessionId)),
                () -> outsider.startCalculationExecution(
                        r -> r.sessionId(sessionId).codeBlock("SELECT 2")));
        touches.forEach(touch -> assertThrows(ResourceNotFoundException.class, touch));
        assertEquals(1, list(sessionId, null).size());
    }

    @Test
    void badInputIsRefusedInAthenasTermsAndChangesNothing() {
        String sessionId = idleSession("wg-bad");
        Map<String, Executable> invalid = Map.of(
                "no code block", () -> creator.startCalculationExecution(r -> r.sessionId(sessionId)),
                "calculation configuration",
                        () -> creator.startCalculationExecution(r -> r.sessionId(sessionId)
                                .codeBlock("SELECT 1")
                                .calculationConfiguration(c -> c.codeBlock("SELECT 1"))),
                "short token",
                        () -> creator.startCalculationExecution(r ->
                                r.sessionId(sessionId).codeBlock("SELECT 1").clientRequestToken("x")),
                "max results",
                        () -> creator.listCalculationExecutions(
                                r -> r.sessionId(sessionId).maxResults(0)),
                "token",
                        () -> creator.listCalculationExecutions(
                                r -> r.sessionId(sessionId).nextToken("x")),
                "empty id", () -> creator.getCalculationExecution(r -> r.calculationExecutionId("")));
        invalid.forEach((what, call) -> assertThrows(InvalidRequestException.class, call, what));
        Map<String, Executable> missing = Map.of(
                "unknown session",
                        () -> creator.startCalculationExecution(r -> r.sessionId("0b5e7c1a-0000-4000-8000-00000000dead")
                                .codeBlock("SELECT 1")),
                "not an id", () -> creator.getCalculationExecution(r -> r.calculationExecutionId("nope")),
                "unknown id",
                        () -> creator.stopCalculationExecution(
                                r -> r.calculationExecutionId("C15-wBoAQACAAAAAAAAAAAAAAAAAAAAAAAAA")));
        missing.forEach((what, call) -> assertThrows(ResourceNotFoundException.class, call, what));
        assertEquals(List.of(), list(sessionId, null));

        creator.terminateSession(r -> r.sessionId(sessionId));
        InvalidRequestException ended = assertThrows(
                InvalidRequestException.class,
                () -> creator.startCalculationExecution(
                        r -> r.sessionId(sessionId).codeBlock("SELECT 1")));
        assertEquals("INVALID_STATE", ended.athenaErrorCode());
        assertEquals(List.of(), list(sessionId, null));
    }

    @Test
    void aRestartRestoresViewsAndFailsWhatRan() throws IOException {
        String sessionId = idleSession("wg-restart");
        completed(sessionId, DIGITS);
        String endless = calculate(sessionId, ENDLESS);
        await(endless, CalculationExecutionState.RUNNING);
        parley.restart();
        connect();
        GetCalculationExecutionResponse lost = await(endless, CalculationExecutionState.FAILED);
        assertEquals(CalculationExecutionState.FAILED, lost.status().state());
        assertTrue(
                lost.status().stateChangeReason().contains("stopped"),
                lost.status().stateChangeReason());
        GetCalculationExecutionResponse after = completed(sessionId, "SELECT count(*) AS n, max(id) AS top FROM big");
        assertEquals("n,top\r\n10000,9999\r\n", read(after.result().resultS3Uri()));
        awaitSession(sessionId, SessionState.IDLE);

        List<ExecutorsSummary> executors = executors(sessionId, null);
        assertEquals(
                List.of(ExecutorState.FAILED, ExecutorState.REGISTERED),
                executors.stream().map(ExecutorsSummary::executorState).toList(),
                "the coordinator of the stopped node failed; the recovered session runs another");
        assertNotNull(executors.get(0).terminationDateTime());
        creator.terminateSession(r -> r.sessionId(sessionId));
        assertEquals(
                List.of(ExecutorState.FAILED, ExecutorState.TERMINATED),
                executors(sessionId, null).stream()
                        .map(ExecutorsSummary::executorState)
                        .toList());
    }

    @Test
    void aLostCoordinatorFailsWhatRanAndItsSessionRestoresItsViews() throws IOException {
        String sessionId = idleSession("wg-lost-coordinator");
        completed(sessionId, DIGITS);
        String endless = calculate(sessionId, ENDLESS);
        await(endless, CalculationExecutionState.RUNNING);

        parley.server()
                .actorSystem()
                .classicSystem()
                .actorSelection("/system/sharding/Session/*/" + sessionId + "/coordinator")
                .tell(PoisonPill.getInstance(), ActorRef.noSender());

        GetCalculationExecutionResponse lost = await(endless, CalculationExecutionState.FAILED);
        assertEquals(CalculationExecutionState.FAILED, lost.status().state());
        assertTrue(
                lost.status().stateChangeReason().contains("coordinator"),
                lost.status().stateChangeReason());
        GetCalculationExecutionResponse after = completed(sessionId, "SELECT count(*) AS n FROM big");
        assertEquals("n\r\n10000\r\n", read(after.result().resultS3Uri()), "the views were made again");
        assertEquals(
                List.of(ExecutorState.FAILED, ExecutorState.REGISTERED),
                executors(sessionId, null).stream()
                        .map(ExecutorsSummary::executorState)
                        .toList());
        awaitSession(sessionId, SessionState.IDLE);
    }

    @Test
    void aSessionsCoordinatorIsItsExecutor() {
        String sessionId = idleSession("wg-executors");
        completed(sessionId, "SELECT 1");
        List<ExecutorsSummary> executors = executors(sessionId, null);
        assertEquals(1, executors.size());
        ExecutorsSummary coordinator = executors.get(0);
        assertEquals(ExecutorType.COORDINATOR, coordinator.executorType());
        assertEquals(ExecutorState.REGISTERED, coordinator.executorState());
        assertEquals(1L, coordinator.executorSize());
        assertTrue(coordinator.startDateTime() <= System.currentTimeMillis());
        assertNull(coordinator.terminationDateTime());
        assertEquals(List.of(), executors(sessionId, ExecutorState.TERMINATED));
        assertEquals(executors, executors(sessionId, ExecutorState.REGISTERED));
        assertThrows(
                ResourceNotFoundException.class,
                () -> outsider.listExecutors(r -> r.sessionId(sessionId)),
                "another account's session has no executors to show");
    }

    List<ExecutorsSummary> executors(String sessionId, ExecutorState filter) {
        List<ExecutorsSummary> all = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListExecutorsResponse page = creator.listExecutors(r -> r.sessionId(sessionId)
                    .executorStateFilter(filter)
                    .maxResults(1)
                    .nextToken(next));
            assertEquals(sessionId, page.sessionId());
            all.addAll(page.executorsSummary());
            token = page.nextToken();
        } while (token != null);
        return all;
    }
}
