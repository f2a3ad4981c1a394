-- Arca users a share is shared with: it shows in their "Shared with me". A contributor may add
-- to a shared album; what they add is stored in the owner's library.
CREATE TABLE share_members (
    share_id   TEXT   NOT NULL REFERENCES shares (id) ON DELETE CASCADE,
    account_id TEXT   NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    member_id  TEXT   NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    role       TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (share_id, member_id)
);
CREATE INDEX share_members_member ON share_members (member_id);

-- Each account's sharing settings; notify_contributions is off unless the owner turns it on.
CREATE TABLE sharing_settings (
    account_id           TEXT    PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    notify_contributions BOOLEAN NOT NULL
);

-- Invitations to Arca ("invite a friend"). The invited address is kept only until the invitation
-- is accepted (an account is registered with it) or expires.
CREATE TABLE invitations (
    id         TEXT   PRIMARY KEY,
    account_id TEXT   NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    email      TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX invitations_email ON invitations (email);
