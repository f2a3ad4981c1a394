-- Links that share items or an album with anyone who has the link. The token is kept only as
-- its SHA-256. A revoked share is deleted at once; an expired one answers 410 until purged.
CREATE TABLE shares (
    id              TEXT    PRIMARY KEY,
    account_id      TEXT    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    token_hash      TEXT    NOT NULL UNIQUE,
    album_id        TEXT    REFERENCES albums (id) ON DELETE CASCADE,
    title           TEXT,
    password_hash   TEXT,
    expires_at      BIGINT,
    max_downloads   INTEGER,
    downloads       INTEGER NOT NULL,
    views           INTEGER NOT NULL,
    allow_originals BOOLEAN NOT NULL,
    keep_metadata   BOOLEAN NOT NULL,
    created_at      BIGINT  NOT NULL
);
CREATE INDEX shares_account ON shares (account_id, created_at);

-- The items of a share of a selection, in order (an album share follows the album instead).
CREATE TABLE share_items (
    share_id   TEXT    NOT NULL REFERENCES shares (id) ON DELETE CASCADE,
    item_id    TEXT    NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    account_id TEXT    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    PRIMARY KEY (share_id, item_id)
);
