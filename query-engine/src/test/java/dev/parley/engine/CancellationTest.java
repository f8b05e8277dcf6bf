package dev.parley.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A cancel from another thread stops a running query within 100 ms and frees its memory. */
class CancellationTest {

    /**
     * An aggregate over a 40,000 x 40,000 cross join: many seconds of work that holds memory for
     * the join's build side and the aggregate's groups.
     */
    static final String ENDLESS = "SELECT a.id % 1000, count(*) FROM big a CROSS JOIN big b GROUP BY 1";

    static final long STOP_MILLIS = 100;

    BufferAllocator allocator;
    Engine engine;
    EngineSession session;

    @BeforeEach
    void open() {
        allocator = new RootAllocator();
        engine = new Engine(allocator);
        session = engine.openSession(
                SessionLimits.ofMemory(256L << 20).withTargetPartitions(2), FunctionSet.DEFAULT, SqlAccess.FULL);
        session.registerBatches("big", Batches.numbered(allocator, 40_000, 8_192, 10));
    }

    @AfterEach
    void close() {
        session.close();
        engine.close();
        allocator.close();
    }

    @Test
    void cancellingAQueryStopsItsReaderAndFreesItsMemory() throws Exception {
        try (QueryResult result = session.sql(ENDLESS)) {
            CompletableFuture<Long> reader = readInBackground(result);
            awaitReservedMemory();
            long cancelledAt = System.nanoTime();
            result.cancel();
            Throwable failure = failureOf(reader);
            long stoppedAfter = millisSince(cancelledAt);
            assertInstanceOf(QueryCancelledException.class, failure);
            assertTrue(stoppedAfter < STOP_MILLIS, "reader stopped " + stoppedAfter + " ms after the cancel");
            awaitNoReservedMemory(cancelledAt);
        }
    }

    @Test
    void cancellingTheSessionStopsAllItsQueriesAndLaterOnesRun() throws Exception {
        QueryResult first = session.sql(ENDLESS);
        QueryResult second = session.sql(ENDLESS);
        CompletableFuture<Long> firstReader = readInBackground(first);
        CompletableFuture<Long> secondReader = readInBackground(second);
        awaitReservedMemory();
        long cancelledAt = System.nanoTime();
        session.cancel();
        assertInstanceOf(QueryCancelledException.class, failureOf(firstReader));
        assertInstanceOf(QueryCancelledException.class, failureOf(secondReader));
        assertTrue(millisSince(cancelledAt) < STOP_MILLIS, "both readers stopped within " + STOP_MILLIS + " ms");
        awaitNoReservedMemory(cancelledAt);
        first.close();
        second.close();
        assertEquals(40_000L, Results.single(session, "SELECT count(*) FROM big"));
    }

    @Test
    void aQueryNobodyReadsIsStoppedToo() {
        try (QueryResult result = session.sql(ENDLESS)) {
            awaitReservedMemory();
            long cancelledAt = System.nanoTime();
            result.cancel();
            awaitNoReservedMemory(cancelledAt);
            assertThrows(QueryCancelledException.class, result::loadNextBatch);
        }
    }

    @Test
    void closingAResultMidQueryFreesItsMemory() {
        QueryResult result = session.sql(ENDLESS);
        awaitReservedMemory();
        long closedAt = System.nanoTime();
        result.close();
        awaitNoReservedMemory(closedAt);
    }

    @Test
    void theTimeLimitStopsAQuery() {
        try (EngineSession limited = engine.openSession(
                SessionLimits.ofMemory(256L << 20).withTimeLimit(Duration.ofMillis(300)),
                FunctionSet.DEFAULT,
                SqlAccess.FULL)) {
            limited.registerBatches("big", Batches.numbered(allocator, 40_000, 8_192, 10));
            long start = System.nanoTime();
            QueryTimeoutException error =
                    assertThrows(QueryTimeoutException.class, () -> Results.query(limited, ENDLESS));
            long took = millisSince(start);
            assertTrue(took >= 300 && took < 300 + 500, "timed out after " + took + " ms");
            assertTrue(error.getMessage().contains("300 ms"), error.getMessage());
            awaitNoReservedMemory(limited, System.nanoTime());
            assertEquals(40_000L, Results.single(limited, "SELECT count(*) FROM big"));
        }
    }

    @Test
    void closingTheSessionStopsItsQueries() throws Exception {
        QueryResult result = session.sql(ENDLESS);
        CompletableFuture<Long> reader = readInBackground(result);
        awaitReservedMemory();
        long closedAt = System.nanoTime();
        session.close();
        Throwable failure = failureOf(reader);
        assertTrue(
                failure instanceof QueryCancelledException || failure instanceof IllegalStateException,
                failure.toString());
        assertTrue(millisSince(closedAt) < 1_000, "closing took " + millisSince(closedAt) + " ms");
    }

    private static CompletableFuture<Long> readInBackground(QueryResult result) {
        return CompletableFuture.supplyAsync(() -> {
            long rows = 0;
            while (result.loadNextBatch()) {
                rows += result.root().getRowCount();
            }
            return rows;
        });
    }

    private static Throwable failureOf(CompletableFuture<Long> reader) throws Exception {
        try {
            reader.get(10, TimeUnit.SECONDS);
            throw new AssertionError("the query finished instead of being cancelled");
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    private void awaitReservedMemory() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (session.memoryReserved() == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the query never reserved memory");
            }
            Thread.onSpinWait();
        }
        // Let it get well into the join.
        sleep(200);
        assertTrue(session.memoryReserved() > 0);
    }

    private void awaitNoReservedMemory(long since) {
        awaitNoReservedMemory(session, since);
    }

    private static void awaitNoReservedMemory(EngineSession session, long since) {
        while (session.memoryReserved() != 0) {
            if (millisSince(since) > STOP_MILLIS) {
                throw new AssertionError(session.memoryReserved() + " bytes still reserved " + millisSince(since)
                        + " ms after the stop");
            }
            Thread.onSpinWait();
        }
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
