-- Chunks sealed together in one blob (docs/storage-format.md, "Packs"): a chunk with a pack lies
-- at pack_offset in the blob <account>/p/<pack>, sealed_length bytes long; one without lies alone
-- under <account>/c/<hash>, as before.
ALTER TABLE chunks ADD COLUMN pack TEXT;
ALTER TABLE chunks ADD COLUMN pack_offset BIGINT;
ALTER TABLE chunks ADD COLUMN sealed_length INTEGER;
CREATE INDEX chunks_by_pack ON chunks (account_id, pack) WHERE pack IS NOT NULL;
