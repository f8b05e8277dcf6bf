package dev.parley.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Eight threads at once: each with its own session, then all on one shared session. */
class ConcurrentSessionsTest {

    static final int THREADS = 8;
    static final int ROUNDS = 25;

    BufferAllocator allocator;
    Engine engine;
    ExecutorService pool;

    @BeforeEach
    void open() {
        allocator = new RootAllocator();
        engine = new Engine(allocator);
        pool = Executors.newFixedThreadPool(THREADS);
    }

    @AfterEach
    void close() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        engine.close();
        allocator.close();
    }

    @Test
    void eightSessionsOnEightThreads() throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int rows = 1_000 * (t + 1);
            workers.add(pool.submit(() -> {
                start.await();
                try (EngineSession session = engine.openSession(
                        SessionLimits.ofMemory(64L << 20).withTargetPartitions(2),
                        FunctionSet.DEFAULT,
                        SqlAccess.RESTRICTED)) {
                    session.registerBatches("numbers", Batches.numbered(allocator, rows, 700, 5));
                    for (int round = 0; round < ROUNDS; round++) {
                        checkAnswers(session, rows);
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get(2, TimeUnit.MINUTES);
        }
    }

    @Test
    void eightThreadsOnOneSession() throws Exception {
        int rows = 5_000;
        try (EngineSession session = engine.openSession(
                SessionLimits.ofMemory(128L << 20).withTargetPartitions(2),
                FunctionSet.DEFAULT,
                SqlAccess.RESTRICTED)) {
            session.registerBatches("numbers", Batches.numbered(allocator, rows, 700, 5));
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                workers.add(pool.submit(() -> {
                    start.await();
                    for (int round = 0; round < ROUNDS; round++) {
                        checkAnswers(session, rows);
                        // Registration races with queries on other threads.
                        String mine = "mine_" + thread + "_" + round;
                        session.registerBatches(mine, Batches.numbered(allocator, thread + 1, 10, 1));
                        assertEquals((long) thread + 1, Results.single(session, "SELECT count(*) FROM " + mine));
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(2, TimeUnit.MINUTES);
            }
        }
    }

    /** id runs 0..rows-1 and label is "l" + id % 5, so every answer follows from rows alone. */
    private static void checkAnswers(EngineSession session, int rows) {
        long n = rows;
        assertEquals(
                List.of(List.of(n, n * (n - 1) / 2)), Results.query(session, "SELECT count(*), sum(id) FROM numbers"));
        List<List<Object>> perLabel =
                Results.query(session, "SELECT label, count(*) FROM numbers GROUP BY label ORDER BY label");
        List<List<Object>> expected = new ArrayList<>();
        for (int label = 0; label < 5; label++) {
            expected.add(List.of("l" + label, (long) ((rows - label + 4) / 5)));
        }
        assertEquals(expected, perLabel);
        assertEquals(
                n / 2,
                Results.single(
                        session,
                        "SELECT count(*) FROM numbers a JOIN numbers b ON a.id = b.id + 1 WHERE a.id % 2 = 1"));
    }
}
