-- Read models kept by the projections; the List operations read only these.
-- Times are epoch milliseconds.
CREATE TABLE collaboration_summary (
    collaboration_id VARCHAR(36) PRIMARY KEY,
    arn VARCHAR(200) NOT NULL,
    name VARCHAR(100) NOT NULL,
    creator_account_id VARCHAR(12) NOT NULL,
    creator_display_name VARCHAR(100) NOT NULL,
    analytics_engine VARCHAR(32),
    create_time BIGINT NOT NULL,
    update_time BIGINT NOT NULL,
    deleted BOOLEAN NOT NULL
);

CREATE TABLE collaboration_member (
    collaboration_id VARCHAR(36) NOT NULL,
    account_id VARCHAR(12) NOT NULL,
    display_name VARCHAR(100) NOT NULL,
    abilities VARCHAR(200) NOT NULL,
    pays_for_query_compute BOOLEAN NOT NULL,
    status VARCHAR(16) NOT NULL,
    membership_id VARCHAR(36),
    membership_arn VARCHAR(200),
    create_time BIGINT NOT NULL,
    update_time BIGINT NOT NULL,
    PRIMARY KEY (collaboration_id, account_id)
);
CREATE INDEX collaboration_member_account_idx ON collaboration_member (account_id, status);

CREATE TABLE membership_summary (
    membership_id VARCHAR(36) PRIMARY KEY,
    arn VARCHAR(200) NOT NULL,
    account_id VARCHAR(12) NOT NULL,
    collaboration_id VARCHAR(36) NOT NULL,
    collaboration_arn VARCHAR(200) NOT NULL,
    collaboration_creator_account_id VARCHAR(12) NOT NULL,
    collaboration_creator_display_name VARCHAR(100) NOT NULL,
    collaboration_name VARCHAR(100) NOT NULL,
    member_abilities VARCHAR(200) NOT NULL,
    pays_for_query_compute BOOLEAN NOT NULL,
    status VARCHAR(32) NOT NULL,
    create_time BIGINT NOT NULL,
    update_time BIGINT NOT NULL
);
CREATE INDEX membership_summary_account_idx ON membership_summary (account_id, status);
CREATE INDEX membership_summary_collaboration_idx ON membership_summary (collaboration_id);

-- Server-wide secrets made once at first start (the key that signs pagination tokens).
CREATE TABLE server_secret (
    name VARCHAR(64) PRIMARY KEY,
    secret VARCHAR(128) NOT NULL
);
