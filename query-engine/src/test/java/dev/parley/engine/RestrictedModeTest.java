package dev.parley.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way out of a restricted session that the issue lists, each refused with a clear error. */
class RestrictedModeTest {

    @TempDir
    static Path dir;

    static Path secret;
    static Path copyTarget;
    static BufferAllocator allocator;
    static Engine engine;
    static EngineSession session;

    @BeforeAll
    static void open() throws IOException {
        secret = Files.writeString(dir.resolve("secret.csv"), "password\nhunter2\n");
        copyTarget = dir.resolve("stolen.csv");
        allocator = new RootAllocator();
        engine = new Engine(allocator);
        session = engine.openSession(SessionLimits.ofMemory(64L << 20), FunctionSet.DEFAULT, SqlAccess.RESTRICTED);
        session.registerBatches("t", Batches.numbered(allocator, 100, 50, 4));
    }

    @AfterAll
    static void close() {
        session.close();
        engine.close();
        allocator.close();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "CREATE TABLE x AS SELECT 1",
                "CREATE TABLE x (a INT)",
                "CREATE VIEW v AS SELECT * FROM t",
                "CREATE OR REPLACE VIEW t AS SELECT 1",
                "CREATE SCHEMA s",
                "CREATE FUNCTION f(a INT) RETURNS INT RETURN a",
                "DROP TABLE t",
                "DROP VIEW t",
                "INSERT INTO t VALUES (1, 'x')",
                "INSERT INTO t SELECT * FROM t",
                "UPDATE t SET id = 0",
                "DELETE FROM t",
                "TRUNCATE TABLE t",
                "COPY t TO '%COPY%'",
                "COPY (SELECT * FROM t) TO '%COPY%' STORED AS CSV",
                "SET datafusion.execution.target_partitions = 1",
                "SET TIME ZONE 'UTC'",
                "RESET datafusion.execution.batch_size",
                "EXPLAIN SELECT * FROM t",
                "EXPLAIN ANALYZE SELECT * FROM t",
                "EXPLAIN ANALYZE COPY t TO '%COPY%'",
                "CREATE EXTERNAL TABLE s STORED AS CSV LOCATION '%SECRET%'",
                "CREATE EXTERNAL TABLE s (password VARCHAR) STORED AS CSV LOCATION '%SECRET%' OPTIONS ('format.has_header' 'true')",
                "SELECT * FROM generate_series(1, 10)",
                "SELECT * FROM range(1000000000)",
                "SELECT * FROM read_csv('%SECRET%')",
                "SELECT * FROM t, generate_series(1, 3) g",
                "SELECT * FROM information_schema.tables",
                "SELECT * FROM information_schema.df_settings",
                "SELECT * FROM datafusion.information_schema.columns",
                "SELECT (SELECT count(*) FROM information_schema.tables) FROM t",
                "SHOW TABLES",
                "SHOW ALL",
                "SHOW COLUMNS FROM t",
                "DESCRIBE t",
                "PREPARE p AS SELECT * FROM t",
                "EXECUTE p",
                "DEALLOCATE p",
                "SELECT * INTO copy_of_t FROM t",
                "BEGIN",
                "COMMIT",
            })
    void refused(String template) {
        String sql = template.replace("%COPY%", copyTarget.toString()).replace("%SECRET%", secret.toString());
        EngineException error = assertThrows(EngineException.class, () -> run(sql));
        assertTrue(
                error instanceof QueryNotAllowedException || error instanceof SqlException,
                () -> "unexpected " + error.getClass().getSimpleName() + ": " + error.getMessage());
        assertFalse(error.getMessage().contains("hunter2"), error.getMessage());
        assertFalse(Files.exists(copyTarget), "COPY wrote a file");
        assertEquals(100L, Results.single(session, "SELECT count(*) FROM t"), "the table was changed");
    }

    @Test
    void refusalsNameWhatWasRefused() {
        assertMessage("CREATE EXTERNAL TABLE", "CREATE EXTERNAL TABLE s STORED AS CSV LOCATION '" + secret + "'");
        assertMessage("COPY", "COPY t TO '" + copyTarget + "'");
        assertMessage("INSERT", "INSERT INTO t VALUES (1, 'x')");
        assertMessage("SET", "SET datafusion.execution.target_partitions = 1");
        assertMessage("EXPLAIN", "EXPLAIN ANALYZE SELECT * FROM t");
        assertMessage("table function generate_series", "SELECT * FROM generate_series(1, 10)");
        assertMessage("information_schema.tables", "SELECT * FROM information_schema.tables");
        assertMessage("DDL", "SELECT * INTO copy_of_t FROM t");
    }

    @Test
    void fileAndUrlTablesAreUnknownTables() {
        for (String source : new String[] {
            "'" + secret + "'",
            "\"" + secret + "\"",
            "'file://" + secret + "'",
            "'http://example.com/data.parquet'",
            "'s3://bucket/key.parquet'"
        }) {
            SqlException error = assertThrows(SqlException.class, () -> run("SELECT * FROM " + source));
            assertTrue(error.getMessage().contains("not found"), error.getMessage());
            assertFalse(error.getMessage().contains("hunter2"));
        }
    }

    @Test
    void queriesOverRegisteredTablesStillWork() {
        assertEquals(
                25L,
                Results.single(
                        session,
                        "WITH evens AS (SELECT id, label FROM t WHERE id % 2 = 0) "
                                + "SELECT count(*) FROM evens e JOIN t ON e.id = t.id WHERE t.label IN ('l0', 'l2') AND e.id < 50"));
        assertEquals(4L, Results.single(session, "SELECT count(DISTINCT label) FROM (SELECT * FROM t) sub"));
        assertEquals(3L, Results.single(session, "SELECT count(*) FROM (VALUES (1), (2), (3)) v(x)"));
    }

    @Test
    void theSameStatementsRunInAFullSession() {
        try (EngineSession full =
                engine.openSession(SessionLimits.ofMemory(64L << 20), FunctionSet.DEFAULT, SqlAccess.FULL)) {
            assertEquals(10L, Results.single(full, "SELECT count(*) FROM generate_series(1, 10)"));
            Results.query(full, "CREATE EXTERNAL TABLE s STORED AS CSV LOCATION '" + secret + "'");
            assertEquals("hunter2", Results.single(full, "SELECT password FROM s"));
            assertTrue(Results.query(full, "SELECT table_name FROM information_schema.tables")
                            .size()
                    > 1);
        }
    }

    private static void assertMessage(String expected, String sql) {
        QueryNotAllowedException error = assertThrows(QueryNotAllowedException.class, () -> run(sql));
        assertTrue(
                error.getMessage().contains(expected),
                () -> "message '" + error.getMessage() + "' should name " + expected);
        assertTrue(error.getMessage().contains("restricted mode"), error.getMessage());
    }

    private static void run(String sql) {
        Results.query(session, sql);
    }
}
