-- The consent ledger is append-only: no UPDATE, no TRUNCATE, and no DELETE except an erasure's,
-- which names its subject in ledger_unlocks within its own transaction.
CREATE FUNCTION consent_ledger_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Nested, not joined by AND: OLD of the other tables has no subject_id.
    IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'consent_events' THEN
        IF EXISTS (SELECT 1 FROM ledger_unlocks WHERE subject_id = OLD.subject_id) THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION 'consent ledger entries are removed only by erasure';
    END IF;
    RAISE EXCEPTION 'the consent ledger is append-only';
END
$$;

CREATE TRIGGER consent_events_guard BEFORE UPDATE OR DELETE ON consent_events
    FOR EACH ROW EXECUTE FUNCTION consent_ledger_guard();
CREATE TRIGGER consent_events_no_truncate BEFORE TRUNCATE ON consent_events
    FOR EACH STATEMENT EXECUTE FUNCTION consent_ledger_guard();
CREATE TRIGGER consent_chain_guard BEFORE UPDATE OR DELETE ON consent_chain
    FOR EACH ROW EXECUTE FUNCTION consent_ledger_guard();
CREATE TRIGGER consent_chain_no_truncate BEFORE TRUNCATE ON consent_chain
    FOR EACH STATEMENT EXECUTE FUNCTION consent_ledger_guard();
CREATE TRIGGER consent_checkpoints_guard BEFORE UPDATE OR DELETE ON consent_checkpoints
    FOR EACH ROW EXECUTE FUNCTION consent_ledger_guard();
CREATE TRIGGER consent_checkpoints_no_truncate BEFORE TRUNCATE ON consent_checkpoints
    FOR EACH STATEMENT EXECUTE FUNCTION consent_ledger_guard();
