package dev.parley.persistence;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Collaborations and their members as ListCollaborations and ListMembers show them. */
public final class CollaborationReadModel {

    /** A collaboration as one account sees it in a listing. */
    public record CollaborationRow(
            String id,
            String arn,
            String name,
            String creatorAccountId,
            String creatorDisplayName,
            String analyticsEngine,
            long createTime,
            long updateTime,
            String memberStatus,
            String membershipId,
            String membershipArn) {}

    public record CollaborationRecord(
            String id,
            String arn,
            String name,
            String creatorAccountId,
            String creatorDisplayName,
            String analyticsEngine,
            long createTime) {}

    public record MemberRow(
            String collaborationId,
            String accountId,
            String displayName,
            List<String> abilities,
            boolean paysForQueryCompute,
            String status,
            String membershipId,
            String membershipArn,
            long createTime,
            long updateTime) {}

    private final DataSource dataSource;

    public CollaborationReadModel(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public static void insertCollaboration(
            Connection connection, CollaborationRecord collaboration, List<MemberRow> members) {
        Jdbc.update(
                connection,
                """
                INSERT INTO collaboration_summary (collaboration_id, arn, name, creator_account_id, creator_display_name,
                    analytics_engine, create_time, update_time, deleted)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, FALSE)""",
                collaboration.id(),
                collaboration.arn(),
                collaboration.name(),
                collaboration.creatorAccountId(),
                collaboration.creatorDisplayName(),
                collaboration.analyticsEngine(),
                collaboration.createTime(),
                collaboration.createTime());
        for (MemberRow member : members) {
            Jdbc.update(
                    connection,
                    """
                    INSERT INTO collaboration_member (collaboration_id, account_id, display_name, abilities,
                        pays_for_query_compute, status, membership_id, membership_arn, create_time, update_time)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    member.collaborationId(),
                    member.accountId(),
                    member.displayName(),
                    Jdbc.joinList(member.abilities()),
                    member.paysForQueryCompute(),
                    member.status(),
                    member.membershipId(),
                    member.membershipArn(),
                    member.createTime(),
                    member.updateTime());
        }
    }

    public static void updateCollaboration(
            Connection connection, String id, String name, String analyticsEngine, long updateTime) {
        Jdbc.update(
                connection,
                "UPDATE collaboration_summary SET name = ?, analytics_engine = ?, update_time = ? WHERE collaboration_id = ?",
                name,
                analyticsEngine,
                updateTime,
                id);
    }

    public static void markDeleted(Connection connection, String id, long updateTime) {
        Jdbc.update(
                connection,
                "UPDATE collaboration_summary SET deleted = TRUE, update_time = ? WHERE collaboration_id = ?",
                updateTime,
                id);
    }

    public static void joinMember(
            Connection connection,
            String collaborationId,
            String accountId,
            String membershipId,
            String membershipArn,
            long updateTime) {
        Jdbc.update(connection, """
                UPDATE collaboration_member SET status = 'ACTIVE', membership_id = ?, membership_arn = ?, update_time = ?
                WHERE collaboration_id = ? AND account_id = ?""", membershipId, membershipArn, updateTime, collaborationId, accountId);
    }

    public static void updateMemberStatus(
            Connection connection, String collaborationId, String accountId, String status, long updateTime) {
        Jdbc.update(connection, """
                UPDATE collaboration_member SET status = ?, update_time = ? WHERE collaboration_id = ? AND account_id = ?""", status, updateTime, collaborationId, accountId);
    }

    /** The live collaborations in which the account is a member with one of the given statuses, newest first. */
    public Page<CollaborationRow> listForAccount(
            String accountId, List<String> memberStatuses, Optional<Cursor> after, int limit) {
        List<Object> parameters = new ArrayList<>(List.of(accountId));
        parameters.addAll(memberStatuses);
        String statusSlots =
                String.join(", ", memberStatuses.stream().map(s -> "?").toList());
        String keyset = "";
        if (after.isPresent()) {
            keyset = " AND (c.create_time < ? OR (c.create_time = ? AND c.collaboration_id < ?))";
            parameters.addAll(
                    List.of(after.get().time(), after.get().time(), after.get().key()));
        }
        parameters.add(limit + 1);
        List<CollaborationRow> rows = Jdbc.query(
                dataSource,
                row -> new CollaborationRow(
                        row.getString(1),
                        row.getString(2),
                        row.getString(3),
                        row.getString(4),
                        row.getString(5),
                        row.getString(6),
                        row.getLong(7),
                        row.getLong(8),
                        row.getString(9),
                        row.getString(10),
                        row.getString(11)),
                """
                SELECT c.collaboration_id, c.arn, c.name, c.creator_account_id, c.creator_display_name, c.analytics_engine,
                       c.create_time, c.update_time, m.status, m.membership_id, m.membership_arn
                FROM collaboration_summary c JOIN collaboration_member m ON m.collaboration_id = c.collaboration_id
                WHERE m.account_id = ? AND NOT c.deleted AND m.status IN (""" + statusSlots + ")" + keyset + " ORDER BY c.create_time DESC, c.collaboration_id DESC LIMIT ?",
                parameters.toArray());
        return Page.of(rows, limit, row -> new Cursor(row.createTime(), row.id()));
    }
}
