-- A user name an account may choose, so other users can share with it by name. Unique; absent
-- until chosen.
CREATE TABLE usernames (
    account_id TEXT   PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    username   TEXT   NOT NULL UNIQUE,
    chosen_at  BIGINT NOT NULL
);
