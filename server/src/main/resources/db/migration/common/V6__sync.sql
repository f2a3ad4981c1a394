-- Each account's journal counter. Appending to the journal updates this row first, which holds
-- its lock until commit: sequence numbers follow commit order with no gaps, so a client that has
-- read up to seq N never misses an entry committed later with a smaller number.
CREATE TABLE sync_accounts (
    account_id TEXT   PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    last_seq   BIGINT NOT NULL
);

-- The current tree of each synced folder: one row per file that exists. A deleted file loses its
-- row and its item goes to the library's trash.
CREATE TABLE sync_files (
    account_id TEXT   NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    folder     TEXT   NOT NULL,
    path       TEXT   NOT NULL,
    item_id    TEXT   NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    -- The seq of the journal entry that last changed this path: the version a client names
    -- as the base of its change.
    revision   BIGINT NOT NULL,
    mtime      BIGINT NOT NULL,
    PRIMARY KEY (account_id, folder, path)
);
CREATE INDEX sync_files_item ON sync_files (item_id);

-- Every change to a synced folder, in order. kind is put, move or delete.
CREATE TABLE sync_journal (
    account_id TEXT    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    seq        BIGINT  NOT NULL,
    folder     TEXT    NOT NULL,
    path       TEXT    NOT NULL,
    kind       TEXT    NOT NULL,
    from_path  TEXT,
    item_id    TEXT    NOT NULL,
    version_no INTEGER NOT NULL,
    sha256     TEXT    NOT NULL,
    size       BIGINT  NOT NULL,
    mtime      BIGINT  NOT NULL,
    device_id  TEXT,
    at         BIGINT  NOT NULL,
    PRIMARY KEY (account_id, seq)
);
