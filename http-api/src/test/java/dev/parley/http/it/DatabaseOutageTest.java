package dev.parley.http.it;

import static dev.parley.http.it.RunningParley.eventually;
import static dev.parley.http.it.TestAccounts.CREATOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.services.cleanrooms.model.CleanRoomsException;

/**
 * While the database refuses connections, reads and writes are answered fast with an AWS-shaped 503
 * ServiceUnavailableException, never a 429 that SDKs retry as throttling; when it is back, the node serves again.
 * The outage is real: the database stops accepting connections and every connection Parley holds is terminated.
 */
class DatabaseOutageTest {

    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);

    @Test
    void anUnreachableDatabaseIsAFast503AndTheNodeRecovers() throws Exception {
        Config database = TestPostgres.freshOutageDatabase();
        Config config = ConfigFactory.parseString("parley.ask-timeout = " + ASK_TIMEOUT.toMillis() + "ms")
                .withFallback(database);
        String url = database.getString("parley.database.url").replaceFirst("\\?.*", "");
        String databaseName = url.substring(url.lastIndexOf('/') + 1);
        // A database cannot refuse the connection that tells it to, so the outage is ordered from another one.
        try (RunningParley parley = new RunningParley(Files.createTempDirectory("parley-outage"), config);
                Connection admin = DriverManager.getConnection(
                        url.substring(0, url.lastIndexOf('/') + 1) + "postgres",
                        database.getString("parley.database.user"),
                        database.getString("parley.database.password"))) {
            CleanRoomsClient creator = parley.cleanRooms(CREATOR);
            String id = creator.createCollaboration(CleanRoomsContract.request("before", b -> {}))
                    .collaboration()
                    .id();
            eventually(
                    () -> creator.listCollaborations(r -> {})
                            .collaborationList()
                            .size(),
                    size -> size == 1);

            cutOff(admin, databaseName, true);
            try {
                assertUnavailableWithin(
                        Duration.ofSeconds(5),
                        () -> creator.listCollaborations(r -> {}).collaborationList());
                assertUnavailableWithin(
                        ASK_TIMEOUT.plusSeconds(3),
                        () -> creator.updateCollaboration(
                                        r -> r.collaborationIdentifier(id).name("during the outage"))
                                .collaboration());
                assertUnavailableWithin(
                        ASK_TIMEOUT.plusSeconds(3),
                        () -> creator.createCollaboration(CleanRoomsContract.request("during", b -> {}))
                                .collaboration());
            } finally {
                cutOff(admin, databaseName, false);
            }

            // The journal's circuit breaker may stay open for a while after failures; then writes succeed again.
            String renamed = eventuallyAnswered(() -> creator.updateCollaboration(
                            r -> r.collaborationIdentifier(id).name("after the outage"))
                    .collaboration()
                    .name());
            assertEquals("after the outage", renamed);
            assertEquals(1 + 1, eventuallyAnswered(() -> {
                creator.createCollaboration(CleanRoomsContract.request("after", b -> {}));
                return 2;
            }));
            eventually(
                    () -> creator.listCollaborations(r -> {}).collaborationList().stream()
                            .anyMatch(c -> c.name().equals("after")),
                    found -> found);
        }
    }

    /** Makes the database refuse new connections (or accept them again) and ends every other session of the role. */
    private static void cutOff(Connection admin, String database, boolean off) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            statement.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS " + !off);
            if (off) {
                statement.execute(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
            }
        }
    }

    private static void assertUnavailableWithin(Duration limit, Supplier<Object> request) {
        long start = System.nanoTime();
        CleanRoomsException refused = assertThrows(CleanRoomsException.class, request::get);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(503, refused.statusCode(), refused.getMessage());
        assertEquals("ServiceUnavailableException", refused.awsErrorDetails().errorCode());
        assertTrue(took.compareTo(limit) < 0, "answered after " + took + ", limit " + limit);
    }

    private static <T> T eventuallyAnswered(Supplier<T> request) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                return request.get();
            } catch (CleanRoomsException e) {
                if (System.nanoTime() > deadline || e.statusCode() != 503) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }
}
