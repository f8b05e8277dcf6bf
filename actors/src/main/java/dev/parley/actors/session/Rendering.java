package dev.parley.actors.session;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** A result's rows (column names first) as CSV and as a readable text table. */
final class Rendering {

    private Rendering() {}

    /** One row of RFC 4180 CSV: fields quoted when they hold a comma, quote or line break; NULL is empty. */
    static String csvLine(List<String> row) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < row.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String value = row.get(i);
            if (value != null) {
                boolean quote =
                        value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r");
                out.append(quote ? '"' + value.replace("\"", "\"\"") + '"' : value);
            }
        }
        return out.append("\r\n").toString();
    }

    /** The values of one row of {@code root} as text; null for SQL NULL. */
    static List<String> row(VectorSchemaRoot root, int row) {
        List<String> values = new ArrayList<>();
        for (FieldVector vector : root.getFieldVectors()) {
            Object value = vector.getObject(row);
            values.add(value == null ? null : value.toString());
        }
        return values;
    }

    /**
     * {@code rows} (column names first, at most {@code limit} rows after them) with columns padded to their widest
     * value, NULL shown as {@code NULL}, and a line saying how many rows the result had.
     */
    static String table(List<List<String>> rows, long rowCount, int limit) {
        List<List<String>> shown = rows.subList(0, Math.min(rows.size(), limit + 1));
        int columns = rows.get(0).size();
        int[] widths = new int[columns];
        for (List<String> row : shown) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], text(row.get(i)).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < shown.size(); r++) {
            for (int i = 0; i < columns; i++) {
                out.append(i == 0 ? "" : " | ")
                        .append(String.format(
                                "%-" + Math.max(1, widths[i]) + "s",
                                text(shown.get(r).get(i))));
            }
            out.append('\n');
            if (r == 0) {
                for (int i = 0; i < columns; i++) {
                    out.append(i == 0 ? "" : "-+-").append("-".repeat(Math.max(1, widths[i])));
                }
                out.append('\n');
            }
        }
        out.append(rowCount).append(rowCount == 1 ? " row" : " rows");
        if (rowCount > limit) {
            out.append(" (first ").append(limit).append(" shown)");
        }
        return out.append('\n').toString();
    }

    private static String text(String value) {
        return value == null ? "NULL" : value;
    }
}
