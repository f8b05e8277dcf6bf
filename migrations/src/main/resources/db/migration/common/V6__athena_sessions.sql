-- Athena work groups as ListWorkGroups shows them; names are per account. Times are epoch milliseconds.
CREATE TABLE workgroup_summary (
    account_id VARCHAR(12) NOT NULL,
    name VARCHAR(128) NOT NULL,
    description VARCHAR(1024),
    state VARCHAR(16) NOT NULL,
    selected_engine_version VARCHAR(128) NOT NULL,
    effective_engine_version VARCHAR(128) NOT NULL,
    creation_time BIGINT NOT NULL,
    PRIMARY KEY (account_id, name)
);
CREATE INDEX workgroup_summary_listing_idx ON workgroup_summary (account_id, creation_time);
