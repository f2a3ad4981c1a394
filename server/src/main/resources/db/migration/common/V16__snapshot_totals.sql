-- What the backups page lists of each snapshot, counted once when it is saved rather than by
-- reading every snapshot's whole body on each view. Null for snapshots saved before.
ALTER TABLE backup_snapshots ADD COLUMN files BIGINT;
ALTER TABLE backup_snapshots ADD COLUMN bytes BIGINT;
