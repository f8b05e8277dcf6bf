package dev.parley.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongFunction;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * One DataFusion session: its own memory pool, limits, function set and registered tables.
 * Thread-safe: any number of threads may register, plan and run queries at once. Closing it
 * cancels what runs, closes the results and plans still open, and frees its native memory.
 */
public final class EngineSession implements AutoCloseable {

    private final BufferAllocator allocator;
    private final long handle;
    /** Native calls hold the read side; close takes the write side so no call outlives the handle. */
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();

    private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();
    private boolean closed;

    EngineSession(BufferAllocator parent, SessionLimits limits, FunctionSet functions, SqlAccess access) {
        Objects.requireNonNull(limits, "limits");
        this.handle = NativeEngine.openSession(
                limits.memoryBytes(),
                limits.targetPartitions(),
                limits.timeLimit().toMillis(),
                functions == FunctionSet.SPARK,
                access == SqlAccess.RESTRICTED);
        this.allocator = parent.newChildAllocator("engine-session", 0, Long.MAX_VALUE);
    }

    /** Registers a Parquet file, or a directory of {@code *.parquet} files, as a table. */
    public void registerParquet(String table, Path path) {
        registerFiles(FileFormat.PARQUET, table, path);
    }

    /** Registers a CSV file with a header row, or a directory of {@code *.csv} files, as a table. */
    public void registerCsv(String table, Path path) {
        registerFiles(FileFormat.CSV, table, path);
    }

    /** Registers a newline-delimited JSON file, or a directory of {@code *.json} files, as a table. */
    public void registerJson(String table, Path path) {
        registerFiles(FileFormat.JSON, table, path);
    }

    private void registerFiles(FileFormat format, String table, Path path) {
        boolean directory = Files.isDirectory(path);
        String location = path.toAbsolutePath().normalize() + (directory ? "/" : "");
        withHandle(session -> {
            NativeEngine.registerFiles(session, format.name(), table, location, directory);
            return null;
        });
    }

    /**
     * Registers the batches of {@code batches} as an in-memory table. The engine copies them
     * and closes the reader; the caller's vectors may be freed once this returns.
     */
    public void registerBatches(String table, ArrowReader batches) {
        withHandle(session -> {
            try (ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator)) {
                Data.exportArrayStream(allocator, batches, stream);
                NativeEngine.registerBatches(session, table, stream.memoryAddress());
            }
            return null;
        });
    }

    /**
     * Resolves a statement to its logical plan without running it, so privacy rules can
     * inspect it; {@link #execute(QueryPlan)} then runs exactly that plan.
     */
    public QueryPlan plan(String sql) {
        Objects.requireNonNull(sql, "sql");
        return withHandle(session -> track(new QueryPlan(this, NativeEngine.plan(session, sql))));
    }

    /** Plans and starts a statement; read its result from the returned stream of batches. */
    public QueryResult sql(String sql) {
        try (QueryPlan plan = plan(sql)) {
            return execute(plan);
        }
    }

    /** Starts a plan made by this session. The result holds the query's memory until closed. */
    public QueryResult execute(QueryPlan plan) {
        return withHandle(session -> {
            ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator);
            try {
                long query = plan.withHandle(
                        planHandle -> NativeEngine.execute(session, planHandle, stream.memoryAddress()));
                try {
                    return track(new QueryResult(this, query, Data.importArrayStream(allocator, stream)));
                } catch (RuntimeException e) {
                    NativeEngine.cancelQuery(query);
                    NativeEngine.closeQuery(query);
                    throw e;
                }
            } finally {
                stream.close();
            }
        });
    }

    /** Runs a statement and writes its result as CSV with a header row; returns the rows written. */
    public long writeCsv(String sql, Path target, OutputLayout layout) {
        try (QueryPlan plan = plan(sql)) {
            return write(plan, OutputFormat.CSV, target, layout);
        }
    }

    /** Runs a statement and writes its result as Parquet; returns the rows written. */
    public long writeParquet(String sql, Path target, OutputLayout layout) {
        try (QueryPlan plan = plan(sql)) {
            return write(plan, OutputFormat.PARQUET, target, layout);
        }
    }

    /** Runs a plan made by this session and writes its result; returns the rows written. */
    public long write(QueryPlan plan, OutputFormat format, Path target, OutputLayout layout) {
        String location = target.toAbsolutePath().normalize() + (layout == OutputLayout.DIRECTORY ? "/" : "");
        return withHandle(session -> plan.withHandle(planHandle -> NativeEngine.write(
                session, planHandle, format.file.name(), location, layout == OutputLayout.SINGLE_FILE)));
    }

    /**
     * Cancels every query and write of this session running now; each fails with
     * {@link QueryCancelledException} and frees its memory. Later queries run normally.
     */
    public void cancel() {
        withHandle(session -> {
            NativeEngine.cancelSession(session);
            return null;
        });
    }

    /** Bytes currently reserved in the session's memory pool. */
    public long memoryReserved() {
        return withHandle(NativeEngine::memoryReserved);
    }

    @Override
    public void close() {
        lifecycle.readLock().lock();
        try {
            if (closed) {
                return;
            }
            // Stop running work first so the write lock below is not held up by it.
            NativeEngine.cancelSession(handle);
        } finally {
            lifecycle.readLock().unlock();
        }
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (AutoCloseable child : new ArrayList<>(open)) {
                closeQuietly(child);
            }
            NativeEngine.closeSession(handle);
            allocator.close();
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    void forget(AutoCloseable child) {
        open.remove(child);
    }

    private <T extends AutoCloseable> T track(T child) {
        open.add(child);
        return child;
    }

    private <T> T withHandle(LongFunction<T> call) {
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("engine session is closed");
            }
            return call.apply(handle);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private static void closeQuietly(AutoCloseable child) {
        try {
            child.close();
        } catch (Exception e) {
            // Closing the session must free the native side even if one child fails to close.
        }
    }
}
