package dev.arca.sharing;

import static dev.arca.privacy.DataTable.Column.personal;
import static dev.arca.privacy.DataTable.Column.secret;

import dev.arca.privacy.DataMapContribution;
import dev.arca.privacy.DataTable;
import dev.arca.privacy.Purpose;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;

/** Share links (I.2d): held to deliver what the user shares, until revoked, or a day after they expire. */
@Component
class SharingDataMap implements DataMapContribution {

    private static final String LIFE = "until revoked, or a day after the share expires";
    private static final String INVITATION_LIFE = "until the invitation is accepted or expires (14 days)";
    /** A recipient's address serves only to deliver and manage that share. */
    private static final String RECIPIENT_LIFE = "until the recipient is removed, or the share is revoked or expires";
    /**
     * Rows addressed to a person are also theirs: the share someone sent to their address, the
     * invitation to it. Addresses are compared as typed and as registered, ignoring case.
     */
    private static final String TO_ADDRESS = "LOWER(email) = (SELECT LOWER(email) FROM accounts WHERE id = ?)";

    @Override
    public List<DataTable> tables() {
        return List.of(
                table("shares", "id", "account_id", "token_hash", "album_id", "title", "password_hash", "expires_at",
                        "max_downloads", "downloads", "views", "allow_originals", "keep_metadata", "created_at"),
                table("share_items", "share_id", "item_id", "account_id", "position"),
                DataTable.ofSubject("share_recipients", "account_id",
                        personal("id", "share recipient", Purpose.SHARING_DELIVERY, RECIPIENT_LIFE),
                        personal("share_id", "share recipient", Purpose.SHARING_DELIVERY, RECIPIENT_LIFE),
                        personal("account_id", "identifier", Purpose.SHARING_DELIVERY, RECIPIENT_LIFE),
                        personal("email", "recipient's contact", Purpose.SHARING_DELIVERY, RECIPIENT_LIFE),
                        secret("token_hash", "credential", Purpose.SHARING_DELIVERY, RECIPIENT_LIFE),
                        personal("created_at", "share recipient", Purpose.SHARING_DELIVERY, RECIPIENT_LIFE),
                        personal("member_role", "share recipient", Purpose.SHARING_DELIVERY, RECIPIENT_LIFE))
                        .alsoFoundBy(TO_ADDRESS),
                // A membership is the owner's (who shared) and the member's (shared with): both
                // see it, and it goes when either is erased; the owner's share itself stays theirs.
                table("share_members", "share_id", "account_id", "member_id", "role", "created_at", "entry_id", "added_as")
                        .alsoFoundBy("member_id = ?"),
                table("sharing_settings", "account_id", "notify_contributions"),
                DataTable.ofSubject("invitations", "account_id",
                        personal("id", "invitation", Purpose.SHARING_DELIVERY, INVITATION_LIFE),
                        personal("account_id", "identifier", Purpose.SHARING_DELIVERY, INVITATION_LIFE),
                        personal("email", "invited person's contact", Purpose.SHARING_DELIVERY, INVITATION_LIFE),
                        personal("created_at", "invitation", Purpose.SHARING_DELIVERY, INVITATION_LIFE),
                        personal("expires_at", "invitation", Purpose.SHARING_DELIVERY, INVITATION_LIFE))
                        .alsoFoundBy(TO_ADDRESS));
    }

    /** The link's token and password are kept as hashes, classified as secrets: never exported. */
    private static DataTable table(String name, String... columns) {
        return DataTable.ofSubject(name, "account_id", Arrays.stream(columns)
                .map(c -> c.endsWith("_hash") ? secret(c, "credential", Purpose.SHARING_DELIVERY, LIFE)
                        : personal(c, "share", Purpose.SHARING_DELIVERY, LIFE))
                .toArray(DataTable.Column[]::new));
    }
}
