package dev.arca.sharing;

import dev.arca.library.Albums;
import dev.arca.library.Item;
import dev.arca.library.Library;
import dev.arca.platform.Secrets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The share links of each account. A link's token has 256 random bits and is kept only as its
 * SHA-256; the owner sees it once, when the share is made. Revoking deletes the share at once.
 */
@Service
class Shares {

    /** A share as its owner sees it. */
    record Share(String id, String albumId, String title, boolean hasPassword, Instant expiresAt, Integer maxDownloads,
            int downloads, int views, boolean allowOriginals, boolean keepMetadata, Instant createdAt, int items) {}

    /** What a link leads to: a share and its owner, and the recipient whose link it is (or null). */
    record Found(String accountId, Share share, String passwordHash, String recipientId) {
        boolean expired(Clock clock) {
            return share.expiresAt() != null && !share.expiresAt().isAfter(clock.instant());
        }
    }

    /** A new share: its id and the token of its link. */
    record Created(Share share, String token) {}

    /** What the owner asks for. */
    record Request(List<String> itemIds, String albumId, String title, String password, Instant expiresAt,
            Integer maxDownloads, boolean allowOriginals, boolean keepMetadata) {}

    /** Items or an album the owner does not have. */
    static final class UnknownContentException extends RuntimeException {
        UnknownContentException() {
            super("unknown items or album", null, false, false);
        }
    }

    private static final String COLUMNS = "s.id, s.album_id, s.title, s.password_hash, s.expires_at, s.max_downloads, "
            + "s.downloads, s.views, s.allow_originals, s.keep_metadata, s.created_at, "
            + "(SELECT COUNT(*) FROM share_items i WHERE i.share_id = s.id), s.account_id";

    private final PasswordEncoder passwords = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Library library;
    private final Albums albums;
    private final Clock clock;
    private final ForgottenRecipients forgotten;

    Shares(JdbcClient jdbc, TransactionTemplate tx, Library library, Albums albums, Clock clock,
            ForgottenRecipients forgotten) {
        this.jdbc = jdbc;
        this.forgotten = forgotten;
        this.tx = tx;
        this.library = library;
        this.albums = albums;
        this.clock = clock;
    }

    Created create(String accountId, Request request) {
        if (request.albumId() != null) {
            albums.find(accountId, request.albumId()).orElseThrow(UnknownContentException::new);
        } else {
            for (String itemId : request.itemIds()) {
                library.find(accountId, itemId).filter(i -> i.trashedAt() == null)
                        .orElseThrow(UnknownContentException::new);
            }
        }
        String id = Secrets.newId();
        String token = Secrets.newToken("");
        String hash = request.password() == null ? null : passwords.encode(request.password());
        long now = clock.millis();
        tx.executeWithoutResult(status -> {
            jdbc.sql("INSERT INTO shares (id, account_id, token_hash, album_id, title, password_hash, expires_at, "
                            + "max_downloads, downloads, views, allow_originals, keep_metadata, created_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?)")
                    .params(id, accountId, Secrets.sha256Hex(token), request.albumId(), request.title(), hash,
                            request.expiresAt() == null ? null : request.expiresAt().toEpochMilli(),
                            request.maxDownloads(), request.allowOriginals(), request.keepMetadata(), now)
                    .update();
            if (request.albumId() == null) {
                int position = 0;
                for (String itemId : request.itemIds().stream().distinct().toList()) {
                    jdbc.sql("INSERT INTO share_items (share_id, item_id, account_id, position) VALUES (?, ?, ?, ?)")
                            .params(id, itemId, accountId, position++).update();
                }
            }
        });
        return new Created(find(accountId, id).orElseThrow(), token);
    }

    List<Share> list(String accountId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM shares s WHERE s.account_id = ? ORDER BY s.created_at DESC, s.id")
                .param(accountId).query((rs, n) -> share(rs)).list();
    }

    Optional<Share> find(String accountId, String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM shares s WHERE s.account_id = ? AND s.id = ?")
                .params(accountId, id).query((rs, n) -> share(rs)).optional();
    }

    /** Revokes a share: its link stops working at once, and its recipients' addresses go with it. */
    boolean revoke(String accountId, String id) {
        List<String> addresses = forgotten.ofShare(id);
        boolean revoked = jdbc.sql("DELETE FROM shares WHERE account_id = ? AND id = ?").params(accountId, id).update() > 0;
        if (revoked) {
            forgotten.removed(addresses);
        }
        return revoked;
    }

    /** A share by id, as its members reach it (expired or not). */
    Optional<Found> byId(String shareId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM shares s WHERE s.id = ?").param(shareId)
                .query((rs, n) -> new Found(rs.getString(13), share(rs), rs.getString(4), null)).optional();
    }

    /** The share a link's token leads to, expired or not. */
    Optional<Found> byToken(String token) {
        if (token == null || token.length() < 20 || token.length() > 100) {
            return Optional.empty();
        }
        String hash = Secrets.sha256Hex(token);
        Optional<Found> shared = jdbc.sql("SELECT " + COLUMNS + " FROM shares s WHERE s.token_hash = ?").param(hash)
                .query((rs, n) -> new Found(rs.getString(13), share(rs), rs.getString(4), null)).optional();
        if (shared.isPresent()) {
            return shared;
        }
        return jdbc.sql("SELECT " + COLUMNS + ", r.id FROM share_recipients r JOIN shares s ON s.id = r.share_id "
                        + "WHERE r.token_hash = ?").param(hash)
                .query((rs, n) -> new Found(rs.getString(13), share(rs), rs.getString(4), rs.getString(14))).optional();
    }

    /** A person a share was sent to. */
    record Recipient(String id, String email, Instant createdAt) {}

    /** A recipient just added, with the token of their own link (shown once, in their mail). */
    record Added(Recipient recipient, String token) {}

    /** Adds recipients to one of the owner's shares, each with a link of their own; empty when there is no such share. */
    Optional<List<Added>> addRecipients(String accountId, String shareId, List<String> emails) {
        return addRecipients(accountId, shareId, emails, null);
    }

    /**
     * The same, for addresses added through the members list: they are listed there with
     * {@code memberRole}, not among the recipients.
     */
    Optional<List<Added>> addRecipients(String accountId, String shareId, List<String> emails, Members.Role memberRole) {
        if (find(accountId, shareId).isEmpty()) {
            return Optional.empty();
        }
        List<Added> added = new ArrayList<>();
        long now = clock.millis();
        for (String email : emails) {
            String id = Secrets.newId();
            String token = Secrets.newToken("");
            jdbc.sql("INSERT INTO share_recipients (id, share_id, account_id, email, token_hash, created_at, member_role) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?)")
                    .params(id, shareId, accountId, email, Secrets.sha256Hex(token), now,
                            memberRole == null ? null : memberRole.name()).update();
            added.add(new Added(new Recipient(id, email, Instant.ofEpochMilli(now)), token));
        }
        return Optional.of(added);
    }

    List<Recipient> recipients(String accountId, String shareId) {
        return jdbc.sql("SELECT id, email, created_at FROM share_recipients WHERE account_id = ? AND share_id = ? "
                        + "AND member_role IS NULL ORDER BY created_at, id")
                .params(accountId, shareId)
                .query((rs, n) -> new Recipient(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3))))
                .list();
    }

    /**
     * Removes a recipient: their link stops working, and their address is deleted with the mail
     * still waiting for it.
     */
    boolean removeRecipient(String accountId, String shareId, String recipientId) {
        List<String> address = jdbc.sql("SELECT email FROM share_recipients WHERE account_id = ? AND share_id = ? "
                        + "AND id = ? AND member_role IS NULL")
                .params(accountId, shareId, recipientId).query(String.class).list();
        boolean removed = jdbc.sql("DELETE FROM share_recipients WHERE account_id = ? AND share_id = ? AND id = ? "
                        + "AND member_role IS NULL")
                .params(accountId, shareId, recipientId).update() > 0;
        if (removed) {
            forgotten.removed(address);
        }
        return removed;
    }

    boolean passwordMatches(Found found, String password) {
        return password != null && password.length() <= 1000 && passwords.matches(password, found.passwordHash());
    }

    /** The shared items in order, without any the owner has trashed since. */
    List<Item> items(Found found) {
        List<Item> items;
        if (found.share().albumId() != null) {
            items = albums.items(found.accountId(), found.share().albumId());
        } else {
            items = new ArrayList<>();
            for (String itemId : jdbc.sql("SELECT item_id FROM share_items WHERE share_id = ? ORDER BY position")
                    .param(found.share().id()).query(String.class).list()) {
                library.find(found.accountId(), itemId).ifPresent(items::add);
            }
        }
        return items.stream().filter(i -> i.trashedAt() == null).toList();
    }

    void countView(Found found) {
        jdbc.sql("UPDATE shares SET views = views + 1 WHERE id = ?").param(found.share().id()).update();
    }

    /** The whole downloads a share has delivered so far (see {@link DownloadTally}); 0 once it is gone. */
    int downloads(String shareId) {
        return jdbc.sql("SELECT downloads FROM shares WHERE id = ?").param(shareId).query(Integer.class).optional()
                .orElse(0);
    }

    /** Adds whole downloads to a share's count. */
    void addDownloads(String shareId, int whole) {
        jdbc.sql("UPDATE shares SET downloads = downloads + ? WHERE id = ?").params(whole, shareId).update();
    }

    /**
     * Deletes the recipients of expired shares, and shares that expired a day ago or more (until
     * then their links answer 410).
     */
    @org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "${arca.sharing.purge-interval:10m}",
            initialDelayString = "${arca.sharing.purge-delay:5m}")
    int purgeExpired() {
        // Recipients' addresses go at once; the expired share answers 410 for a day, then goes too.
        long now = clock.millis();
        String expired = "share_id IN (SELECT id FROM shares WHERE expires_at IS NOT NULL AND expires_at <= ?)";
        List<String> addresses = jdbc.sql("SELECT email FROM share_recipients WHERE " + expired).param(now)
                .query(String.class).list();
        jdbc.sql("DELETE FROM share_recipients WHERE " + expired).param(now).update();
        forgotten.removed(addresses);
        return jdbc.sql("DELETE FROM shares WHERE expires_at IS NOT NULL AND expires_at < ?")
                .param(clock.millis() - 86_400_000L).update();
    }

    private static Share share(java.sql.ResultSet rs) throws java.sql.SQLException {
        long expires = rs.getLong(5);
        boolean noExpiry = rs.wasNull();
        int max = rs.getInt(6);
        boolean noMax = rs.wasNull();
        return new Share(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4) != null,
                noExpiry ? null : Instant.ofEpochMilli(expires), noMax ? null : max, rs.getInt(7), rs.getInt(8),
                rs.getBoolean(9), rs.getBoolean(10), Instant.ofEpochMilli(rs.getLong(11)), rs.getInt(12));
    }
}
