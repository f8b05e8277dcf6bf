package dev.parley.persistence;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Analysis templates as ListAnalysisTemplates shows them to the membership they were made in, and
 * ListCollaborationAnalysisTemplates to the members of their collaboration.
 */
public final class AnalysisTemplateReadModel {

    public record AnalysisTemplateRow(
            String id,
            String arn,
            String name,
            String description,
            String creatorAccountId,
            String membershipId,
            String membershipArn,
            String collaborationId,
            String collaborationArn,
            long createTime,
            long updateTime) {}

    private final DataSource dataSource;

    public AnalysisTemplateReadModel(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public static void insert(Connection connection, AnalysisTemplateRow template) {
        Jdbc.update(
                connection,
                """
                INSERT INTO analysis_template_summary (analysis_template_id, arn, name, description, creator_account_id,
                    membership_id, membership_arn, collaboration_id, collaboration_arn, create_time, update_time)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                template.id(),
                template.arn(),
                template.name(),
                template.description(),
                template.creatorAccountId(),
                template.membershipId(),
                template.membershipArn(),
                template.collaborationId(),
                template.collaborationArn(),
                template.createTime(),
                template.updateTime());
    }

    public static void update(Connection connection, String id, String description, long updateTime) {
        Jdbc.update(
                connection,
                "UPDATE analysis_template_summary SET description = ?, update_time = ? WHERE analysis_template_id = ?",
                description,
                updateTime,
                id);
    }

    public static void delete(Connection connection, String id) {
        Jdbc.update(connection, "DELETE FROM analysis_template_summary WHERE analysis_template_id = ?", id);
    }

    /** The templates made in a membership, newest first. */
    public Page<AnalysisTemplateRow> listForMembership(String membershipId, Optional<Cursor> after, int limit) {
        return list("membership_id", membershipId, after, limit);
    }

    /** The templates of a collaboration, newest first. */
    public Page<AnalysisTemplateRow> listForCollaboration(String collaborationId, Optional<Cursor> after, int limit) {
        return list("collaboration_id", collaborationId, after, limit);
    }

    private Page<AnalysisTemplateRow> list(String column, String value, Optional<Cursor> after, int limit) {
        List<Object> parameters = new ArrayList<>(List.of(value));
        StringBuilder where = new StringBuilder(column + " = ?");
        after.ifPresent(cursor -> {
            where.append(" AND (create_time < ? OR (create_time = ? AND analysis_template_id < ?))");
            parameters.addAll(List.of(cursor.time(), cursor.time(), cursor.key()));
        });
        parameters.add(limit + 1);
        List<AnalysisTemplateRow> rows = Jdbc.query(
                dataSource,
                row -> new AnalysisTemplateRow(
                        row.getString(1),
                        row.getString(2),
                        row.getString(3),
                        row.getString(4),
                        row.getString(5),
                        row.getString(6),
                        row.getString(7),
                        row.getString(8),
                        row.getString(9),
                        row.getLong(10),
                        row.getLong(11)),
                """
                SELECT analysis_template_id, arn, name, description, creator_account_id, membership_id, membership_arn,
                       collaboration_id, collaboration_arn, create_time, update_time
                FROM analysis_template_summary WHERE\s""" + where + " ORDER BY create_time DESC, analysis_template_id DESC LIMIT ?",
                parameters.toArray());
        return Page.of(rows, limit, row -> new Cursor(row.createTime(), row.id()));
    }
}
