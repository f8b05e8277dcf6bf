package dev.parley.persistence;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Memberships as ListMemberships shows them to the account that owns them. */
public final class MembershipReadModel {

    public record MembershipRow(
            String id,
            String arn,
            String accountId,
            String collaborationId,
            String collaborationArn,
            String collaborationCreatorAccountId,
            String collaborationCreatorDisplayName,
            String collaborationName,
            List<String> memberAbilities,
            boolean paysForQueryCompute,
            String status,
            long createTime,
            long updateTime) {}

    private final DataSource dataSource;

    public MembershipReadModel(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public static void insert(Connection connection, MembershipRow membership) {
        Jdbc.update(
                connection,
                """
                INSERT INTO membership_summary (membership_id, arn, account_id, collaboration_id, collaboration_arn,
                    collaboration_creator_account_id, collaboration_creator_display_name, collaboration_name,
                    member_abilities, pays_for_query_compute, status, create_time, update_time)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                membership.id(),
                membership.arn(),
                membership.accountId(),
                membership.collaborationId(),
                membership.collaborationArn(),
                membership.collaborationCreatorAccountId(),
                membership.collaborationCreatorDisplayName(),
                membership.collaborationName(),
                Jdbc.joinList(membership.memberAbilities()),
                membership.paysForQueryCompute(),
                membership.status(),
                membership.createTime(),
                membership.updateTime());
    }

    public static void updateStatus(Connection connection, String id, String status, long updateTime) {
        Jdbc.update(
                connection,
                "UPDATE membership_summary SET status = ?, update_time = ? WHERE membership_id = ?",
                status,
                updateTime,
                id);
    }

    public static void touch(Connection connection, String id, long updateTime) {
        Jdbc.update(
                connection, "UPDATE membership_summary SET update_time = ? WHERE membership_id = ?", updateTime, id);
    }

    public static void renameCollaboration(
            Connection connection, String id, String collaborationName, long updateTime) {
        Jdbc.update(
                connection,
                "UPDATE membership_summary SET collaboration_name = ?, update_time = ? WHERE membership_id = ?",
                collaborationName,
                updateTime,
                id);
    }

    /** The account's memberships, optionally of one status, newest first. */
    public Page<MembershipRow> listForAccount(
            String accountId, Optional<String> status, Optional<Cursor> after, int limit) {
        List<Object> parameters = new ArrayList<>(List.of(accountId));
        StringBuilder where = new StringBuilder("account_id = ?");
        status.ifPresent(s -> {
            where.append(" AND status = ?");
            parameters.add(s);
        });
        after.ifPresent(cursor -> {
            where.append(" AND (create_time < ? OR (create_time = ? AND membership_id < ?))");
            parameters.addAll(List.of(cursor.time(), cursor.time(), cursor.key()));
        });
        parameters.add(limit + 1);
        List<MembershipRow> rows = Jdbc.query(
                dataSource,
                row -> new MembershipRow(
                        row.getString(1),
                        row.getString(2),
                        row.getString(3),
                        row.getString(4),
                        row.getString(5),
                        row.getString(6),
                        row.getString(7),
                        row.getString(8),
                        Jdbc.splitList(row.getString(9)),
                        row.getBoolean(10),
                        row.getString(11),
                        row.getLong(12),
                        row.getLong(13)),
                """
                SELECT membership_id, arn, account_id, collaboration_id, collaboration_arn, collaboration_creator_account_id,
                       collaboration_creator_display_name, collaboration_name, member_abilities, pays_for_query_compute,
                       status, create_time, update_time
                FROM membership_summary WHERE\s""" + where + " ORDER BY create_time DESC, membership_id DESC LIMIT ?",
                parameters.toArray());
        return Page.of(rows, limit, row -> new Cursor(row.createTime(), row.id()));
    }
}
