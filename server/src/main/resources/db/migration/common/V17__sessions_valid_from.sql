-- Web sessions of an account signed in before this time (epoch milliseconds) no longer hold:
-- set when the password is changed or reset, or an address change is undone. Kept in the
-- database so that every node ends the same sessions.
ALTER TABLE accounts ADD COLUMN sessions_valid_from BIGINT NOT NULL DEFAULT 0;
