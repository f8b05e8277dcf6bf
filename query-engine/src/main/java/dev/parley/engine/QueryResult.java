package dev.parley.engine;

import java.io.IOException;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The result of a running query as a stream of Arrow batches, imported through the Arrow C
 * stream interface. Each {@link #loadNextBatch()} replaces the contents of {@link #root()}.
 * The query keeps running ahead by a batch or two; {@link #cancel()} (from any thread) or
 * {@link #close()} stops it and frees its memory.
 */
public final class QueryResult implements AutoCloseable {

    private final EngineSession session;
    private final ArrowReader reader;
    private final Object handleGuard = new Object();
    private long query;

    QueryResult(EngineSession session, long query, ArrowReader reader) {
        this.session = session;
        this.query = query;
        this.reader = reader;
    }

    public Schema schema() {
        return root().getSchema();
    }

    /** The batch loaded by the last {@link #loadNextBatch()}; the same object every time. */
    public synchronized VectorSchemaRoot root() {
        try {
            return reader.getVectorSchemaRoot();
        } catch (IOException e) {
            throw new InternalEngineException("reading the result schema: " + e.getMessage());
        }
    }

    /**
     * Loads the next batch into {@link #root()}; false at the end of the result.
     *
     * @throws EngineException why the query failed: execution error, resources exhausted,
     *     cancelled, timed out
     */
    public synchronized boolean loadNextBatch() {
        try {
            return reader.loadNextBatch();
        } catch (IOException e) {
            synchronized (handleGuard) {
                if (query == 0) {
                    throw new IllegalStateException("query result is closed");
                }
                NativeEngine.throwQueryFailure(query);
            }
            throw new InternalEngineException("reading the result: " + e.getMessage());
        }
    }

    /** Stops the query; a read in progress or the next one fails with {@link QueryCancelledException}. */
    public void cancel() {
        synchronized (handleGuard) {
            if (query != 0) {
                NativeEngine.cancelQuery(query);
            }
        }
    }

    @Override
    public void close() {
        cancel();
        synchronized (this) {
            synchronized (handleGuard) {
                if (query == 0) {
                    return;
                }
                try {
                    reader.close();
                } catch (IOException e) {
                    throw new InternalEngineException("closing the result: " + e.getMessage());
                } finally {
                    NativeEngine.closeQuery(query);
                    query = 0;
                    session.forget(this);
                }
            }
        }
    }
}
