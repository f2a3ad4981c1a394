-- The access log is append-only: no UPDATE, and no DELETE except an erasure's, which names the
-- subject's pseudonym in ledger_unlocks within its own transaction.
CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
BEGIN
    SELECT RAISE(ABORT, 'the access log is append-only');
END;

CREATE TRIGGER access_log_delete_by_erasure BEFORE DELETE ON access_log
WHEN NOT EXISTS (SELECT 1 FROM ledger_unlocks WHERE subject_id = OLD.subject)
BEGIN
    SELECT RAISE(ABORT, 'access log entries are removed only by erasure');
END;

CREATE TRIGGER access_log_chain_no_update BEFORE UPDATE ON access_log_chain
BEGIN
    SELECT RAISE(ABORT, 'the access log is append-only');
END;

CREATE TRIGGER access_log_chain_no_delete BEFORE DELETE ON access_log_chain
BEGIN
    SELECT RAISE(ABORT, 'the access log is append-only');
END;
