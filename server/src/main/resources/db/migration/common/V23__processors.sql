-- The processor register (I.4b): every outside service that receives personal data on Arca's
-- behalf, with its contract and the basis for any transfer abroad. The egress gate refuses a
-- destination that is not here and active. See docs/processors.md.
CREATE TABLE processors (
    id                 TEXT   PRIMARY KEY,
    name               TEXT   NOT NULL,
    service            TEXT   NOT NULL,
    destination        TEXT   NOT NULL,
    contract_reference TEXT   NOT NULL,
    contract_date      TEXT   NOT NULL,
    country            TEXT   NOT NULL,
    adequacy           TEXT   NOT NULL,
    purposes           TEXT   NOT NULL,
    categories         TEXT   NOT NULL,
    status             TEXT   NOT NULL,
    registered_at      BIGINT NOT NULL,
    updated_at         BIGINT NOT NULL,
    UNIQUE (service, destination)
);

-- One row per transfer through the egress gate: to whom, why, what kinds of data, whose (a keyed
-- pseudonym, never the id or address itself), how many bytes and when. Never the contents.
CREATE TABLE processor_transfers (
    id           TEXT   PRIMARY KEY,
    processor_id TEXT   NOT NULL REFERENCES processors (id),
    purpose      TEXT   NOT NULL,
    categories   TEXT   NOT NULL,
    subject      TEXT,
    bytes        BIGINT NOT NULL,
    occurred_at  BIGINT NOT NULL
);
CREATE INDEX processor_transfers_subject ON processor_transfers (subject, occurred_at);
