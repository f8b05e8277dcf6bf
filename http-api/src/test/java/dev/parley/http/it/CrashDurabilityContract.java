package dev.parley.http.it;

import static dev.parley.http.it.TestAccounts.CREATOR;
import static dev.parley.http.it.TestAccounts.MEMBER_B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import dev.parley.http.auth.Account;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.services.cleanrooms.model.CollaborationQueryLogStatus;
import software.amazon.awssdk.services.cleanrooms.model.MemberAbility;
import software.amazon.awssdk.services.cleanrooms.model.Membership;
import software.amazon.awssdk.services.cleanrooms.model.MembershipQueryLogStatus;

/**
 * Nothing acknowledged is lost when the node is killed: eight clients create collaborations, join them and rename
 * them against a node in its own JVM; the node gets SIGKILL under that load; a new node on the same data answers
 * for every write that was acknowledged before the kill. Subclasses choose the database.
 */
abstract class CrashDurabilityContract {

    private static final int CLIENTS = 8;
    /** The kill comes once the load ran this long with this many creates acknowledged, or after MAX_LOAD. */
    private static final Duration MIN_LOAD = Duration.ofSeconds(4);

    private static final int MIN_CREATES = 60;
    private static final Duration MAX_LOAD = Duration.ofSeconds(40);

    /** Settings that select the database under test; called once, the restarted node reuses them. */
    abstract Config databaseConfig();

    /** What the clients were told happened to one collaboration, and the rename that was sent but not answered. */
    private static final class Acknowledged {
        final String id;
        volatile String name;
        volatile String unansweredName;

        Acknowledged(String id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    @Test
    void acknowledgedWritesSurviveSigkillUnderLoad() throws Exception {
        Path root = Files.createTempDirectory("parley-crash");
        Path dataDir = root.resolve("data");
        Config config = databaseConfig();
        Map<String, Acknowledged> collaborations = new ConcurrentHashMap<>();
        Map<String, String> memberships = new ConcurrentHashMap<>();
        int renames;
        try (ChildParley node = ChildParley.start(dataDir, config)) {
            renames = loadUntilKilled(node, collaborations, memberships);
        }
        int acknowledged = collaborations.size() + memberships.size() + renames;
        assertTrue(
                collaborations.size() >= MIN_CREATES,
                "the load acknowledged too little to mean anything: " + collaborations.size() + " creates in "
                        + MAX_LOAD.toSeconds() + " s");

        List<String> lost = new ArrayList<>();
        try (ChildParley restarted = ChildParley.start(dataDir, config)) {
            CleanRoomsClient creator = client(restarted.endpoint(), CREATOR);
            CleanRoomsClient memberB = client(restarted.endpoint(), MEMBER_B);
            for (Acknowledged expected : collaborations.values()) {
                try {
                    String name = creator.getCollaboration(r -> r.collaborationIdentifier(expected.id))
                            .collaboration()
                            .name();
                    if (!name.equals(expected.name) && !name.equals(expected.unansweredName)) {
                        lost.add("collaboration " + expected.id + " is named '" + name + "', acknowledged '"
                                + expected.name + "'");
                    }
                } catch (SdkException e) {
                    lost.add("collaboration " + expected.id + ": " + e.getMessage());
                }
            }
            memberships.forEach((membershipId, collaborationId) -> {
                try {
                    Membership membership = memberB.getMembership(r -> r.membershipIdentifier(membershipId))
                            .membership();
                    if (!membership.collaborationId().equals(collaborationId)
                            || membership.queryLogStatus() != MembershipQueryLogStatus.ENABLED) {
                        lost.add("membership " + membershipId + " lost its settings: " + membership);
                    }
                } catch (SdkException e) {
                    lost.add("membership " + membershipId + ": " + e.getMessage());
                }
            });
        }
        System.out.printf(
                "crash test (%s): %d acknowledged writes (%d creates, %d joins, %d renames), %d lost%n",
                getClass().getSimpleName(),
                acknowledged,
                collaborations.size(),
                memberships.size(),
                renames,
                lost.size());
        assertEquals(List.of(), lost, lost.size() + " of " + acknowledged + " acknowledged writes were lost");
    }

    /** Runs the clients, kills the node with SIGKILL while they run, and returns how many renames were answered. */
    private static int loadUntilKilled(
            ChildParley node, Map<String, Acknowledged> collaborations, Map<String, String> memberships)
            throws Exception {
        AtomicBoolean stopped = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<java.util.concurrent.Future<Integer>> renames = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            renames.add(clients.submit(() -> runClient(node.endpoint(), client, stopped, collaborations, memberships)));
        }
        long start = System.nanoTime();
        while (System.nanoTime() - start < MAX_LOAD.toNanos()
                && (System.nanoTime() - start < MIN_LOAD.toNanos() || collaborations.size() < MIN_CREATES)) {
            Thread.sleep(100);
        }
        node.kill();
        stopped.set(true);
        clients.shutdown();
        assertTrue(clients.awaitTermination(60, TimeUnit.SECONDS), "clients did not stop after the kill");
        int total = 0;
        for (var future : renames) {
            total += future.get();
        }
        return total;
    }

    private static int runClient(
            URI endpoint,
            int client,
            AtomicBoolean stopped,
            Map<String, Acknowledged> collaborations,
            Map<String, String> memberships) {
        CleanRoomsClient creator = client(endpoint, CREATOR);
        CleanRoomsClient memberB = client(endpoint, MEMBER_B);
        int renames = 0;
        for (int round = 0; !stopped.get(); round++) {
            String name = "crash " + client + "-" + round;
            Acknowledged created;
            try {
                String id = creator.createCollaboration(r -> r.name(name)
                                .creatorDisplayName("Advertiser")
                                .creatorMemberAbilities(MemberAbility.CAN_QUERY)
                                .members(m -> m.accountId(MEMBER_B.accountId())
                                        .displayName("Publisher")
                                        .memberAbilities(MemberAbility.CAN_RECEIVE_RESULTS))
                                .queryLogStatus(CollaborationQueryLogStatus.ENABLED))
                        .collaboration()
                        .id();
                created = new Acknowledged(id, name);
                collaborations.put(id, created);
                String membershipId = memberB.createMembership(
                                r -> r.collaborationIdentifier(id).queryLogStatus(MembershipQueryLogStatus.ENABLED))
                        .membership()
                        .id();
                memberships.put(membershipId, id);
            } catch (SdkException e) {
                return renames;
            }
            String renamed = name + " renamed";
            created.unansweredName = renamed;
            try {
                creator.updateCollaboration(
                        r -> r.collaborationIdentifier(created.id).name(renamed));
            } catch (SdkException e) {
                return renames;
            }
            created.name = renamed;
            renames++;
        }
        return renames;
    }

    private static CleanRoomsClient client(URI endpoint, Account account) {
        return RunningParley.cleanRooms(
                endpoint,
                software.amazon.awssdk.regions.Region.US_EAST_1,
                account.accessKeyId(),
                account.secretAccessKey());
    }
}
