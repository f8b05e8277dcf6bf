package dev.parley.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;

/** Builds Arrow batches on the Java side, as the other modules will, to hand to the engine. */
final class Batches {

    private Batches() {}

    /** A table (id BIGINT, label VARCHAR) in batches of {@code batchRows}, id = 0..rows-1, label = "l" + id % labels. */
    static ArrowReader numbered(BufferAllocator allocator, int rows, int batchRows, int labels) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (BigIntVector ids = new BigIntVector("id", allocator);
                VarCharVector names = new VarCharVector("label", allocator);
                VectorSchemaRoot root = new VectorSchemaRoot(List.of(ids, names));
                ArrowStreamWriter writer = new ArrowStreamWriter(root, null, bytes)) {
            writer.start();
            for (int start = 0; start < rows; start += batchRows) {
                int count = Math.min(batchRows, rows - start);
                ids.allocateNew(count);
                names.allocateNew(count);
                for (int i = 0; i < count; i++) {
                    ids.set(i, start + i);
                    names.setSafe(i, ("l" + (start + i) % labels).getBytes(StandardCharsets.UTF_8));
                }
                root.setRowCount(count);
                writer.writeBatch();
            }
            writer.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ArrowStreamReader(new ByteArrayInputStream(bytes.toByteArray()), allocator);
    }
}
