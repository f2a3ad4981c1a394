-- Chunks kept for something other than an item version: a transfer waiting for its device, a
-- backup snapshot. Garbage collection leaves a held chunk alone.
CREATE TABLE chunk_holds (
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    holder     TEXT NOT NULL,
    hash       TEXT NOT NULL,
    PRIMARY KEY (account_id, holder, hash)
);
CREATE INDEX chunk_holds_hash ON chunk_holds (account_id, hash);

-- Files sent from one of the user's devices to another, waiting for delivery. The row and its
-- chunk holds go when the file is delivered, cancelled or expired.
CREATE TABLE transfers (
    id          TEXT   PRIMARY KEY,
    account_id  TEXT   NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    from_device TEXT,
    to_device   TEXT   NOT NULL,
    filename    TEXT   NOT NULL,
    size        BIGINT NOT NULL,
    sha256      TEXT   NOT NULL,
    manifest    TEXT   NOT NULL,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL
);
CREATE INDEX transfers_device ON transfers (account_id, to_device);
CREATE INDEX transfers_expiry ON transfers (expires_at);

-- Backup snapshots a device keeps on the server: the tree of a backed-up folder (names, sizes,
-- times, permissions, chunk hashes) as the client wrote it. Its chunks are held under
-- snapshot:<id> until the snapshot is forgotten.
CREATE TABLE backup_snapshots (
    account_id TEXT   NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    id         TEXT   NOT NULL,
    device_id  TEXT,
    host       TEXT   NOT NULL,
    source     TEXT   NOT NULL,
    taken_at   BIGINT NOT NULL,
    body       TEXT   NOT NULL,
    PRIMARY KEY (account_id, id)
);
