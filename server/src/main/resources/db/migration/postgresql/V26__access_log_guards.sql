-- The access log is append-only: no UPDATE, no TRUNCATE, and no DELETE except an erasure's,
-- which names the subject's pseudonym in ledger_unlocks within its own transaction.
CREATE FUNCTION access_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Nested, not joined by AND: OLD of the chain has no reason to be deleted at all.
    IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'access_log' THEN
        IF EXISTS (SELECT 1 FROM ledger_unlocks WHERE subject_id = OLD.subject) THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION 'access log entries are removed only by erasure';
    END IF;
    RAISE EXCEPTION 'the access log is append-only';
END
$$;

CREATE TRIGGER access_log_guard BEFORE UPDATE OR DELETE ON access_log
    FOR EACH ROW EXECUTE FUNCTION access_log_guard();
CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
    FOR EACH STATEMENT EXECUTE FUNCTION access_log_guard();
CREATE TRIGGER access_log_chain_guard BEFORE UPDATE OR DELETE ON access_log_chain
    FOR EACH ROW EXECUTE FUNCTION access_log_guard();
CREATE TRIGGER access_log_chain_no_truncate BEFORE TRUNCATE ON access_log_chain
    FOR EACH STATEMENT EXECUTE FUNCTION access_log_guard();
