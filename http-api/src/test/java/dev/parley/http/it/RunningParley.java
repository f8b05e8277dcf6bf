package dev.parley.http.it;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.parley.http.ParleyServer;
import dev.parley.http.auth.Account;
import dev.parley.http.wire.ServedService;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;

/** A Parley node started on a free port for a test, and real SDK clients pointed at it. */
final class RunningParley implements AutoCloseable {

    private final Path dataDir;
    private final Config config;
    private final Region region;
    private ParleyServer server;

    RunningParley(Path dataDir, Config config) {
        this(dataDir, config, Region.US_EAST_1);
    }

    RunningParley(Path dataDir, Config config, Region region) {
        this.dataDir = dataDir;
        this.config = config;
        this.region = region;
        this.server = start();
    }

    private ParleyServer start() {
        return ParleyServer.start(new ParleyServer.Settings(
                0,
                dataDir,
                TestAccounts.all(),
                region.id(),
                config.withFallback(
                        ConfigFactory.parseString("parley.ask-timeout = 20s\npekko.management.http.port = 0"))));
    }

    /** Stops the node and starts a fresh one on the same data: the journal is all that carries over. */
    void restart() {
        server.close();
        server = start();
    }

    ParleyServer server() {
        return server;
    }

    /** Whether this node holds entity {@code entityId} of the sharded type {@code entityType} right now. */
    boolean hosts(String entityType, String entityId) {
        try {
            server.actorSystem()
                    .classicSystem()
                    .actorSelection("/system/sharding/" + entityType + "/*/" + entityId)
                    .resolveOne(Duration.ofSeconds(2))
                    .toCompletableFuture()
                    .join();
            return true;
        } catch (CompletionException notHere) {
            return false;
        }
    }

    /** The services the node answers for, with the operations it serves of each. */
    List<ServedService> services() {
        return server.services();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    CleanRoomsClient cleanRooms(Account account) {
        return cleanRooms(account.accessKeyId(), account.secretAccessKey());
    }

    CleanRoomsClient cleanRooms(String accessKeyId, String secretAccessKey) {
        return cleanRooms(endpoint(), region, accessKeyId, secretAccessKey);
    }

    /** A real SDK client for {@code endpoint}, without retries: every answer the test sees is the server's own. */
    static CleanRoomsClient cleanRooms(URI endpoint, Region region, String accessKeyId, String secretAccessKey) {
        return CleanRoomsClient.builder()
                .endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey)))
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(DefaultRetryStrategy.doNotRetry()))
                .build();
    }

    /** A real Athena client for this node, signing as {@code account}, without retries. */
    AthenaClient athena(Account account) {
        return AthenaClient.builder()
                .endpointOverride(endpoint())
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey())))
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(DefaultRetryStrategy.doNotRetry()))
                .build();
    }

    /** Waits for the read side (List operations) to show what the entities already acknowledged. */
    static <T> T eventually(Supplier<T> attempt, java.util.function.Predicate<T> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        T last = attempt.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within 15 s; last value: " + last);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            last = attempt.get();
        }
        return last;
    }

    @Override
    public void close() {
        server.close();
    }
}
