-- How many items (not in the trash) each day of an account's timeline has, kept as items are
-- added, moved, trashed and restored, so the timeline's scrubber reads a few thousand rows rather
-- than every item. day is floor(taken_at / 86400000): days since 1970-01-01 (UTC).
CREATE TABLE timeline_days (
    account_id TEXT   NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    day        BIGINT NOT NULL,
    items      BIGINT NOT NULL,
    PRIMARY KEY (account_id, day)
);
INSERT INTO timeline_days (account_id, day, items)
SELECT account_id, day, COUNT(*) FROM (
    SELECT account_id, CASE WHEN taken_at < 0 AND taken_at % 86400000 <> 0 THEN taken_at / 86400000 - 1
                            ELSE taken_at / 86400000 END AS day
    FROM items WHERE trashed_at IS NULL) d
GROUP BY account_id, day;
