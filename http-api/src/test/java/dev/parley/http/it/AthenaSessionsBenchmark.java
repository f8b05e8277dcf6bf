package dev.parley.http.it;

import static dev.parley.http.it.TestAccounts.CREATOR;

import com.typesafe.config.ConfigFactory;
import dev.parley.engine.Engine;
import dev.parley.engine.EngineSession;
import dev.parley.engine.FunctionSet;
import dev.parley.engine.OutputLayout;
import dev.parley.engine.QueryResult;
import dev.parley.engine.SessionLimits;
import dev.parley.engine.SqlAccess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.CalculationExecutionState;
import software.amazon.awssdk.services.athena.model.SessionState;

/**
 * What Parley's Athena sessions cost over signed HTTP, each figure beside a baseline measured in the same run: the
 * time from StartSession to IDLE and from submitting {@code SELECT 1} to COMPLETED (polled with
 * GetCalculationExecutionStatus, whose own round trip is the baseline), and TPC-H Q1 as a calculation over the caller's
 * catalog against the same SQL straight on the engine with the same budget (target ratio at most 1.1). The lineitem
 * table is TPC-H-shaped (Q1's columns, its value ranges) and generated with the engine, {@code --rows} rows (6,001,215
 * at scale factor 1) into the catalog as Parquet.
 *
 * <p>{@code http-api/bench/athena-sessions.sh [--sessions N] [--calculations N] [--rows N] [--runs N]}
 */
public final class AthenaSessionsBenchmark {

    static final String Q1 = "SELECT l_returnflag, l_linestatus, sum(l_quantity) AS sum_qty,"
            + " sum(l_extendedprice) AS sum_base_price, sum(l_extendedprice * (1 - l_discount)) AS sum_disc_price,"
            + " sum(l_extendedprice * (1 - l_discount) * (1 + l_tax)) AS sum_charge, avg(l_quantity) AS avg_qty,"
            + " avg(l_extendedprice) AS avg_price, avg(l_discount) AS avg_disc, count(*) AS count_order"
            + " FROM tpch.lineitem WHERE l_shipdate <= DATE '1998-09-02'"
            + " GROUP BY l_returnflag, l_linestatus ORDER BY l_returnflag, l_linestatus";

    /** The session's budget: 2 DPUs are a 2 GiB pool and 8 partitions, and so is the baseline's. */
    static final int DPUS = 2;

    private AthenaSessionsBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options =
                new HashMap<>(Map.of("--sessions", "20", "--calculations", "200", "--rows", "6001215", "--runs", "5"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        Path dataDir = Files.createTempDirectory("parley-athena-bench");
        Path lineitem = Files.createDirectories(dataDir.resolve("catalog")
                .resolve(CREATOR.accountId())
                .resolve("tpch")
                .resolve("lineitem"));
        long rows = Long.parseLong(options.get("--rows"));
        long generating = System.nanoTime();
        generateLineitem(lineitem.resolve("lineitem.parquet"), rows);
        System.out.printf("lineitem: %,d rows generated in %.1f s%n", rows, (System.nanoTime() - generating) / 1e9);

        try (RunningParley parley = new RunningParley(dataDir, ConfigFactory.empty())) {
            AthenaClient athena = parley.athena(CREATOR);
            athena.createWorkGroup(r -> r.name("bench")
                    .configuration(c -> c.engineVersion(e -> e.selectedEngineVersion("PySpark engine version 3"))
                            .resultConfiguration(o -> o.outputLocation("s3://bench/results/"))));

            List<Double> toIdle = new ArrayList<>();
            List<Double> statusReads = new ArrayList<>();
            String sessionId = null;
            for (int i = 0; i < Integer.parseInt(options.get("--sessions")); i++) {
                long start = System.nanoTime();
                sessionId = athena.startSession(
                                r -> r.workGroup("bench").engineConfiguration(e -> e.maxConcurrentDpus(DPUS)))
                        .sessionId();
                awaitIdle(athena, sessionId);
                toIdle.add(millisSince(start));
                String session = sessionId;
                long read = System.nanoTime();
                athena.getSessionStatus(r -> r.sessionId(session));
                statusReads.add(millisSince(read));
            }
            report("StartSession -> IDLE", toIdle, "GetSessionStatus", statusReads);

            String session = sessionId;
            completed(athena, session, "SELECT 1");
            List<Double> trivial = new ArrayList<>();
            List<Double> calculationReads = new ArrayList<>();
            for (int i = 0; i < Integer.parseInt(options.get("--calculations")); i++) {
                long start = System.nanoTime();
                String id = completed(athena, session, "SELECT 1");
                trivial.add(millisSince(start));
                long read = System.nanoTime();
                athena.getCalculationExecutionStatus(r -> r.calculationExecutionId(id));
                calculationReads.add(millisSince(read));
            }
            report("SELECT 1 submitted -> COMPLETED", trivial, "GetCalculationExecutionStatus", calculationReads);

            List<Double> asCalculation = new ArrayList<>();
            List<Double> running = new ArrayList<>();
            List<Double> onEngine = new ArrayList<>();
            try (Engine engine = new Engine();
                    EngineSession direct = engine.openSession(
                            new SessionLimits((long) DPUS << 30, 4 * DPUS, Duration.ZERO),
                            FunctionSet.SPARK,
                            SqlAccess.RESTRICTED)) {
                direct.registerParquet("tpch.lineitem", lineitem);
                int runs = Integer.parseInt(options.get("--runs"));
                for (int run = 0; run <= runs; run++) {
                    long start = System.nanoTime();
                    String id = completed(athena, session, Q1, 100);
                    double calculation = millisSince(start);
                    // The session holds all its DPUs while a calculation runs, so this is the time it ran.
                    double ran = athena.getCalculationExecution(r -> r.calculationExecutionId(id))
                                    .statistics()
                                    .dpuExecutionInMillis()
                            / (double) DPUS;
                    start = System.nanoTime();
                    try (QueryResult result = direct.sql(Q1)) {
                        while (result.loadNextBatch()) {
                            // read every batch, as the calculation writes every row
                        }
                    }
                    double engineOnly = millisSince(start);
                    if (run > 0) {
                        asCalculation.add(calculation);
                        running.add(ran);
                        onEngine.add(engineOnly);
                    }
                }
            }
            double calculationMedian = percentile(asCalculation, 50);
            double runningMedian = percentile(running, 50);
            double engineMedian = percentile(onEngine, 50);
            System.out.printf(
                    "TPC-H Q1 over %,d rows, medians of %d: straight on the engine %.1f ms; the calculation ran %.1f ms"
                            + " (ratio %.3f, target <= 1.1: SQL, result files and stdout); submit -> COMPLETED polled"
                            + " every 100 ms %.1f ms (ratio %.3f)%n",
                    rows,
                    onEngine.size(),
                    engineMedian,
                    runningMedian,
                    runningMedian / engineMedian,
                    calculationMedian,
                    calculationMedian / engineMedian);
        }
        System.exit(0);
    }

    /** Q1's columns with TPC-H's value ranges; random, so the same file is read by both sides. */
    static void generateLineitem(Path file, long rows) {
        try (Engine engine = new Engine();
                EngineSession session =
                        engine.openSession(SessionLimits.ofMemory(2L << 30), FunctionSet.DEFAULT, SqlAccess.FULL)) {
            session.writeParquet(
                    "SELECT CAST(floor(random() * 50) + 1 AS DOUBLE) AS l_quantity,"
                            + " round(random() * 104000 + 900, 2) AS l_extendedprice,"
                            + " round(floor(random() * 11) / 100, 2) AS l_discount,"
                            + " round(floor(random() * 9) / 100, 2) AS l_tax,"
                            + " CASE WHEN random() < 0.25 THEN 'A' WHEN random() < 0.33 THEN 'R' ELSE 'N' END"
                            + " AS l_returnflag,"
                            + " CASE WHEN random() < 0.5 THEN 'F' ELSE 'O' END AS l_linestatus,"
                            + " CAST(to_timestamp_seconds(694224000 + CAST(floor(random() * 2526) AS BIGINT) * 86400)"
                            + " AS DATE) AS l_shipdate"
                            + " FROM generate_series(1, " + rows + ")",
                    file,
                    OutputLayout.SINGLE_FILE);
        }
    }

    static void awaitIdle(AthenaClient athena, String sessionId) throws InterruptedException {
        while (athena.getSessionStatus(r -> r.sessionId(sessionId)).status().state() != SessionState.IDLE) {
            Thread.sleep(1);
        }
    }

    /** Submits and polls until COMPLETED; a failed calculation ends the benchmark. */
    static String completed(AthenaClient athena, String sessionId, String code) throws InterruptedException {
        return completed(athena, sessionId, code, 1);
    }

    static String completed(AthenaClient athena, String sessionId, String code, long pollMillis)
            throws InterruptedException {
        String id = athena.startCalculationExecution(r -> r.sessionId(sessionId).codeBlock(code))
                .calculationExecutionId();
        while (true) {
            CalculationExecutionState state = athena.getCalculationExecutionStatus(r -> r.calculationExecutionId(id))
                    .status()
                    .state();
            if (state == CalculationExecutionState.COMPLETED) {
                return id;
            }
            if (state == CalculationExecutionState.FAILED || state == CalculationExecutionState.CANCELED) {
                throw new IllegalStateException("calculation " + id + " ended " + state + ": " + code);
            }
            Thread.sleep(pollMillis);
        }
    }

    static void report(String what, List<Double> measured, String baseline, List<Double> baselineMeasured) {
        double p50 = percentile(measured, 50);
        double baselineP50 = percentile(baselineMeasured, 50);
        System.out.printf(
                "%s: p50 %.1f ms, p99 %.1f ms over %d; baseline %s p50 %.2f ms; ratio p50 %.1f%n",
                what, p50, percentile(measured, 99), measured.size(), baseline, baselineP50, p50 / baselineP50);
    }

    static double percentile(List<Double> values, int percentile) {
        List<Double> sorted = values.stream().sorted().toList();
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
