CREATE TABLE accounts (
    id             TEXT    PRIMARY KEY,
    name           TEXT    NOT NULL,
    email          TEXT    NOT NULL UNIQUE,
    email_verified BOOLEAN NOT NULL,
    password_hash  TEXT    NOT NULL,
    country        TEXT    NOT NULL,
    language       TEXT    NOT NULL,
    product_serial TEXT,
    role           TEXT    NOT NULL,
    created_at     BIGINT  NOT NULL,
    updated_at     BIGINT  NOT NULL
);

-- Single-use mailed links (verification, password reset). Only the token's hash is kept.
CREATE TABLE email_tokens (
    token_hash TEXT   PRIMARY KEY,
    account_id TEXT   NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    purpose    TEXT   NOT NULL,
    email      TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT
);
CREATE INDEX email_tokens_account ON email_tokens (account_id);

-- Bearer tokens of the user's devices and clients. Only the token's hash is kept.
CREATE TABLE api_tokens (
    id           TEXT   PRIMARY KEY,
    account_id   TEXT   NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    token_hash   TEXT   NOT NULL UNIQUE,
    device_name  TEXT   NOT NULL,
    created_at   BIGINT NOT NULL,
    last_used_at BIGINT
);
CREATE INDEX api_tokens_account ON api_tokens (account_id);

-- Requests to correct what self-service cannot change, tracked to resolution (I.2i).
CREATE TABLE correction_requests (
    id          TEXT   PRIMARY KEY,
    account_id  TEXT   NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    subject     TEXT   NOT NULL,
    details     TEXT   NOT NULL,
    status      TEXT   NOT NULL,
    answer      TEXT,
    resolved_by TEXT,
    created_at  BIGINT NOT NULL,
    resolved_at BIGINT
);
CREATE INDEX correction_requests_account ON correction_requests (account_id);
