package dev.parley.persistence;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Athena sessions as ListSessions shows them to the account that owns them. Times are epoch milliseconds. */
public final class SessionReadModel {

    public record SessionRow(
            String sessionId,
            String accountId,
            String workGroup,
            String description,
            String notebookVersion,
            String state,
            String stateChangeReason,
            long startTime,
            Long idleSinceTime,
            long lastModifiedTime,
            Long endTime) {}

    private static final String LIVE = "('CREATING', 'CREATED', 'IDLE', 'BUSY', 'TERMINATING', 'DEGRADED')";

    private final DataSource dataSource;

    public SessionReadModel(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public static void insert(Connection connection, SessionRow session) {
        Jdbc.update(
                connection,
                """
                INSERT INTO session_summary (session_id, account_id, work_group, description, notebook_version, state,
                    state_change_reason, start_time, idle_since_time, last_modified_time, end_time)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                session.sessionId(),
                session.accountId(),
                session.workGroup(),
                session.description(),
                session.notebookVersion(),
                session.state(),
                session.stateChangeReason(),
                session.startTime(),
                session.idleSinceTime(),
                session.lastModifiedTime(),
                session.endTime());
    }

    /** The session's new state; {@code idleSince} and {@code end} as they now stand (null when not set). */
    public static void updateStatus(
            Connection connection,
            String sessionId,
            String state,
            String stateChangeReason,
            Long idleSince,
            long lastModified,
            Long end) {
        Jdbc.update(connection, """
                UPDATE session_summary SET state = ?, state_change_reason = COALESCE(?, state_change_reason),
                    idle_since_time = ?, last_modified_time = ?, end_time = ?
                WHERE session_id = ?""", state, stateChangeReason, idleSince, lastModified, end, sessionId);
    }

    /** The account's sessions in a work group, optionally of one state, newest first. */
    public Page<SessionRow> listForWorkGroup(
            String accountId, String workGroup, Optional<String> state, Optional<Cursor> after, int limit) {
        List<Object> parameters = new ArrayList<>(List.of(accountId, workGroup));
        StringBuilder where = new StringBuilder("account_id = ? AND work_group = ?");
        state.ifPresent(s -> {
            where.append(" AND state = ?");
            parameters.add(s);
        });
        after.ifPresent(cursor -> {
            where.append(" AND (start_time < ? OR (start_time = ? AND session_id < ?))");
            parameters.addAll(List.of(cursor.time(), cursor.time(), cursor.key()));
        });
        parameters.add(limit + 1);
        List<SessionRow> rows = Jdbc.query(
                dataSource,
                SessionReadModel::row,
                """
                SELECT session_id, account_id, work_group, description, notebook_version, state, state_change_reason,
                       start_time, idle_since_time, last_modified_time, end_time
                FROM session_summary WHERE\s""" + where + " ORDER BY start_time DESC, session_id DESC LIMIT ?",
                parameters.toArray());
        return Page.of(rows, limit, row -> new Cursor(row.startTime(), row.sessionId()));
    }

    /** The ids of the account's sessions in a work group that are not yet terminated. */
    public List<String> liveIn(String accountId, String workGroup) {
        return Jdbc.query(
                dataSource,
                row -> row.getString(1),
                "SELECT session_id FROM session_summary WHERE account_id = ? AND work_group = ? AND state IN " + LIVE,
                accountId,
                workGroup);
    }

    /** The ids of every session not yet terminated. */
    public List<String> liveSessionIds() {
        return Jdbc.query(
                dataSource, row -> row.getString(1), "SELECT session_id FROM session_summary WHERE state IN " + LIVE);
    }

    private static SessionRow row(ResultSet row) throws SQLException {
        return new SessionRow(
                row.getString(1),
                row.getString(2),
                row.getString(3),
                row.getString(4),
                row.getString(5),
                row.getString(6),
                row.getString(7),
                row.getLong(8),
                nullableLong(row, 9),
                row.getLong(10),
                nullableLong(row, 11));
    }

    private static Long nullableLong(ResultSet row, int column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }
}
