package dev.parley.engine;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Entry point of the query engine: opens sessions. One per process is enough; it is
 * thread-safe. The Arrow allocator it holds backs the batches that query results hand to
 * Java; each session takes a child of it, so a leak shows up when its session closes.
 */
public final class Engine implements AutoCloseable {

    private final BufferAllocator allocator;
    private final boolean ownsAllocator;

    public Engine() {
        this(new RootAllocator(), true);
    }

    /** Uses the caller's allocator and leaves closing it to the caller. */
    public Engine(BufferAllocator allocator) {
        this(allocator, false);
    }

    private Engine(BufferAllocator allocator, boolean ownsAllocator) {
        this.allocator = allocator;
        this.ownsAllocator = ownsAllocator;
    }

    public EngineSession openSession(SessionLimits limits, FunctionSet functions, SqlAccess access) {
        return new EngineSession(allocator, limits, functions, access);
    }

    @Override
    public void close() {
        if (ownsAllocator) {
            allocator.close();
        }
    }
}
