package dev.parley.http.it;

import static dev.parley.http.it.TestAccounts.CREATOR;
import static dev.parley.http.it.TestAccounts.MEMBER_B;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cleanrooms.CleanRoomsClient;
import software.amazon.awssdk.services.cleanrooms.model.CollaborationQueryLogStatus;
import software.amazon.awssdk.services.cleanrooms.model.MemberAbility;

/**
 * What durable commits cost on the embedded H2: acknowledged CreateCollaboration requests per second from concurrent
 * SDK clients, with Parley's WRITE_DELAY=0 against H2's own default (WRITE_DELAY=500, which loses the last half second
 * of acknowledged writes on a crash). Rounds alternate between the two so that a noisy machine hurts both alike.
 *
 * <p>{@code http-api/bench/durable-writes.sh [--clients N] [--seconds S] [--rounds R]}
 */
public final class DurableWritesBenchmark {

    private DurableWritesBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options =
                new java.util.HashMap<>(Map.of("--clients", "4", "--seconds", "10", "--rounds", "2"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        int clients = Integer.parseInt(options.get("--clients"));
        Duration duration = Duration.ofSeconds(Long.parseLong(options.get("--seconds")));
        int rounds = Integer.parseInt(options.get("--rounds"));
        double durable = 0;
        double delayed = 0;
        for (int round = 1; round <= rounds; round++) {
            double withoutDelay = run(0, clients, duration);
            double withDelay = run(500, clients, duration);
            System.out.printf(
                    "round %d: WRITE_DELAY=0 %.1f creates/s, WRITE_DELAY=500 %.1f creates/s, ratio %.2f%n",
                    round, withoutDelay, withDelay, withoutDelay / withDelay);
            durable += withoutDelay;
            delayed += withDelay;
        }
        System.out.printf(
                "%d clients, %d rounds of %d s: durable commits run at %.2f of H2's default throughput%n",
                clients, rounds, duration.toSeconds(), durable / delayed);
        System.exit(0);
    }

    private static double run(int writeDelay, int clients, Duration duration) throws Exception {
        Path dir = Files.createTempDirectory("parley-bench");
        String url = "jdbc:h2:file:" + dir.resolve("parley") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=" + writeDelay;
        try (RunningParley parley = new RunningParley(
                dir, ConfigFactory.parseMap(Map.of("parley.database.url", url, "parley.database.user", "sa")))) {
            createFor(parley, clients, Duration.ofSeconds(2));
            return createFor(parley, clients, duration) / (double) duration.toSeconds();
        }
    }

    private static int createFor(RunningParley parley, int clients, Duration duration) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long deadline = System.nanoTime() + duration.toNanos();
        List<Future<Integer>> counts = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            counts.add(pool.submit(() -> {
                CleanRoomsClient creator = RunningParley.cleanRooms(
                        parley.endpoint(), Region.US_EAST_1, CREATOR.accessKeyId(), CREATOR.secretAccessKey());
                int created = 0;
                while (System.nanoTime() < deadline) {
                    creator.createCollaboration(r -> r.name("bench")
                            .creatorDisplayName("Advertiser")
                            .creatorMemberAbilities(MemberAbility.CAN_QUERY)
                            .members(m -> m.accountId(MEMBER_B.accountId())
                                    .displayName("Publisher")
                                    .memberAbilities(MemberAbility.CAN_RECEIVE_RESULTS))
                            .queryLogStatus(CollaborationQueryLogStatus.DISABLED));
                    created++;
                }
                return created;
            }));
        }
        int total = 0;
        for (Future<Integer> count : counts) {
            total += count.get();
        }
        pool.shutdown();
        return total;
    }
}
