-- Per-account data keys (AES-256), each wrapped by the server key. Deleting the row makes
-- the account's stored chunks unreadable, in this directory and in any backup of it.
CREATE TABLE account_keys (
    account_id  TEXT   PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    wrapped_key TEXT   NOT NULL,
    created_at  BIGINT NOT NULL
);

-- The chunks an account has stored, by SHA-256 of their plain bytes. A row exists only once
-- the chunk is durably in the blob store. touched_at protects a chunk that an upload in
-- progress has just reused from garbage collection (see docs/storage-format.md).
CREATE TABLE chunks (
    account_id TEXT    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    hash       TEXT    NOT NULL,
    size       INTEGER NOT NULL,
    touched_at BIGINT  NOT NULL,
    PRIMARY KEY (account_id, hash)
);

CREATE TABLE items (
    id               TEXT    PRIMARY KEY,
    account_id       TEXT    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    filename         TEXT    NOT NULL,
    kind             TEXT    NOT NULL,
    content_type     TEXT    NOT NULL,
    size             BIGINT  NOT NULL,
    sha256           TEXT    NOT NULL,
    version_no       INTEGER NOT NULL,
    created_at       BIGINT  NOT NULL,
    updated_at       BIGINT  NOT NULL,
    -- The timeline position: the user's date, else the extracted capture date, else created_at.
    taken_at         BIGINT  NOT NULL,
    trashed_at       BIGINT,
    -- The user's own values, kept apart from what extraction finds and never overwritten by it.
    title            TEXT,
    description      TEXT,
    rating           INTEGER,
    user_captured_at BIGINT,
    user_latitude    DOUBLE PRECISION,
    user_longitude   DOUBLE PRECISION,
    edits            TEXT
);
-- The library view (not in the trash) by timeline date; partial, so the trash costs it nothing.
CREATE INDEX items_timeline ON items (account_id, taken_at, id) WHERE trashed_at IS NULL;
CREATE INDEX items_created ON items (account_id, created_at, id);

CREATE TABLE item_versions (
    id           TEXT    PRIMARY KEY,
    item_id      TEXT    NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    account_id   TEXT    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    version_no   INTEGER NOT NULL,
    filename     TEXT    NOT NULL,
    kind         TEXT    NOT NULL,
    content_type TEXT    NOT NULL,
    size         BIGINT  NOT NULL,
    sha256       TEXT    NOT NULL,
    created_at   BIGINT  NOT NULL,
    UNIQUE (item_id, version_no)
);

-- A version's manifest: its chunks in order, with the offset of each for range reads.
CREATE TABLE version_chunks (
    version_id  TEXT    NOT NULL REFERENCES item_versions (id) ON DELETE CASCADE,
    account_id  TEXT    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    byte_offset BIGINT  NOT NULL,
    length      INTEGER NOT NULL,
    hash        TEXT    NOT NULL,
    PRIMARY KEY (version_id, seq)
);
CREATE INDEX version_chunks_hash ON version_chunks (account_id, hash);

-- What extraction found in the current version. raw is the full tag dump as JSON.
CREATE TABLE item_metadata (
    item_id         TEXT    PRIMARY KEY REFERENCES items (id) ON DELETE CASCADE,
    account_id      TEXT    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    state           TEXT    NOT NULL,
    error           TEXT,
    attempts        INTEGER NOT NULL,
    next_attempt_at BIGINT,
    extracted_at    BIGINT,
    captured_at     BIGINT,
    captured_offset TEXT,
    latitude        DOUBLE PRECISION,
    longitude       DOUBLE PRECISION,
    altitude        DOUBLE PRECISION,
    make            TEXT,
    model           TEXT,
    lens            TEXT,
    exposure_time   TEXT,
    f_number        DOUBLE PRECISION,
    iso             INTEGER,
    focal_length    DOUBLE PRECISION,
    orientation     INTEGER,
    width           INTEGER,
    height          INTEGER,
    title           TEXT,
    description     TEXT,
    keywords        TEXT,
    rating          INTEGER,
    duration_ms     BIGINT,
    frame_rate      DOUBLE PRECISION,
    video_codec     TEXT,
    audio_codec     TEXT,
    bitrate         INTEGER,
    sample_rate     INTEGER,
    channels        INTEGER,
    artist          TEXT,
    album           TEXT,
    genre           TEXT,
    track           INTEGER,
    release_year    INTEGER,
    has_cover       BOOLEAN,
    raw             TEXT
);
CREATE INDEX item_metadata_pending ON item_metadata (state, next_attempt_at);

CREATE TABLE tags (
    id         TEXT   PRIMARY KEY,
    account_id TEXT   NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name       TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (account_id, name)
);

CREATE TABLE item_tags (
    item_id    TEXT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    tag_id     TEXT NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    PRIMARY KEY (item_id, tag_id)
);
CREATE INDEX item_tags_tag ON item_tags (tag_id);

CREATE TABLE albums (
    id            TEXT   PRIMARY KEY,
    account_id    TEXT   NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name          TEXT   NOT NULL,
    description   TEXT,
    cover_item_id TEXT   REFERENCES items (id) ON DELETE SET NULL,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);

CREATE TABLE album_items (
    album_id   TEXT    NOT NULL REFERENCES albums (id) ON DELETE CASCADE,
    item_id    TEXT    NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    account_id TEXT    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    added_at   BIGINT  NOT NULL,
    PRIMARY KEY (album_id, item_id)
);
CREATE INDEX album_items_item ON album_items (item_id);

-- Resumable uploads in progress (tus). The bytes are staged, encrypted, in the data directory.
CREATE TABLE uploads (
    id          TEXT   PRIMARY KEY,
    account_id  TEXT   NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    length      BIGINT NOT NULL,
    received    BIGINT NOT NULL,
    filename    TEXT   NOT NULL,
    metadata    TEXT,
    item_id     TEXT,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL
);

-- A quota other than the configured default, set by an administrator.
CREATE TABLE account_quotas (
    account_id  TEXT   PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    quota_bytes BIGINT NOT NULL
);
