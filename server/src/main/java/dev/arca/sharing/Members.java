package dev.arca.sharing;

import dev.arca.platform.Secrets;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Shares with other Arca users: members see the share in their "Shared with me" as viewers, or
 * as contributors who may add to a shared album. The share's rules (expiry, originals, metadata)
 * apply to them as to anyone with the link; revoking the share ends their access too.
 */
@Service
class Members {

    enum Role { VIEWER, CONTRIBUTOR }

    /** A member as the owner sees them. */
    /**
     * A member as the owner sees it: what the owner typed to add them (an address or a user
     * name) under an id of the entry's own, the same whether or not an address has an account.
     */
    record Member(String id, String name, Role role, Instant since) {}

    /** A share as a member sees it. */
    record SharedWithMe(String shareId, String ownerName, String title, String albumId, Role role, Instant expiresAt,
            boolean downloads, Instant since) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    private final ForgottenRecipients forgotten;

    Members(JdbcClient jdbc, Clock clock, ForgottenRecipients forgotten) {
        this.forgotten = forgotten;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Adds (or re-adds) a member; {@code addedAs} is what the owner typed, shown in the owner's list. */
    void add(String ownerId, String shareId, String memberId, Role role, String addedAs) {
        jdbc.sql("DELETE FROM share_members WHERE share_id = ? AND member_id = ?").params(shareId, memberId).update();
        jdbc.sql("INSERT INTO share_members (share_id, account_id, member_id, role, created_at, entry_id, added_as) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(shareId, ownerId, memberId, role.name(), clock.millis(), Secrets.newId(), addedAs).update();
    }

    /**
     * The share's members as the owner sees them, with the addresses without an account that
     * were added the same way, oldest first: each by what the owner typed, under an entry id.
     */
    List<Member> of(String ownerId, String shareId) {
        return jdbc.sql("""
                        SELECT COALESCE(m.entry_id, m.member_id), COALESCE(m.added_as, a.name), m.role, m.created_at
                        FROM share_members m JOIN accounts a ON a.id = m.member_id
                        WHERE m.account_id = ? AND m.share_id = ?
                        UNION ALL
                        SELECT r.id, r.email, r.member_role, r.created_at FROM share_recipients r
                        WHERE r.account_id = ? AND r.share_id = ? AND r.member_role IS NOT NULL
                        ORDER BY 4""")
                .params(ownerId, shareId, ownerId, shareId)
                .query((rs, n) -> new Member(rs.getString(1), rs.getString(2), Role.valueOf(rs.getString(3)),
                        Instant.ofEpochMilli(rs.getLong(4))))
                .list();
    }

    /** Removes a member, or an address added as one, by its entry id; false when the share has no such entry. */
    boolean remove(String ownerId, String shareId, String entryId) {
        if (jdbc.sql("DELETE FROM share_members WHERE account_id = ? AND share_id = ? "
                        + "AND COALESCE(entry_id, member_id) = ?")
                .params(ownerId, shareId, entryId).update() > 0) {
            return true;
        }
        String entry = "account_id = ? AND share_id = ? AND id = ? AND member_role IS NOT NULL";
        List<String> address = jdbc.sql("SELECT email FROM share_recipients WHERE " + entry)
                .params(ownerId, shareId, entryId).query(String.class).list();
        boolean removed = jdbc.sql("DELETE FROM share_recipients WHERE " + entry).params(ownerId, shareId, entryId)
                .update() > 0;
        if (removed) {
            forgotten.removed(address);
        }
        return removed;
    }

    /** The live shares a user is a member of, newest first. */
    List<SharedWithMe> sharedWith(String memberId) {
        return jdbc.sql("SELECT s.id, a.name, s.title, s.album_id, m.role, s.expires_at, s.allow_originals, m.created_at "
                        + "FROM share_members m JOIN shares s ON s.id = m.share_id JOIN accounts a ON a.id = s.account_id "
                        + "WHERE m.member_id = ? AND (s.expires_at IS NULL OR s.expires_at > ?) ORDER BY m.created_at DESC")
                .params(memberId, clock.millis())
                .query((rs, n) -> {
                    long expires = rs.getLong(6);
                    boolean never = rs.wasNull();
                    return new SharedWithMe(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            Role.valueOf(rs.getString(5)), never ? null : Instant.ofEpochMilli(expires),
                            rs.getBoolean(7), Instant.ofEpochMilli(rs.getLong(8)));
                })
                .list();
    }

    /** The user's role in a share, when they are a member. */
    Optional<Role> role(String memberId, String shareId) {
        return jdbc.sql("SELECT role FROM share_members WHERE member_id = ? AND share_id = ?")
                .params(memberId, shareId).query(String.class).optional().map(Role::valueOf);
    }

    boolean notifiesContributions(String ownerId) {
        return jdbc.sql("SELECT notify_contributions FROM sharing_settings WHERE account_id = ?").param(ownerId)
                .query(Boolean.class).optional().orElse(false);
    }

    void notifyContributions(String ownerId, boolean on) {
        jdbc.sql("DELETE FROM sharing_settings WHERE account_id = ?").param(ownerId).update();
        jdbc.sql("INSERT INTO sharing_settings (account_id, notify_contributions) VALUES (?, ?)").params(ownerId, on)
                .update();
    }
}
