package dev.parley.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.junit.jupiter.api.Test;

/** Opening and closing 10,000 sessions, each with a table and a query, leaves resident memory flat. */
class SessionLeakTest {

    static final int WARM_UP = 1_000;
    static final int SESSIONS = 10_000;
    /**
     * Allowed growth of the process's resident set over the 10,000 sessions after warm-up. One
     * leaked session (context, function registry, memory pool, a 1,000-row table) is well over
     * 10 KiB, so a leak of every session would add more than 100 MiB. The Java heap is fixed
     * and pre-touched (see the Surefire argLine), so what moves the resident set is native.
     */
    static final long BOUND_BYTES = 32L << 20;

    @Test
    void tenThousandSessionsLeaveResidentMemoryFlat() throws IOException {
        try (BufferAllocator allocator = new RootAllocator();
                Engine engine = new Engine(allocator)) {
            byte[] table = ipc(allocator);
            for (int i = 0; i < WARM_UP; i++) {
                useOneSession(engine, allocator, table);
            }
            System.gc();
            long before = residentBytes();
            for (int i = 0; i < SESSIONS; i++) {
                useOneSession(engine, allocator, table);
            }
            System.gc();
            long after = residentBytes();
            System.out.printf("RSS before %d MiB, after %d sessions %d MiB%n", before >> 20, SESSIONS, after >> 20);
            assertTrue(
                    after - before < BOUND_BYTES,
                    "resident memory grew by " + ((after - before) >> 20) + " MiB over " + SESSIONS + " sessions");
            assertEquals(0, allocator.getAllocatedMemory());
        }
    }

    private static void useOneSession(Engine engine, BufferAllocator allocator, byte[] table) {
        try (EngineSession session =
                engine.openSession(SessionLimits.ofMemory(16L << 20), FunctionSet.DEFAULT, SqlAccess.RESTRICTED)) {
            session.registerBatches("t", new ArrowStreamReader(new ByteArrayInputStream(table), allocator));
            assertEquals(1_000L, Results.single(session, "SELECT count(*) FROM t WHERE label <> 'none'"));
        }
    }

    private static byte[] ipc(BufferAllocator allocator) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ArrowReader reader = Batches.numbered(allocator, 1_000, 1_000, 10);
                ArrowStreamWriter writer = new ArrowStreamWriter(reader.getVectorSchemaRoot(), null, bytes)) {
            writer.start();
            while (reader.loadNextBatch()) {
                writer.writeBatch();
            }
            writer.end();
        }
        return bytes.toByteArray();
    }

    private static long residentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
