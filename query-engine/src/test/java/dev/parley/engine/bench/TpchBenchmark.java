package dev.parley.engine.bench;

import dev.parley.engine.Engine;
import dev.parley.engine.EngineSession;
import dev.parley.engine.FunctionSet;
import dev.parley.engine.QueryResult;
import dev.parley.engine.SessionLimits;
import dev.parley.engine.SqlAccess;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;

/**
 * TPC-H through Parley's engine API against datafusion-cli of the same DataFusion version, and
 * the fixed cost of a query through the API. A program that prints figures, not a test.
 *
 * <p>Arguments (all optional): {@code --scale 1} {@code --runs 5} {@code --queries 1,3,5,6,10|all}
 * {@code --overhead-runs 1000}. Tools are installed and data generated under
 * {@code ~/.cache/parley} on first use.
 */
public final class TpchBenchmark {

    static final String[] TABLES = {"customer", "lineitem", "nation", "orders", "part", "partsupp", "region", "supplier"
    };
    static final Pattern ELAPSED = Pattern.compile("Elapsed ([0-9.]+) seconds");
    static final Path CACHE = Path.of(System.getProperty("user.home"), ".cache", "parley");

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        int scale = Integer.parseInt(options.getOrDefault("scale", "1"));
        int runs = Integer.parseInt(options.getOrDefault("runs", "5"));
        int overheadRuns = Integer.parseInt(options.getOrDefault("overhead-runs", "1000"));
        String querySpec = options.getOrDefault("queries", "1,3,5,6,10");
        int[] queries = querySpec.equals("all")
                ? IntStream.rangeClosed(1, 22).toArray()
                : Arrays.stream(querySpec.split(","))
                        .mapToInt(Integer::parseInt)
                        .toArray();

        Path tpchgen = tool("tpchgen-cli", "4.0.0");
        Path datafusionCli = tool("datafusion-cli", "55.2.0");
        Path data = CACHE.resolve("tpch").resolve("sf" + scale);
        if (!Files.exists(data.resolve("lineitem.parquet"))) {
            Files.createDirectories(data);
            System.out.println("generating TPC-H SF" + scale + " into " + data);
            exec(List.of(
                    tpchgen.toString(),
                    "parquet",
                    "--scale-factor",
                    String.valueOf(scale),
                    "--output-dir",
                    data.toString()));
        }
        Path setup = Files.createTempFile("tpch-setup", ".sql");
        StringBuilder ddl = new StringBuilder();
        for (String table : TABLES) {
            ddl.append("CREATE EXTERNAL TABLE ")
                    .append(table)
                    .append(" STORED AS PARQUET LOCATION '")
                    .append(location(data, table))
                    .append("';\n");
        }
        Files.writeString(setup, ddl);

        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(
                "TPC-H SF%d, %d runs per query after one warm-up, %d target partitions (cores)%n", scale, runs, cores);
        System.out.printf("%-5s %12s %12s %8s%n", "query", "parley ms", "raw ms", "ratio");
        try (BufferAllocator allocator = new RootAllocator();
                Engine engine = new Engine(allocator)) {
            for (int q : queries) {
                String sql = resource("/tpch/q" + q + ".sql");
                Path queryFile = Files.createTempFile("tpch-q" + q, ".sql");
                Files.writeString(queryFile, sql);
                List<Double> parley = new ArrayList<>();
                List<Double> raw = new ArrayList<>();
                try {
                    for (int run = 0; run <= runs; run++) {
                        double p = parleyMillis(engine, data, sql, cores);
                        double r = rawMillis(datafusionCli, setup, queryFile);
                        if (run > 0) {
                            parley.add(p);
                            raw.add(r);
                        }
                    }
                    double pm = median(parley);
                    double rm = median(raw);
                    System.out.printf("q%-4d %12.1f %12.1f %8.3f%n", q, pm, rm, pm / rm);
                } catch (RuntimeException e) {
                    System.out.printf("q%-4d failed: %s%n", q, e.getMessage());
                } finally {
                    Files.deleteIfExists(queryFile);
                }
            }
            overhead(engine, allocator, overheadRuns);
        } finally {
            Files.deleteIfExists(setup);
        }
    }

    /**
     * A fresh session per run, as datafusion-cli is a fresh process. The query runs once
     * untimed, then once timed: the first run in a fresh datafusion-cli process pays for the
     * process warming up (a q18 took 1.1 s first, 0.4 s after), so both sides are timed warm.
     */
    static double parleyMillis(Engine engine, Path data, String sql, int cores) {
        try (EngineSession session = engine.openSession(
                new SessionLimits(16L << 30, cores, java.time.Duration.ZERO),
                FunctionSet.DEFAULT,
                SqlAccess.RESTRICTED)) {
            for (String table : TABLES) {
                session.registerParquet(table, Path.of(location(data, table)));
            }
            String statement = sql.strip().replaceAll(";$", "");
            timeOne(session, statement);
            return timeOne(session, statement);
        }
    }

    /** datafusion-cli's own timing of the query's second run in the process (the last statement it ran). */
    static double rawMillis(Path datafusionCli, Path setup, Path queryFile) throws IOException, InterruptedException {
        String output = exec(List.of(
                datafusionCli.toString(),
                "--format",
                "csv",
                "-f",
                setup.toString(),
                "-f",
                queryFile.toString(),
                "-f",
                queryFile.toString()));
        Matcher matcher = ELAPSED.matcher(output);
        double seconds = -1;
        while (matcher.find()) {
            seconds = Double.parseDouble(matcher.group(1));
        }
        if (seconds < 0) {
            throw new IllegalStateException("no timing in datafusion-cli output: " + output);
        }
        return seconds * 1000;
    }

    static void overhead(Engine engine, BufferAllocator allocator, int runs) throws IOException {
        try (EngineSession session =
                engine.openSession(SessionLimits.ofMemory(256L << 20), FunctionSet.DEFAULT, SqlAccess.RESTRICTED)) {
            session.registerBatches(
                    "small", new ArrowStreamReader(new ByteArrayInputStream(thousandRows(allocator)), allocator));
            System.out.println();
            System.out.printf("%-40s %10s %10s%n", "per-query overhead (" + runs + " runs)", "p50 ms", "p99 ms");
            for (String sql :
                    new String[] {"SELECT 1", "SELECT k % 100 AS g, count(*), sum(k) FROM small GROUP BY 1"}) {
                for (int i = 0; i < runs / 10; i++) {
                    timeOne(session, sql);
                }
                double[] times = new double[runs];
                for (int i = 0; i < runs; i++) {
                    times[i] = timeOne(session, sql);
                }
                Arrays.sort(times);
                System.out.printf(
                        "%-40s %10.3f %10.3f%n",
                        sql.length() > 40 ? "1,000-row group-by" : sql,
                        times[runs / 2],
                        times[(int) Math.ceil(runs * 0.99) - 1]);
            }
        }
    }

    static double timeOne(EngineSession session, String sql) {
        long start = System.nanoTime();
        try (QueryResult result = session.sql(sql)) {
            while (result.loadNextBatch()) {
                result.root().getRowCount();
            }
        }
        return (System.nanoTime() - start) / 1e6;
    }

    static byte[] thousandRows(BufferAllocator allocator) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (BigIntVector k = new BigIntVector("k", allocator);
                VectorSchemaRoot root = new VectorSchemaRoot(List.of(k));
                ArrowStreamWriter writer = new ArrowStreamWriter(root, null, bytes)) {
            k.allocateNew(1_000);
            for (int i = 0; i < 1_000; i++) {
                k.set(i, i);
            }
            root.setRowCount(1_000);
            writer.start();
            writer.writeBatch();
            writer.end();
        }
        return bytes.toByteArray();
    }

    /** tpchgen-cli writes one file per table by default, a directory when asked for parts. */
    static String location(Path data, String table) {
        Path file = data.resolve(table + ".parquet");
        return Files.isDirectory(data.resolve(table)) ? data.resolve(table) + "/" : file.toString();
    }

    /** Installs a crates.io binary into ~/.cache/parley/tools on first use, at low priority. */
    static Path tool(String name, String version) throws IOException, InterruptedException {
        Path root = CACHE.resolve("tools");
        Path binary = root.resolve("bin").resolve(name);
        if (Files.isExecutable(binary)
                && exec(List.of(binary.toString(), "--version")).contains(version)) {
            return binary;
        }
        System.out.println("installing " + name + " " + version + " (a cold build takes a while)");
        ProcessBuilder install = new ProcessBuilder(
                "nice",
                "-n",
                "10",
                "cargo",
                "install",
                name,
                "--version",
                version,
                "--locked",
                "--root",
                root.toString());
        install.environment()
                .put("CARGO_TARGET_DIR", CACHE.resolve("cargo-target-tools").toString());
        install.inheritIO();
        if (install.start().waitFor() != 0) {
            throw new IllegalStateException("cargo install " + name + " failed");
        }
        return binary;
    }

    static String exec(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }

    static String resource(String name) throws IOException {
        try (InputStream in = TpchBenchmark.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static Map<String, String> parse(String[] args) {
        java.util.HashMap<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
