-- The consent ledger is append-only: no UPDATE, and no DELETE except an erasure's, which names
-- its subject in ledger_unlocks within its own transaction.
CREATE TRIGGER consent_events_no_update BEFORE UPDATE ON consent_events
BEGIN
    SELECT RAISE(ABORT, 'the consent ledger is append-only');
END;

CREATE TRIGGER consent_events_delete_by_erasure BEFORE DELETE ON consent_events
WHEN NOT EXISTS (SELECT 1 FROM ledger_unlocks WHERE subject_id = OLD.subject_id)
BEGIN
    SELECT RAISE(ABORT, 'consent ledger entries are removed only by erasure');
END;

CREATE TRIGGER consent_chain_no_update BEFORE UPDATE ON consent_chain
BEGIN
    SELECT RAISE(ABORT, 'the consent ledger is append-only');
END;

CREATE TRIGGER consent_chain_no_delete BEFORE DELETE ON consent_chain
BEGIN
    SELECT RAISE(ABORT, 'the consent ledger is append-only');
END;

CREATE TRIGGER consent_checkpoints_no_update BEFORE UPDATE ON consent_checkpoints
BEGIN
    SELECT RAISE(ABORT, 'the consent ledger is append-only');
END;

CREATE TRIGGER consent_checkpoints_no_delete BEFORE DELETE ON consent_checkpoints
BEGIN
    SELECT RAISE(ABORT, 'the consent ledger is append-only');
END;
