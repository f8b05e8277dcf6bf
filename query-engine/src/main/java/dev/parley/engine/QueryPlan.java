package dev.parley.engine;

import java.util.function.LongFunction;

/**
 * A statement resolved to DataFusion's logical plan (tables, columns and functions bound, not
 * yet optimized), held natively until closed. It runs only in the session that made it.
 */
public final class QueryPlan implements AutoCloseable {

    private final EngineSession session;
    private long handle;

    QueryPlan(EngineSession session, long handle) {
        this.session = session;
        this.handle = handle;
    }

    /**
     * The plan as JSON: nested nodes {@code {"node", "display", "schema", "inputs", ...}} with
     * {@code table}/{@code columns}/{@code filters} on scans, {@code groupBy}/{@code aggregates} on
     * aggregates, {@code joinType}/{@code on}/{@code filter} on joins, {@code expressions}
     * elsewhere; expressions are {@code {"kind", "display", "children", ...}} trees naming
     * columns, functions (with {@code distinct} for aggregates), operators and literals.
     */
    public String json() {
        return withHandle(NativeEngine::planJson);
    }

    /** DataFusion's indented text rendering of the plan. */
    public String text() {
        return withHandle(NativeEngine::planText);
    }

    synchronized <T> T withHandle(LongFunction<T> call) {
        if (handle == 0) {
            throw new IllegalStateException("query plan is closed");
        }
        return call.apply(handle);
    }

    @Override
    public synchronized void close() {
        if (handle != 0) {
            NativeEngine.closePlan(handle);
            handle = 0;
            session.forget(this);
        }
    }
}
