package dev.parley.http.it;

import static dev.parley.http.it.RunningParley.eventually;
import static dev.parley.http.it.TestAccounts.CREATOR;
import static dev.parley.http.it.TwoNodesTest.cluster;
import static dev.parley.http.it.TwoNodesTest.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.services.cleanrooms.model.CleanRoomsException;

/**
 * Three nodes of one cluster on PostgreSQL: collaborations are spread over the nodes by sharding, any node answers for
 * any of them, and when one node stops without leaving (a crash: no coordinated shutdown, its remoting simply gone)
 * the split-brain resolver downs it and its collaborations recover on the other two with every acknowledged write.
 */
class ThreeNodesTest {

    private static final int COLLABORATIONS = 12;
    private static final Duration RECOVERY = Duration.ofSeconds(60);

    @Test
    void aCrashedNodesEntitiesRecoverOnTheOthersWithNothingLost() throws Exception {
        Config database = TestPostgres.freshDatabase();
        // Decide quickly that the crashed node is gone: a test cannot wait the production 20 s.
        Config fast = ConfigFactory.parseString("pekko.cluster.split-brain-resolver.stable-after = 3s\n"
                + "pekko.cluster.failure-detector.acceptable-heartbeat-pause = 2s");
        int firstPort = freePort();
        String seed = "\"pekko://parley@127.0.0.1:" + firstPort + "\"";
        List<RunningParley> nodes = new ArrayList<>();
        try {
            nodes.add(new RunningParley(
                    Files.createTempDirectory("parley-3n-1"),
                    cluster(firstPort, seed).withFallback(fast).withFallback(database)));
            for (int i = 0; i < 2; i++) {
                // A crash is a stop without leaving: terminating its actor system skips the coordinated shutdown.
                Config crashable = i == 1
                        ? ConfigFactory.parseString("pekko.coordinated-shutdown.run-by-actor-system-terminate = off")
                        : ConfigFactory.empty();
                nodes.add(new RunningParley(
                        Files.createTempDirectory("parley-3n"),
                        crashable
                                .withFallback(cluster(freePort(), seed))
                                .withFallback(fast)
                                .withFallback(database)));
            }
            List<CleanRoomsClient> clients =
                    nodes.stream().map(node -> node.cleanRooms(CREATOR)).toList();
            String probe = clients.get(0)
                    .createCollaboration(CleanRoomsContract.request("probe", b -> {}))
                    .collaboration()
                    .id();
            for (CleanRoomsClient client : clients) {
                eventually(() -> readable(client, probe), probe::equals);
            }

            List<String> ids = new ArrayList<>();
            for (int i = 0; i < COLLABORATIONS; i++) {
                ids.add(clients.get(i % 3)
                        .createCollaboration(CleanRoomsContract.request("spread " + i, b -> {}))
                        .collaboration()
                        .id());
            }
            for (int node = 0; node < 3; node++) {
                RunningParley each = nodes.get(node);
                assertTrue(
                        ids.stream().anyMatch(id -> each.hosts("Collaboration", id)),
                        "node " + node + " holds some of the collaborations");
            }
            for (int i = 0; i < COLLABORATIONS; i++) {
                String id = ids.get(i);
                assertEquals(id, readable(clients.get((i + 1) % 3), id), "any node answers for any collaboration");
            }

            RunningParley crashed = nodes.get(2);
            List<String> onCrashed = ids.stream()
                    .filter(id -> crashed.hosts("Collaboration", id))
                    .toList();
            long crash = System.nanoTime();
            crashed.server().actorSystem().terminate();

            for (String id : onCrashed) {
                String renamed = "after the crash " + id.substring(0, 8);
                // Until the crashed node is downed and its shards allocated again, requests for them wait (503 after
                // the ask timeout); renaming is idempotent, so trying again is safe.
                within(RECOVERY, () -> {
                    try {
                        clients.get(0)
                                .updateCollaboration(
                                        r -> r.collaborationIdentifier(id).name(renamed));
                        return true;
                    } catch (CleanRoomsException stillRecovering) {
                        return false;
                    }
                });
                System.out.printf(
                        "collaboration %s of the crashed node written again %.1f s after the crash%n",
                        id, (System.nanoTime() - crash) / 1e9);
                assertEquals(
                        renamed,
                        clients.get(1)
                                .getCollaboration(r -> r.collaborationIdentifier(id))
                                .collaboration()
                                .name());
            }
            for (String id : ids) {
                assertEquals(id, eventually(() -> readable(clients.get(1), id), id::equals), "nothing lost");
            }
        } finally {
            for (RunningParley node : nodes) {
                node.close();
            }
        }
    }

    /** Waits until {@code done} holds, at most {@code limit}. */
    private static void within(Duration limit, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not recovered within " + limit);
            }
            Thread.sleep(100);
        }
    }

    private static String readable(CleanRoomsClient client, String id) {
        try {
            return client.getCollaboration(r -> r.collaborationIdentifier(id))
                    .collaboration()
                    .id();
        } catch (CleanRoomsException notYet) {
            return null;
        }
    }
}
