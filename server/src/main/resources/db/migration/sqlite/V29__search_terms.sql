-- The text search index (docs/search.md): every folded word of an item's own text, once per
-- item. Terms compare as bytes (SQLite's BINARY), so a prefix is a range of the index.
CREATE TABLE search_terms (
    item_id    TEXT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    term       TEXT NOT NULL,
    PRIMARY KEY (item_id, term)
);
CREATE INDEX search_terms_by_term ON search_terms (account_id, term, item_id);
-- The version of the word rules an item's terms were made with; NULL: not indexed yet.
ALTER TABLE items ADD COLUMN terms_version INTEGER;
