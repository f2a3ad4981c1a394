-- The owner's list of a share's members shows what the owner typed (an address or a user name)
-- under an id of its own, never the member's account id or name: whether an address has an
-- account must not show. Rows from before keep showing the account's name under its id.
ALTER TABLE share_members ADD COLUMN entry_id TEXT;
ALTER TABLE share_members ADD COLUMN added_as TEXT;
-- An address without an account added through the members list gets a link by mail, as any
-- recipient, but is listed among the members with the role it was given; null for recipients
-- added as recipients.
ALTER TABLE share_recipients ADD COLUMN member_role TEXT;
