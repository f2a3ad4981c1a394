-- Newsletter subscriptions (I.6): pending from the opt-in until the link in the confirmation mail
-- is used, then confirmed. Withdrawing the consent (unsubscribe, account page, operator) deletes
-- the row; the consent ledger keeps the history.
CREATE TABLE newsletter_subscriptions (
    account_id         TEXT   PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    state              TEXT   NOT NULL,
    confirm_token_hash TEXT,
    requested_at       BIGINT NOT NULL,
    confirmed_at       BIGINT
);
CREATE INDEX newsletter_confirm ON newsletter_subscriptions (confirm_token_hash);

-- Each newsletter sent by an administrator, with counts only.
CREATE TABLE newsletters (
    id         TEXT    PRIMARY KEY,
    subject    TEXT    NOT NULL,
    sent       INTEGER NOT NULL,
    skipped    INTEGER NOT NULL,
    created_at BIGINT  NOT NULL
);
