-- Configured tables as ListConfiguredTables shows them to their owner; a deleted table's row is removed.
-- Lists are comma-separated enum names; one flag per analysis rule type; times are epoch milliseconds.
CREATE TABLE configured_table_summary (
    configured_table_id VARCHAR(36) PRIMARY KEY,
    arn VARCHAR(200) NOT NULL,
    owner_account_id VARCHAR(12) NOT NULL,
    name VARCHAR(100) NOT NULL,
    analysis_method VARCHAR(32) NOT NULL,
    selected_analysis_methods VARCHAR(100),
    aggregation_rule BOOLEAN NOT NULL,
    list_rule BOOLEAN NOT NULL,
    custom_rule BOOLEAN NOT NULL,
    create_time BIGINT NOT NULL,
    update_time BIGINT NOT NULL
);
CREATE INDEX configured_table_summary_owner_idx ON configured_table_summary (owner_account_id, create_time);
