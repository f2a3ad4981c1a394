-- Mail waiting to be handed to SMTP (or the outbox): written before the first attempt, deleted
-- once delivered, retried with backoff until it is, and marked failed after the last attempt,
-- where administrators see it. Nothing is lost on a restart.
CREATE TABLE mail_queue (
    id              TEXT    PRIMARY KEY,
    kind            TEXT    NOT NULL,
    to_address      TEXT    NOT NULL,
    subject         TEXT    NOT NULL,
    text_body       TEXT    NOT NULL,
    html_body       TEXT    NOT NULL,
    headers         TEXT,
    attempts        INTEGER NOT NULL,
    next_attempt_at BIGINT,
    last_error      TEXT,
    failed          BOOLEAN NOT NULL,
    created_at      BIGINT  NOT NULL
);
CREATE INDEX mail_queue_due ON mail_queue (failed, next_attempt_at);

-- Addresses that asked for no more mail from this server, kept only as a keyed hash
-- (HMAC-SHA-256 with the server's suppression key), so the list names no one.
CREATE TABLE mail_suppressions (
    address_hash TEXT   PRIMARY KEY,
    created_at   BIGINT NOT NULL
);

-- How many messages of each kind were delivered, per day; no addresses.
CREATE TABLE mail_counts (
    day   TEXT    NOT NULL,
    kind  TEXT    NOT NULL,
    sent  INTEGER NOT NULL,
    PRIMARY KEY (day, kind)
);
