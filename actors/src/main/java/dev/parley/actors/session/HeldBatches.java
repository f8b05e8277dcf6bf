package dev.parley.actors.session;

import dev.parley.engine.QueryResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;

/** A query's rows held in Java and read back as an {@link ArrowReader}, so that a view's rows can be registered. */
final class HeldBatches extends ArrowReader {

    private final Schema schema;
    private final List<ArrowRecordBatch> batches;
    private int next;

    private HeldBatches(BufferAllocator allocator, Schema schema, List<ArrowRecordBatch> batches) {
        super(allocator);
        this.schema = schema;
        this.batches = batches;
    }

    /** Reads every batch of {@code result}; the result may be closed afterwards. */
    static HeldBatches of(BufferAllocator allocator, QueryResult result) {
        List<ArrowRecordBatch> batches = new ArrayList<>();
        VectorSchemaRoot root = result.root();
        while (result.loadNextBatch()) {
            batches.add(new VectorUnloader(root).getRecordBatch());
        }
        return new HeldBatches(allocator, root.getSchema(), batches);
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        prepareLoadNextBatch();
        if (next >= batches.size()) {
            return false;
        }
        ArrowRecordBatch batch = batches.get(next++);
        new VectorLoader(getVectorSchemaRoot()).load(batch);
        return true;
    }

    /** Closing twice is harmless: the engine closes a registered reader, and so does its owner. */
    @Override
    public void close() {
        try {
            super.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public long bytesRead() {
        return 0;
    }

    @Override
    protected void closeReadSource() {
        batches.forEach(ArrowRecordBatch::close);
    }

    @Override
    protected Schema readSchema() {
        return schema;
    }
}
