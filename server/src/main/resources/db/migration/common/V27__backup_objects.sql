-- Files of backup repositories the client encrypted (docs/backup-format.md, "On the server"):
-- packs, indexes, snapshots, key slots and the config, sealed with a key only the person's
-- passwords unwrap. The server knows their names, kinds and sizes, never their contents.
CREATE TABLE backup_objects (
    account_id TEXT   NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    repository TEXT   NOT NULL,
    kind       TEXT   NOT NULL,
    name       TEXT   NOT NULL,
    size       BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (account_id, repository, kind, name)
);
