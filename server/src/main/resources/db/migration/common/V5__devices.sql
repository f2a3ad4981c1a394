-- The user's devices (I.2f): each signs in with its own bearer token.
CREATE TABLE devices (
    id           TEXT   PRIMARY KEY,
    account_id   TEXT   NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name         TEXT   NOT NULL,
    token_id     TEXT,
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL
);
CREATE INDEX devices_account ON devices (account_id);

-- The partitions holding the folders a device syncs or backs up, reported by the device and
-- used only to provide sync and backup (room left, which volume a folder is on).
CREATE TABLE device_partitions (
    device_id    TEXT   NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    account_id   TEXT   NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    volume_label TEXT   NOT NULL,
    file_system  TEXT   NOT NULL,
    size_bytes   BIGINT NOT NULL,
    free_bytes   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL,
    PRIMARY KEY (device_id, volume_label)
);
