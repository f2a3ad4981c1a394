-- Operator roles with least privilege (I.5): an account may hold several. The first administrator
-- (accounts.role = 'ADMIN') gets every role, so that a one-person installation keeps working; it
-- can hand roles to others and give up those it does not need.
CREATE TABLE staff_roles (
    account_id TEXT   NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    role       TEXT   NOT NULL,
    granted_at BIGINT NOT NULL,
    PRIMARY KEY (account_id, role)
);
INSERT INTO staff_roles (account_id, role, granted_at) SELECT id, 'ADMIN', created_at FROM accounts WHERE role = 'ADMIN';
INSERT INTO staff_roles (account_id, role, granted_at) SELECT id, 'OPERATOR', created_at FROM accounts WHERE role = 'ADMIN';
INSERT INTO staff_roles (account_id, role, granted_at) SELECT id, 'SUPPORT', created_at FROM accounts WHERE role = 'ADMIN';
INSERT INTO staff_roles (account_id, role, granted_at) SELECT id, 'PRIVACY_OFFICER', created_at FROM accounts WHERE role = 'ADMIN';

-- The operator access log (I.5): every read or change of a person's data by an operator, with
-- the stated reason. Operator and person are named by keyed pseudonyms. Entries are chained by
-- keyed MACs in access_log_chain, which erasure leaves in place; see docs/access-log.md.
CREATE TABLE access_log (
    position    BIGINT PRIMARY KEY,
    operator    TEXT   NOT NULL,
    role        TEXT   NOT NULL,
    action      TEXT   NOT NULL,
    subject     TEXT   NOT NULL,
    reason      TEXT   NOT NULL,
    occurred_at BIGINT NOT NULL
);
CREATE INDEX access_log_subject ON access_log (subject, position);

CREATE TABLE access_log_chain (
    position  BIGINT PRIMARY KEY,
    subject   TEXT   NOT NULL,
    entry_mac TEXT   NOT NULL,
    chain_mac TEXT   NOT NULL
);
