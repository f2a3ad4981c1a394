-- The consent ledger, keyed (docs/consent-ledger.md). Entries are numbered over all subjects;
-- consent_chain holds their keyed MACs, computed by the server with a key kept outside the
-- database. Entries kept before this version are given positions in the order they were made
-- and are sealed into the chain on the first start.
CREATE TABLE consent_entries (
    position       BIGINT  PRIMARY KEY,
    subject_id     TEXT    NOT NULL,
    purpose        TEXT    NOT NULL,
    decision       TEXT    NOT NULL,
    policy_version INTEGER NOT NULL,
    notice_sha256  TEXT    NOT NULL,
    mechanism      TEXT    NOT NULL,
    origin         TEXT    NOT NULL,
    actor          TEXT    NOT NULL,
    occurred_at    BIGINT  NOT NULL
);

INSERT INTO consent_entries (position, subject_id, purpose, decision, policy_version, notice_sha256, mechanism,
                             origin, actor, occurred_at)
SELECT ROW_NUMBER() OVER (ORDER BY occurred_at, subject_id, seq), subject_id, purpose, decision, policy_version,
       notice_sha256, mechanism, origin, actor, occurred_at
FROM consent_events;

DROP TABLE consent_events;
ALTER TABLE consent_entries RENAME TO consent_events;
CREATE INDEX consent_events_subject ON consent_events (subject_id, position);

-- One link per entry, kept when an erasure removes the entry: the subject's pseudonym, the MAC
-- of the entry and the MAC chaining it to the link before.
CREATE TABLE consent_chain (
    position    BIGINT PRIMARY KEY,
    subject_mac TEXT   NOT NULL,
    entry_mac   TEXT   NOT NULL,
    chain_mac   TEXT   NOT NULL
);
CREATE INDEX consent_chain_subject ON consent_chain (subject_mac);

-- Signed heads of the chain, made every hour when it moved.
CREATE TABLE consent_checkpoints (
    position  BIGINT PRIMARY KEY,
    chain_mac TEXT   NOT NULL,
    made_at   BIGINT NOT NULL,
    signature TEXT   NOT NULL
);

-- Present only inside an erasure's transaction: the one subject whose entries may be deleted.
CREATE TABLE ledger_unlocks (
    subject_id TEXT PRIMARY KEY
);
