-- Privacy core. Times are epoch milliseconds (UTC) in BIGINT on every database.

CREATE TABLE policy_versions (
    version      INTEGER PRIMARY KEY,
    published_at BIGINT  NOT NULL,
    summary      TEXT    NOT NULL
);

-- The exact notice shown for each consent-based purpose under each policy version.
CREATE TABLE policy_notices (
    version       INTEGER NOT NULL REFERENCES policy_versions (version),
    purpose       TEXT    NOT NULL,
    notice_text   TEXT    NOT NULL,
    notice_sha256 TEXT    NOT NULL,
    PRIMARY KEY (version, purpose)
);

-- Append-only. Each subject's events form a hash chain through previous_hash.
CREATE TABLE consent_events (
    subject_id     TEXT    NOT NULL,
    seq            BIGINT  NOT NULL,
    purpose        TEXT    NOT NULL,
    decision       TEXT    NOT NULL,
    policy_version INTEGER NOT NULL,
    notice_sha256  TEXT    NOT NULL,
    mechanism      TEXT    NOT NULL,
    origin         TEXT    NOT NULL,
    actor          TEXT    NOT NULL,
    occurred_at    BIGINT  NOT NULL,
    previous_hash  TEXT    NOT NULL,
    hash           TEXT    NOT NULL,
    PRIMARY KEY (subject_id, seq)
);

CREATE TABLE policy_acknowledgements (
    account_id      TEXT    NOT NULL,
    version         INTEGER NOT NULL,
    acknowledged_at BIGINT  NOT NULL,
    PRIMARY KEY (account_id, version)
);
