package dev.parley.actors.session;

import java.util.List;

/** A result's rows (column names first) as CSV and as a readable text table. */
final class Rendering {

    private Rendering() {}

    /** RFC 4180: a header row, fields quoted when they hold a comma, quote or line break; NULL is empty. */
    static String csv(List<List<String>> rows) {
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
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
            out.append("\r\n");
        }
        return out.toString();
    }

    /** Columns padded to their widest value, NULL shown as {@code NULL}, at most {@code limit} rows. */
    static String table(List<List<String>> rows, int limit) {
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
        int rowCount = rows.size() - 1;
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
