package dev.parley.http.it;

import static dev.parley.http.it.RunningParley.eventually;
import static dev.parley.http.it.TestAccounts.CREATOR;
import static dev.parley.http.it.TwoNodesTest.cluster;
import static dev.parley.http.it.TwoNodesTest.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.AthenaException;
import software.amazon.awssdk.services.athena.model.CalculationExecutionState;
import software.amazon.awssdk.services.athena.model.ExecutorState;
import software.amazon.awssdk.services.athena.model.ExecutorsSummary;
import software.amazon.awssdk.services.athena.model.GetCalculationExecutionResponse;
import software.amazon.awssdk.services.athena.model.SessionState;

/**
 * Two nodes of one cluster on PostgreSQL, sharing a data directory (the catalog and the s3 results): when the node
 * holding a session's entity and coordinator leaves, the session recovers on the other node, its lost executor shows
 * FAILED beside the new one, and the view a calculation made before is there again for the next.
 */
class SessionMovesNodesTest {

    @Test
    void aSessionRecoversOnTheOtherNodeWithItsViews() throws Exception {
        Config database = TestPostgres.freshDatabase();
        Path dataDir = Files.createTempDirectory("parley-shared-data");
        int firstPort = freePort();
        String seed = "\"pekko://parley@127.0.0.1:" + firstPort + "\"";
        List<RunningParley> nodes = List.of(
                new RunningParley(dataDir, cluster(firstPort, seed).withFallback(database)),
                new RunningParley(dataDir, cluster(freePort(), seed).withFallback(database)));
        try {
            List<AthenaClient> clients =
                    nodes.stream().map(node -> node.athena(CREATOR)).toList();
            clients.get(0)
                    .createWorkGroup(r -> r.name("moves")
                            .configuration(
                                    c -> c.engineVersion(e -> e.selectedEngineVersion("PySpark engine version 3"))
                                            .resultConfiguration(o -> o.outputLocation("s3://results/moves/"))));
            // The second node serves once it has joined the cluster.
            eventually(
                    () -> {
                        try {
                            return clients.get(1)
                                    .getWorkGroup(r -> r.workGroup("moves"))
                                    .workGroup()
                                    .name();
                        } catch (AthenaException e) {
                            return null;
                        }
                    },
                    "moves"::equals);
            String sessionId = clients.get(0)
                    .startSession(r -> r.workGroup("moves").engineConfiguration(e -> e.maxConcurrentDpus(2)))
                    .sessionId();
            eventually(
                    () -> clients.get(0)
                            .getSessionStatus(r -> r.sessionId(sessionId))
                            .status()
                            .state(),
                    state -> state == SessionState.IDLE);
            completed(clients.get(0), sessionId, "CREATE TEMP VIEW v AS SELECT * FROM (VALUES (1), (2), (3)) AS t(x)");

            int host = nodes.get(0).hosts("Session", sessionId) ? 0 : 1;
            nodes.get(host).close();
            AthenaClient survivor = clients.get(1 - host);

            GetCalculationExecutionResponse sum = completed(survivor, sessionId, "SELECT sum(x) AS s FROM v");
            assertEquals(
                    "s\r\n6\r\n",
                    Files.readString(dataDir.resolve("s3")
                            .resolve(sum.result().resultS3Uri().substring("s3://".length()))));
            assertEquals(
                    List.of(ExecutorState.FAILED, ExecutorState.REGISTERED),
                    survivor.listExecutors(r -> r.sessionId(sessionId)).executorsSummary().stream()
                            .map(ExecutorsSummary::executorState)
                            .toList(),
                    "the coordinator of the node that left failed; the session runs another");
        } finally {
            for (RunningParley node : nodes) {
                node.close();
            }
        }
    }

    private static GetCalculationExecutionResponse completed(AthenaClient athena, String sessionId, String code) {
        String id = eventually(
                () -> {
                    try {
                        return athena.startCalculationExecution(
                                        r -> r.sessionId(sessionId).codeBlock(code))
                                .calculationExecutionId();
                    } catch (AthenaException stillMoving) {
                        return null;
                    }
                },
                started -> started != null);
        GetCalculationExecutionResponse done = eventually(
                () -> athena.getCalculationExecution(r -> r.calculationExecutionId(id)),
                c -> c.status().state() == CalculationExecutionState.COMPLETED
                        || c.status().state() == CalculationExecutionState.FAILED);
        assertEquals(
                CalculationExecutionState.COMPLETED,
                done.status().state(),
                done.status().stateChangeReason());
        return done;
    }
}
