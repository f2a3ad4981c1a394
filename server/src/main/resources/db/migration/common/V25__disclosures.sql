-- The disclosure register (I.4c): each request of an authority, decided case by case and recorded
-- with its legal basis, scope and decision. See docs/disclosures.md.
CREATE TABLE disclosures (
    id              TEXT   PRIMARY KEY,
    authority       TEXT   NOT NULL,
    kind            TEXT   NOT NULL,
    legal_basis     TEXT   NOT NULL,
    reference       TEXT   NOT NULL,
    scope           TEXT   NOT NULL,
    period_from     TEXT,
    period_to       TEXT,
    received_on     TEXT   NOT NULL,
    decision        TEXT   NOT NULL,
    decision_reason TEXT   NOT NULL,
    decided_on      TEXT,
    gag_until       TEXT,
    told_on         TEXT,
    recorded_by     TEXT   NOT NULL,
    recorded_at     BIGINT NOT NULL,
    exported_at     BIGINT,
    exported_by     TEXT
);

-- The accounts a request concerns. A row becomes the person's (shown, exported, erased with the
-- account) once released: when the request is decided and any gag has ended. Until then it is
-- kept whatever happens to the account, as the law that imposed the gag requires.
CREATE TABLE disclosure_subjects (
    disclosure_id TEXT   NOT NULL REFERENCES disclosures (id),
    account_id    TEXT   NOT NULL,
    released_at   BIGINT,
    PRIMARY KEY (disclosure_id, account_id)
);
CREATE INDEX disclosure_subjects_account ON disclosure_subjects (account_id);
