package dev.parley.http.it;

import static dev.parley.http.it.TwoNodesTest.cluster;
import static dev.parley.http.it.TwoNodesTest.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The operations endpoints a node serves on its management port (health, membership, metrics), and a cluster that H2 cannot hold. */
class OperationsEndpointsTest {

    @Test
    void aStartedNodeIsAliveReadyAndAMemberOfItsCluster() throws Exception {
        try (RunningParley parley =
                new RunningParley(Files.createTempDirectory("parley-operations"), ConfigFactory.empty())) {
            String base = parley.server().managementUri().toString();
            assertEquals(200, get(base + "/health/alive").statusCode());
            HttpResponse<String> ready = RunningParley.eventually(
                    () -> {
                        try {
                            return get(base + "/health/ready");
                        } catch (IOException | InterruptedException e) {
                            throw new AssertionError(e);
                        }
                    },
                    answer -> answer.statusCode() == 200);
            assertEquals(200, ready.statusCode(), ready.body());
            HttpResponse<String> members = get(base + "/cluster/members");
            assertEquals(200, members.statusCode());
            assertTrue(members.body().contains("\"status\":\"Up\""), members.body());
            assertTrue(
                    members.body()
                            .contains(parley.server().actorSystem().address().toString()),
                    members.body());

            parley.cleanRooms(TestAccounts.CREATOR).listCollaborations(r -> {});
            parley.cleanRooms(TestAccounts.CREATOR).listCollaborations(r -> {});
            String metrics = get(base + "/metrics").body();
            assertTrue(
                    metrics.contains(
                            "parley_requests_total{operation=\"ListCollaborations\",service=\"cleanrooms\",status=\"200\"} 2"),
                    metrics);
            assertTrue(
                    metrics.contains(
                            "parley_request_duration_seconds_count{operation=\"ListCollaborations\",service=\"cleanrooms\"} 2"),
                    metrics);
        }
    }

    @Test
    void severalNodesOnH2AreRefusedWithAClearMessage() throws Exception {
        int port = freePort();
        IllegalStateException refused = assertThrows(
                IllegalStateException.class,
                () -> new RunningParley(
                        Files.createTempDirectory("parley-h2-cluster"),
                        cluster(port, "\"pekko://parley@127.0.0.1:" + port + "\"")));
        assertTrue(refused.getMessage().contains("needs PostgreSQL"), refused.getMessage());
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
