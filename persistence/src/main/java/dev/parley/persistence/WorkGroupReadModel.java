package dev.parley.persistence;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Athena work groups as ListWorkGroups shows them to the account that owns them. */
public final class WorkGroupReadModel {

    public record WorkGroupRow(
            String accountId,
            String name,
            String description,
            String state,
            String selectedEngineVersion,
            String effectiveEngineVersion,
            long creationTime) {}

    private final DataSource dataSource;

    public WorkGroupReadModel(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public static void insert(Connection connection, WorkGroupRow workGroup) {
        Jdbc.update(
                connection,
                """
                INSERT INTO workgroup_summary (account_id, name, description, state, selected_engine_version,
                    effective_engine_version, creation_time)
                VALUES (?, ?, ?, ?, ?, ?, ?)""",
                workGroup.accountId(),
                workGroup.name(),
                workGroup.description(),
                workGroup.state(),
                workGroup.selectedEngineVersion(),
                workGroup.effectiveEngineVersion(),
                workGroup.creationTime());
    }

    public static void update(
            Connection connection,
            String accountId,
            String name,
            String description,
            String state,
            String selectedEngineVersion,
            String effectiveEngineVersion) {
        Jdbc.update(
                connection, """
                UPDATE workgroup_summary SET description = ?, state = ?, selected_engine_version = ?,
                    effective_engine_version = ?
                WHERE account_id = ? AND name = ?""", description, state, selectedEngineVersion, effectiveEngineVersion, accountId, name);
    }

    public static void delete(Connection connection, String accountId, String name) {
        Jdbc.update(connection, "DELETE FROM workgroup_summary WHERE account_id = ? AND name = ?", accountId, name);
    }

    /** The account's work groups, newest first. */
    public Page<WorkGroupRow> listForAccount(String accountId, Optional<Cursor> after, int limit) {
        List<Object> parameters = new ArrayList<>(List.of(accountId));
        StringBuilder where = new StringBuilder("account_id = ?");
        after.ifPresent(cursor -> {
            where.append(" AND (creation_time < ? OR (creation_time = ? AND name < ?))");
            parameters.addAll(List.of(cursor.time(), cursor.time(), cursor.key()));
        });
        parameters.add(limit + 1);
        List<WorkGroupRow> rows = Jdbc.query(
                dataSource,
                row -> new WorkGroupRow(
                        row.getString(1),
                        row.getString(2),
                        row.getString(3),
                        row.getString(4),
                        row.getString(5),
                        row.getString(6),
                        row.getLong(7)),
                """
                SELECT account_id, name, description, state, selected_engine_version, effective_engine_version,
                       creation_time
                FROM workgroup_summary WHERE\s""" + where + " ORDER BY creation_time DESC, name DESC LIMIT ?",
                parameters.toArray());
        return Page.of(rows, limit, row -> new Cursor(row.creationTime(), row.name()));
    }
}
