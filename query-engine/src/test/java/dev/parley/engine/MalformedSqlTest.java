package dev.parley.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.regex.Pattern;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad input of many kinds: every statement fails with an EngineException and the JVM lives on. */
class MalformedSqlTest {

    static BufferAllocator allocator;
    static Engine engine;
    static EngineSession session;

    @BeforeAll
    static void open() {
        allocator = new RootAllocator();
        engine = new Engine(allocator);
        session = engine.openSession(SessionLimits.ofMemory(64L << 20), FunctionSet.DEFAULT, SqlAccess.FULL);
        session.registerBatches("t", Batches.numbered(allocator, 100, 100, 4));
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
                "",
                "   ",
                ";",
                ";;",
                "SELEC 1",
                "SELECT",
                "SELECT * FROM",
                "SELECT (1",
                "SELECT 1)",
                "SELECT 'open",
                "SELECT \"open",
                "SELECT * FROM nowhere",
                "SELECT nope FROM t",
                "SELECT 1 +",
                "SELECT * FROM t WHERE",
                "SELECT * FROM t GROUP",
                "SELECT id FROM t GROUP BY label",
                "SELECT sum(label) FROM t",
                "SELECT no_such_fn(1)",
                "SELECT CAST('x' AS INT)",
                "SELECT 1/0",
                "SELECT id/0 FROM t",
                "SELECT CAST(label AS INT) FROM t",
                "SELECT * FROM t JOIN",
                "SELECT * FROM t t1 JOIN t t2",
                "SELECT 1; SELECT 2",
                "SELECT \u0000",
                "SELECT '\u0000'",
                "SELECT CAST(chr(0) AS INT)",
                "SELECT CAST('\u0000' || label AS INT) FROM t",
                "SELECT 'é' || ✓",
                "\uFFFF\uFFFE",
                "SELECT 1e999999999",
                "SELECT 99999999999999999999999999999999999999999",
                "SELECT x'zz'",
                "SELECT * FROM t LIMIT -1",
                "SELECT * FROM t ORDER BY 99",
                "SELECT id FROM t UNION SELECT 1, 2",
                "WITH RECURSIVE r AS (SELECT 1 UNION ALL SELECT x FROM r) SELECT * FROM r",
                "SELECT arrow_cast(1, 'NotAType')",
                "SELECT make_array(1, 'a', [1])[1000000000000]",
                "SELECT repeat('x', -1)",
                "SELECT substr('abc', 1, -5)",
                "SELECT to_timestamp('not a time')",
                "SELECT DATE '2024-13-45'",
                "SELECT INTERVAL 'nonsense'",
                "SELECT * FROM t WHERE id IN (SELECT id, label FROM t)",
                "SELECT (SELECT id FROM t)",
            })
    void failsCleanly(String sql) {
        try {
            Results.query(session, sql);
        } catch (EngineException expected) {
            assertTrue(expected.getMessage() != null && !expected.getMessage().isBlank());
        }
        assertEquals(100L, Results.single(session, "SELECT count(*) FROM t"), "the session must stay usable");
    }

    @Test
    void syntaxErrorsCarryTheirPosition() {
        SqlException parse =
                assertThrows(SqlException.class, () -> Results.query(session, "SELECT *\nFROM t WHER id = 1"));
        assertEquals(new SqlPosition(2, 13), parse.position().orElseThrow(), parse.getMessage());

        SqlException unknownColumn =
                assertThrows(SqlException.class, () -> Results.query(session, "SELECT idd FROM t"));
        assertEquals(new SqlPosition(1, 8), unknownColumn.position().orElseThrow(), unknownColumn.getMessage());
    }

    @Test
    void typesOfFailure() {
        assertThrows(SqlException.class, () -> Results.query(session, "SELECT * FROM nowhere"));
        assertThrows(QueryExecutionException.class, () -> Results.query(session, "SELECT id / (id - id) FROM t"));
        assertThrows(QueryExecutionException.class, () -> Results.query(session, "SELECT CAST(label AS INT) FROM t"));
    }

    @Test
    void deepAndHugeStatementsAreRefusedNotOverflowed() {
        String[] statements = {
            "SELECT " + "(".repeat(100_000) + "1" + ")".repeat(100_000),
            "SELECT " + "1 + ".repeat(200_000) + "1",
            "SELECT * FROM t WHERE " + "id = 1 OR ".repeat(60_000) + "id = 2",
            "SELECT " + "NOT ".repeat(100_000) + "true",
            "SELECT " + "- ".repeat(100_000) + "1",
            "SELECT 1" + " UNION ALL SELECT 1".repeat(20_000),
            "SELECT count(*) FROM t" + " CROSS JOIN t AS x".repeat(5_000),
            "SELECT count(*) FROM t" + ", t".repeat(5_000),
            "SELECT id" + "::bigint".repeat(100_000) + " FROM t",
            "SELECT '" + "x".repeat(2 << 20) + "'",
            "SELECT " + "[".repeat(50_000) + "1" + "]".repeat(50_000),
            "SELECT " + "CASE WHEN true THEN ".repeat(10_000) + "1" + " END".repeat(10_000),
            "SELECT " + "abs(".repeat(20_000) + "1" + ")".repeat(20_000),
            // Just under the token limit: the deepest trees the parser may build.
            "SELECT " + "1+".repeat(49_990) + "1",
            "SELECT id" + "::bigint".repeat(49_990) + " FROM t",
            "SELECT " + "1" + " UNION ALL SELECT 1".repeat(24_990),
            "SELECT * FROM t WHERE " + "id=1 OR ".repeat(24_990) + "true",
        };
        for (String sql : statements) {
            assertThrows(SqlException.class, () -> Results.query(session, sql), () -> sql.substring(0, 60));
        }
        // Well inside the limits, deep statements plan and run.
        assertEquals(201L, Results.single(session, "SELECT " + "1 + ".repeat(200) + "1"));
        assertEquals(
                64L,
                Results.single(session, "SELECT count(*) FROM (SELECT 1" + " UNION ALL SELECT 1".repeat(63) + ")"));
    }

    @Test
    void randomTokenSoup() {
        String[] words = {
            "SELECT",
            "FROM",
            "t",
            "WHERE",
            "id",
            "label",
            "(",
            ")",
            ",",
            "1",
            "'a'",
            "+",
            "*",
            "=",
            "AND",
            "OR",
            "NOT",
            "JOIN",
            "ON",
            "GROUP",
            "BY",
            "ORDER",
            "LIMIT",
            "count(*)",
            "sum(id)",
            "AS",
            "x",
            "UNION",
            "ALL",
            "CASE",
            "WHEN",
            "THEN",
            "END",
            "NULL",
            "IS",
            "IN",
            "::",
            "[",
            "]",
            ";",
            "\"",
            "'"
        };
        Random random = new Random(7);
        for (int i = 0; i < 3_000; i++) {
            StringBuilder sql = new StringBuilder(random.nextBoolean() ? "SELECT " : "");
            int length = 1 + random.nextInt(25);
            for (int w = 0; w < length; w++) {
                sql.append(words[random.nextInt(words.length)]).append(' ');
            }
            try {
                Results.query(session, sql.toString());
            } catch (EngineException expected) {
                // Any typed failure is fine; a crash or an untyped exception is not.
            }
        }
        assertEquals(100L, Results.single(session, "SELECT count(*) FROM t"));
    }

    @Test
    void aNativePanicBecomesAJavaException() {
        InternalEngineException error = assertThrows(InternalEngineException.class, NativeEngine::panicForTest);
        String message = error.getMessage();
        assertTrue(message.startsWith("native engine panicked: deliberate test panic\nat src/lib.rs:"), message);
        // The backtrace the panic hook captured, down to the JNI entry point that panicked.
        assertTrue(message.contains("\nbacktrace:\n"), message);
        assertTrue(
                Pattern.compile("(?m)^ *\\d+: .*Java_dev_parley_engine_NativeEngine_panicForTest")
                        .matcher(message)
                        .find(),
                message);
        assertEquals(100L, Results.single(session, "SELECT count(*) FROM t"));
    }
}
