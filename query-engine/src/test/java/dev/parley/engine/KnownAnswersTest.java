package dev.parley.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small hand-made tables in every format the engine reads, with answers worked out by hand. */
class KnownAnswersTest {

    private static final String PEOPLE_CSV = """
            id,name,city,age
            1,Ada,London,36
            2,Grace,New York,85
            3,Alan,London,41
            4,Edsger,Austin,72
            5,Barbara,New York,83
            """;

    @TempDir
    Path dir;

    private BufferAllocator allocator;
    private Engine engine;
    private EngineSession session;

    @BeforeEach
    void open() {
        allocator = new RootAllocator();
        engine = new Engine(allocator);
        session = engine.openSession(SessionLimits.ofMemory(256L << 20), FunctionSet.DEFAULT, SqlAccess.FULL);
    }

    @AfterEach
    void close() {
        session.close();
        engine.close();
        assertEquals(0, allocator.getAllocatedMemory(), "Arrow memory left allocated");
        allocator.close();
    }

    @Test
    void selectOneNeedsNoTables() {
        assertEquals(1L, Results.single(session, "SELECT 1"));
    }

    @Test
    void csvWithHeaderGroupsAndOrders() throws IOException {
        Path file = Files.writeString(dir.resolve("people.csv"), PEOPLE_CSV);
        session.registerCsv("people", file);
        assertEquals(
                List.of(List.of("New York", 2L, 168L), List.of("London", 2L, 77L), List.of("Austin", 1L, 72L)),
                Results.query(
                        session, "SELECT city, count(*), sum(age) FROM people GROUP BY city ORDER BY sum(age) DESC"));
    }

    @Test
    void csvDirectoryReadsEveryFile() throws IOException {
        Path tableDir = Files.createDirectories(dir.resolve("people"));
        String[] lines = PEOPLE_CSV.strip().split("\n");
        Files.writeString(tableDir.resolve("part-1.csv"), String.join("\n", lines[0], lines[1], lines[2]) + "\n");
        Files.writeString(
                tableDir.resolve("part-2.csv"), String.join("\n", lines[0], lines[3], lines[4], lines[5]) + "\n");
        session.registerCsv("people", tableDir);
        assertEquals(List.of(List.of(5L, 317L)), Results.query(session, "SELECT count(*), sum(age) FROM people"));
    }

    @Test
    void newlineDelimitedJsonFileAndDirectory() throws IOException {
        String json = """
                {"sku": "a", "qty": 3, "price": 2.5}
                {"sku": "b", "qty": 1, "price": 10.0}
                {"sku": "a", "qty": 2, "price": 2.5}
                """;
        Path file = Files.writeString(dir.resolve("orders.ndjson"), json);
        session.registerJson("orders", file);
        assertEquals(
                List.of(List.of("a", 5L, 12.5), List.of("b", 1L, 10.0)),
                Results.query(session, "SELECT sku, sum(qty), sum(qty * price) FROM orders GROUP BY sku ORDER BY sku"));

        Path tableDir = Files.createDirectories(dir.resolve("more"));
        Files.writeString(tableDir.resolve("one.json"), json);
        Files.writeString(tableDir.resolve("two.json"), json);
        session.registerJson("more", tableDir);
        assertEquals(12L, Results.single(session, "SELECT sum(qty) FROM more"));
    }

    @Test
    void arrowBatchesFromJava() {
        session.registerBatches("numbers", Batches.numbered(allocator, 10_000, 1_000, 7));
        // sum 0..9999 = 49,995,000; ids with id % 7 = 3 are 3, 10, ..., 9998: 1,429 of them.
        assertEquals(
                List.of(List.of(10_000L, 49_995_000L)),
                Results.query(session, "SELECT count(*), sum(id) FROM numbers"));
        assertEquals(1_429L, Results.single(session, "SELECT count(*) FROM numbers WHERE label = 'l3'"));
    }

    @Test
    void writesParquetAsOneFileAndAsADirectoryThenReadsThemBack() throws IOException {
        session.registerCsv("people", Files.writeString(dir.resolve("people.csv"), PEOPLE_CSV));

        Path single = dir.resolve("people.parquet");
        assertEquals(5, session.writeParquet("SELECT * FROM people", single, OutputLayout.SINGLE_FILE));
        assertTrue(Files.isRegularFile(single));
        session.registerParquet("people_single", single);
        assertEquals(317L, Results.single(session, "SELECT sum(age) FROM people_single"));

        Path several = dir.resolve("people_parts");
        try (EngineSession twoPartitions = engine.openSession(
                SessionLimits.ofMemory(64L << 20).withTargetPartitions(2), FunctionSet.DEFAULT, SqlAccess.FULL)) {
            twoPartitions.registerBatches("numbers", Batches.numbered(allocator, 10_000, 500, 3));
            assertEquals(10_000, twoPartitions.writeParquet("SELECT * FROM numbers", several, OutputLayout.DIRECTORY));
        }
        try (Stream<Path> files = Files.list(several)) {
            assertTrue(files.filter(f -> f.toString().endsWith(".parquet")).count() >= 1);
        }
        session.registerParquet("numbers_parts", several);
        assertEquals(49_995_000L, Results.single(session, "SELECT sum(id) FROM numbers_parts"));
    }

    @Test
    void writesCsvWithHeader() throws IOException {
        session.registerCsv("people", Files.writeString(dir.resolve("people.csv"), PEOPLE_CSV));
        Path out = dir.resolve("londoners.csv");
        assertEquals(
                2,
                session.writeCsv(
                        "SELECT name, age FROM people WHERE city = 'London' ORDER BY id",
                        out,
                        OutputLayout.SINGLE_FILE));
        assertEquals(List.of("name,age", "Ada,36", "Alan,41"), Files.readAllLines(out));

        Path outDir = dir.resolve("all");
        assertEquals(5, session.writeCsv("SELECT * FROM people", outDir, OutputLayout.DIRECTORY));
        session.registerCsv("again", outDir);
        assertEquals(317L, Results.single(session, "SELECT sum(age) FROM again"));
    }

    @Test
    void planCanBeInspectedThenRunAsIs() throws IOException {
        session.registerCsv("people", Files.writeString(dir.resolve("people.csv"), PEOPLE_CSV));
        try (QueryPlan plan =
                session.plan("SELECT city, count(DISTINCT name) AS n FROM people WHERE age > 40 GROUP BY city")) {
            String json = plan.json();
            assertTrue(json.contains("\"node\":\"Aggregate\""), json);
            assertTrue(json.contains("\"kind\":\"AggregateFunction\""), json);
            assertTrue(json.contains("\"name\":\"count\""), json);
            assertTrue(json.contains("\"distinct\":true"), json);
            assertTrue(json.contains("\"table\":\"people\""), json);
            assertTrue(json.contains("\"op\":\">\""), json);
            assertTrue(plan.text().contains("TableScan: people"), plan.text());
            try (QueryResult result = session.execute(plan)) {
                assertEquals(
                        List.of(List.of("Austin", 1L), List.of("London", 1L), List.of("New York", 2L)),
                        Results.rows(result).stream()
                                .sorted((a, b) ->
                                        a.get(0).toString().compareTo(b.get(0).toString()))
                                .toList());
            }
        }
    }

    @Test
    void aPlanRunsOnlyInItsOwnSession() {
        try (EngineSession other =
                        engine.openSession(SessionLimits.ofMemory(16L << 20), FunctionSet.DEFAULT, SqlAccess.FULL);
                QueryPlan plan = other.plan("SELECT 1")) {
            assertThrows(
                    InternalEngineException.class, () -> session.execute(plan).close());
        }
    }

    @Test
    void sparkFunctionSetAddsSparkFunctions() {
        assertThrows(SqlException.class, () -> Results.query(session, "SELECT sha1('abc')"));
        try (EngineSession spark =
                engine.openSession(SessionLimits.ofMemory(16L << 20), FunctionSet.SPARK, SqlAccess.FULL)) {
            assertEquals("a9993e364706816aba3e25717850c26c9cd0d89d", Results.single(spark, "SELECT sha1('abc')"));
        }
    }
}
