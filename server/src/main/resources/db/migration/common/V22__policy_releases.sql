-- Policy versions follow the code: each carries its full text, what changed, and the snapshot of
-- purposes and data map it describes, as the release published it. Versions adopted before are
-- completed from the release at start-up.
ALTER TABLE policy_versions ADD COLUMN changes TEXT NOT NULL DEFAULT '';
ALTER TABLE policy_versions ADD COLUMN full_text TEXT NOT NULL DEFAULT '';
ALTER TABLE policy_versions ADD COLUMN snapshot TEXT NOT NULL DEFAULT '';

-- Which account was told of which version by e-mail. A row is claimed before the mail is sent,
-- so each account is told once, whichever node sends.
CREATE TABLE policy_announcements (
    account_id TEXT    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    version    INTEGER NOT NULL,
    mailed_at  BIGINT  NOT NULL,
    PRIMARY KEY (account_id, version)
);
