-- Moves on the timeline (docs/search.md, "Paging"): each change of an item's taken_at, numbered
-- per account in the order the changes commit, with the date it had before. A page after the
-- first lists an item where it was when the first page was listed, so paging through the
-- timeline neither repeats nor skips an item that metadata extraction or an edit moves meanwhile.
CREATE TABLE timeline_clocks (
    account_id TEXT   PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    -- The number of the account's latest move. Moves update this row first, so they take turns
    -- and commit in the order of their numbers on either database.
    seq        BIGINT NOT NULL
);
CREATE TABLE timeline_moves (
    account_id    TEXT   NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    seq           BIGINT NOT NULL,
    item_id       TEXT   NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    from_taken_at BIGINT NOT NULL,
    moved_at      BIGINT NOT NULL,
    PRIMARY KEY (account_id, seq)
);
CREATE INDEX timeline_moves_by_item ON timeline_moves (item_id, seq);
