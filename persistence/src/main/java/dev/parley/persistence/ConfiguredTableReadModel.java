package dev.parley.persistence;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Configured tables as ListConfiguredTables shows them to the account that owns them. */
public final class ConfiguredTableReadModel {

    /** The analysis rule types, in the model's order, each with the column flagging it. */
    private static final List<String> RULE_TYPES = List.of("AGGREGATION", "LIST", "CUSTOM");

    /** {@code selectedAnalysisMethods} is null when the table has none; a new table has no analysis rules. */
    public record ConfiguredTableRow(
            String id,
            String arn,
            String ownerAccountId,
            String name,
            String analysisMethod,
            List<String> selectedAnalysisMethods,
            List<String> analysisRuleTypes,
            long createTime,
            long updateTime) {}

    private final DataSource dataSource;

    public ConfiguredTableReadModel(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public static void insert(Connection connection, ConfiguredTableRow table) {
        Jdbc.update(
                connection,
                """
                INSERT INTO configured_table_summary (configured_table_id, arn, owner_account_id, name, analysis_method,
                    selected_analysis_methods, aggregation_rule, list_rule, custom_rule, create_time, update_time)
                VALUES (?, ?, ?, ?, ?, ?, FALSE, FALSE, FALSE, ?, ?)""",
                table.id(),
                table.arn(),
                table.ownerAccountId(),
                table.name(),
                table.analysisMethod(),
                table.selectedAnalysisMethods() == null ? null : Jdbc.joinList(table.selectedAnalysisMethods()),
                table.createTime(),
                table.updateTime());
    }

    public static void update(
            Connection connection,
            String id,
            String name,
            String analysisMethod,
            List<String> selectedAnalysisMethods,
            long updateTime) {
        Jdbc.update(
                connection,
                """
                UPDATE configured_table_summary SET name = ?, analysis_method = ?, selected_analysis_methods = ?,
                    update_time = ?
                WHERE configured_table_id = ?""",
                name,
                analysisMethod,
                selectedAnalysisMethods == null ? null : Jdbc.joinList(selectedAnalysisMethods),
                updateTime,
                id);
    }

    /** Records whether the table has an analysis rule of {@code type} (AGGREGATION, LIST or CUSTOM). */
    public static void setAnalysisRule(Connection connection, String id, String type, boolean present) {
        String column = switch (type) {
            case "AGGREGATION" -> "aggregation_rule";
            case "LIST" -> "list_rule";
            case "CUSTOM" -> "custom_rule";
            default -> throw new IllegalArgumentException("no analysis rule type " + type);
        };
        Jdbc.update(
                connection,
                "UPDATE configured_table_summary SET " + column + " = ? WHERE configured_table_id = ?",
                present,
                id);
    }

    public static void delete(Connection connection, String id) {
        Jdbc.update(connection, "DELETE FROM configured_table_summary WHERE configured_table_id = ?", id);
    }

    /** The account's configured tables, newest first. */
    public Page<ConfiguredTableRow> listForOwner(String ownerAccountId, Optional<Cursor> after, int limit) {
        List<Object> parameters = new ArrayList<>(List.of(ownerAccountId));
        StringBuilder where = new StringBuilder("owner_account_id = ?");
        after.ifPresent(cursor -> {
            where.append(" AND (create_time < ? OR (create_time = ? AND configured_table_id < ?))");
            parameters.addAll(List.of(cursor.time(), cursor.time(), cursor.key()));
        });
        parameters.add(limit + 1);
        List<ConfiguredTableRow> rows = Jdbc.query(
                dataSource,
                row -> new ConfiguredTableRow(
                        row.getString(1),
                        row.getString(2),
                        row.getString(3),
                        row.getString(4),
                        row.getString(5),
                        row.getString(6) == null ? null : Jdbc.splitList(row.getString(6)),
                        ruleTypes(row.getBoolean(7), row.getBoolean(8), row.getBoolean(9)),
                        row.getLong(10),
                        row.getLong(11)),
                """
                SELECT configured_table_id, arn, owner_account_id, name, analysis_method, selected_analysis_methods,
                       aggregation_rule, list_rule, custom_rule, create_time, update_time
                FROM configured_table_summary WHERE\s""" + where + " ORDER BY create_time DESC, configured_table_id DESC LIMIT ?",
                parameters.toArray());
        return Page.of(rows, limit, row -> new Cursor(row.createTime(), row.id()));
    }

    private static List<String> ruleTypes(boolean... present) {
        List<String> types = new ArrayList<>();
        for (int i = 0; i < present.length; i++) {
            if (present[i]) {
                types.add(RULE_TYPES.get(i));
            }
        }
        return types;
    }
}
