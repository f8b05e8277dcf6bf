-- Analysis templates as ListAnalysisTemplates (by membership) and ListCollaborationAnalysisTemplates (by
-- collaboration) show them; a deleted template's row is removed. Times are epoch milliseconds.
CREATE TABLE analysis_template_summary (
    analysis_template_id VARCHAR(36) PRIMARY KEY,
    arn VARCHAR(200) NOT NULL,
    name VARCHAR(128) NOT NULL,
    description VARCHAR(1024),
    creator_account_id VARCHAR(12) NOT NULL,
    membership_id VARCHAR(36) NOT NULL,
    membership_arn VARCHAR(200) NOT NULL,
    collaboration_id VARCHAR(36) NOT NULL,
    collaboration_arn VARCHAR(200) NOT NULL,
    create_time BIGINT NOT NULL,
    update_time BIGINT NOT NULL
);
CREATE INDEX analysis_template_summary_membership_idx ON analysis_template_summary (membership_id, create_time);
CREATE INDEX analysis_template_summary_collaboration_idx ON analysis_template_summary (collaboration_id, create_time);
