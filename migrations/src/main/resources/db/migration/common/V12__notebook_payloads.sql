-- The contents of Athena notebooks (ipynb, at most 10 MB each): too large for journal events and for messages
-- between nodes, so the Notebook entity records which version is current and the text lives here. A version is
-- written before the entity is told of it, so an acknowledged update is never lost; superseded versions are removed.
CREATE TABLE notebook_payload (
    notebook_id VARCHAR(36) NOT NULL,
    version VARCHAR(36) NOT NULL,
    payload TEXT NOT NULL,
    PRIMARY KEY (notebook_id, version)
);
