package dev.parley.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A query over the session's memory pool fails with ResourcesExhaustedException; the session lives on. */
class MemoryLimitTest {

    static final int ROWS = 1_000_000;
    static final String SORT_EVERYTHING = "SELECT id, label FROM numbers ORDER BY label DESC, id DESC";
    static final String GROUP_BY_ID = "SELECT id, count(*) FROM numbers GROUP BY id";

    static BufferAllocator allocator;
    static Engine engine;

    @BeforeAll
    static void open() {
        allocator = new RootAllocator();
        engine = new Engine(allocator);
    }

    @AfterAll
    static void close() {
        engine.close();
        allocator.close();
    }

    @Test
    void aQueryOverThePoolFailsCleanly() {
        try (EngineSession small = session(8L << 20)) {
            for (String sql : new String[] {SORT_EVERYTHING, GROUP_BY_ID}) {
                ResourcesExhaustedException error =
                        assertThrows(ResourcesExhaustedException.class, () -> count(small, sql));
                assertTrue(error.getMessage().contains("Resources exhausted"), error.getMessage());
                awaitNoReservedMemory(small);
            }
            assertEquals((long) ROWS, Results.single(small, "SELECT count(*) FROM numbers"));
        }
    }

    @Test
    void theSameQueriesFitInALargerPool() {
        try (EngineSession large = session(1L << 30)) {
            assertEquals(ROWS, count(large, SORT_EVERYTHING));
            assertEquals(ROWS, count(large, GROUP_BY_ID));
        }
    }

    /** The failed query's tasks are dropped asynchronously, within moments of the failure. */
    private static void awaitNoReservedMemory(EngineSession session) {
        long deadline = System.nanoTime() + 100_000_000L;
        while (session.memoryReserved() != 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(session.memoryReserved() + " bytes still reserved 100 ms after the failure");
            }
            Thread.onSpinWait();
        }
    }

    private static EngineSession session(long memoryBytes) {
        EngineSession session = engine.openSession(
                SessionLimits.ofMemory(memoryBytes).withTargetPartitions(2), FunctionSet.DEFAULT, SqlAccess.RESTRICTED);
        session.registerBatches("numbers", Batches.numbered(allocator, ROWS, 65_536, 1_000));
        return session;
    }

    private static long count(EngineSession session, String sql) {
        long rows = 0;
        try (QueryResult result = session.sql(sql)) {
            while (result.loadNextBatch()) {
                rows += result.root().getRowCount();
            }
        }
        return rows;
    }
}
