-- Finding an account's other copies of the same content (duplicate report after an upload).
CREATE INDEX items_account_sha256 ON items (account_id, sha256);
