-- People a share was sent to by e-mail, each with a link of their own. The address is used only
-- to deliver and manage that share, and is deleted when the recipient is removed, or the share is
-- revoked or expires.
CREATE TABLE share_recipients (
    id         TEXT   PRIMARY KEY,
    share_id   TEXT   NOT NULL REFERENCES shares (id) ON DELETE CASCADE,
    account_id TEXT   NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    email      TEXT   NOT NULL,
    token_hash TEXT   NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);
CREATE INDEX share_recipients_share ON share_recipients (share_id);
