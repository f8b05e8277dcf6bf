package dev.parley.http.it;

import static dev.parley.http.it.RunningParley.eventually;
import static dev.parley.http.it.TestAccounts.CREATOR;
import static dev.parley.http.it.TestAccounts.MEMBER_B;
import static dev.parley.http.it.TestAccounts.OUTSIDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.services.cleanrooms.model.AccessDeniedException;
import software.amazon.awssdk.services.cleanrooms.model.CleanRoomsException;
import software.amazon.awssdk.services.cleanrooms.model.ConflictException;
import software.amazon.awssdk.services.cleanrooms.model.MembershipQueryLogStatus;
import software.amazon.awssdk.services.cleanrooms.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cleanrooms.model.ValidationException;

/**
 * Two nodes of one cluster sharing the PostgreSQL journal: every kind of refusal comes back with its own error type,
 * fast, whichever node the request reaches and whichever hosts the entity. Each request is sent to both nodes, so
 * one of the two always has to carry the entity's answer across the cluster.
 */
class TwoNodesTest {

    private static final int COLLABORATIONS = 8;
    private static final Duration FAST = Duration.ofSeconds(3);

    @Test
    void refusalsCrossTheNodeBoundaryWithTheirErrorTypes() throws Exception {
        Config database = TestPostgres.freshDatabase();
        int firstPort = freePort();
        String seed = "\"pekko://parley@127.0.0.1:" + firstPort + "\"";
        try (RunningParley first = new RunningParley(
                        Files.createTempDirectory("parley-node1"),
                        cluster(firstPort, seed).withFallback(database));
                RunningParley second = new RunningParley(
                        Files.createTempDirectory("parley-node2"),
                        cluster(freePort(), seed).withFallback(database))) {
            List<CleanRoomsClient> creators = List.of(first.cleanRooms(CREATOR), second.cleanRooms(CREATOR));
            List<CleanRoomsClient> outsiders = List.of(first.cleanRooms(OUTSIDER), second.cleanRooms(OUTSIDER));
            List<CleanRoomsClient> memberBs = List.of(first.cleanRooms(MEMBER_B), second.cleanRooms(MEMBER_B));
            String probe = creators.get(0)
                    .createCollaboration(CleanRoomsContract.request("probe", b -> {}))
                    .collaboration()
                    .id();
            // The second node serves once it has joined the cluster.
            eventually(
                    () -> {
                        try {
                            return creators.get(1)
                                    .getCollaboration(r -> r.collaborationIdentifier(probe))
                                    .collaboration()
                                    .id();
                        } catch (CleanRoomsException e) {
                            return null;
                        }
                    },
                    probe::equals);

            List<String> ids = new ArrayList<>();
            for (int i = 0; i < COLLABORATIONS; i++) {
                String id = creators.get(i % 2)
                        .createCollaboration(CleanRoomsContract.request("spread " + i, b -> {}))
                        .collaboration()
                        .id();
                memberBs.get(i % 2)
                        .createMembership(
                                r -> r.collaborationIdentifier(id).queryLogStatus(MembershipQueryLogStatus.DISABLED));
                ids.add(id);
            }
            for (String id : ids) {
                for (int node = 0; node < 2; node++) {
                    CleanRoomsClient creator = creators.get(node);
                    assertRefusedFast(
                            ValidationException.class,
                            () -> creator.deleteMember(
                                    r -> r.collaborationIdentifier(id).accountId(CREATOR.accountId())));
                    CleanRoomsClient outsider = outsiders.get(node);
                    assertRefusedFast(
                            AccessDeniedException.class,
                            () -> outsider.getCollaboration(r -> r.collaborationIdentifier(id)));
                    CleanRoomsClient memberB = memberBs.get(node);
                    assertRefusedFast(
                            ConflictException.class,
                            () -> memberB.createMembership(r ->
                                    r.collaborationIdentifier(id).queryLogStatus(MembershipQueryLogStatus.DISABLED)));
                    String missing = UUID.randomUUID().toString();
                    assertRefusedFast(
                            ResourceNotFoundException.class,
                            () -> creator.getCollaboration(r -> r.collaborationIdentifier(missing)));
                    assertEquals(
                            id,
                            creator.getCollaboration(r -> r.collaborationIdentifier(id))
                                    .collaboration()
                                    .id(),
                            "answers cross too");
                }
            }
        }
    }

    private static void assertRefusedFast(Class<? extends CleanRoomsException> expected, Runnable request) {
        long start = System.nanoTime();
        CleanRoomsException refused = assertThrows(CleanRoomsException.class, request::run);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(expected, refused.getClass(), refused.getMessage());
        assertTrue(took.compareTo(FAST) < 0, expected.getSimpleName() + " took " + took);
    }

    static Config cluster(int port, String seed) {
        return ConfigFactory.parseString("pekko.remote.artery.canonical.port = " + port + "\n"
                + "pekko.cluster.seed-nodes = [" + seed + "]\n"
                + "parley.ask-timeout = 5s");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
