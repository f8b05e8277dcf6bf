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

-- Athena sessions as ListSessions shows them, and the live ones the session waker wakes after a restart.
CREATE TABLE session_summary (
    session_id VARCHAR(36) PRIMARY KEY,
    account_id VARCHAR(12) NOT NULL,
    work_group VARCHAR(128) NOT NULL,
    description VARCHAR(1024),
    notebook_version VARCHAR(128),
    state VARCHAR(16) NOT NULL,
    state_change_reason VARCHAR(1024),
    start_time BIGINT NOT NULL,
    idle_since_time BIGINT,
    last_modified_time BIGINT NOT NULL,
    end_time BIGINT
);
CREATE INDEX session_summary_listing_idx ON session_summary (account_id, work_group, start_time);
CREATE INDEX session_summary_state_idx ON session_summary (state);
