package dev.parley.engine;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.Text;

/** Reads a whole result into plain Java values, for comparing with known answers. */
final class Results {

    private Results() {}

    static List<List<Object>> rows(QueryResult result) {
        List<List<Object>> rows = new ArrayList<>();
        VectorSchemaRoot root = result.root();
        while (result.loadNextBatch()) {
            for (int row = 0; row < root.getRowCount(); row++) {
                List<Object> values = new ArrayList<>();
                for (FieldVector vector : root.getFieldVectors()) {
                    Object value = vector.getObject(row);
                    values.add(value instanceof Text text ? text.toString() : value);
                }
                rows.add(values);
            }
        }
        return rows;
    }

    static List<List<Object>> query(EngineSession session, String sql) {
        try (QueryResult result = session.sql(sql)) {
            return rows(result);
        }
    }

    static Object single(EngineSession session, String sql) {
        List<List<Object>> rows = query(session, sql);
        if (rows.size() != 1 || rows.get(0).size() != 1) {
            throw new AssertionError("expected one value, got " + rows);
        }
        return rows.get(0).get(0);
    }
}
