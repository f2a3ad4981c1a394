package dev.arca.library;

import dev.arca.library.internal.ItemRows;
import dev.arca.platform.Secrets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Albums: named, ordered selections of an account's items. An item can be in many albums. */
@Service
public class Albums {

    /** An album; {@code coverItemId} is the chosen cover, else its first item. */
    public record Album(String id, String name, String description, String coverItemId, int itemCount,
            Instant createdAt, Instant updatedAt) {}

    /** Some of the given item ids are not items of this account. */
    public static final class UnknownItemsException extends RuntimeException {
        UnknownItemsException() {
            super("unknown items", null, false, false);
        }
    }

    private static final String SELECT = "SELECT a.id, a.name, a.description, "
            + "COALESCE(a.cover_item_id, (SELECT ai.item_id FROM album_items ai WHERE ai.album_id = a.id "
            + "ORDER BY ai.position LIMIT 1)) AS cover, "
            + "(SELECT COUNT(*) FROM album_items ai WHERE ai.album_id = a.id) AS item_count, a.created_at, a.updated_at "
            + "FROM albums a ";

    private final JdbcClient jdbc;
    private final Library library;
    private final Clock clock;

    Albums(JdbcClient jdbc, Library library, Clock clock) {
        this.jdbc = jdbc;
        this.library = library;
        this.clock = clock;
    }

    public Album create(String accountId, String name, String description) {
        String id = Secrets.newId();
        long now = clock.millis();
        jdbc.sql("INSERT INTO albums (id, account_id, name, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, accountId, name, description, now, now).update();
        return find(accountId, id).orElseThrow();
    }

    public List<Album> list(String accountId) {
        return jdbc.sql(SELECT + "WHERE a.account_id = ? ORDER BY a.name, a.id").param(accountId)
                .query(Albums::album).list();
    }

    public Optional<Album> find(String accountId, String albumId) {
        return jdbc.sql(SELECT + "WHERE a.id = ? AND a.account_id = ?").params(albumId, accountId)
                .query(Albums::album).optional();
    }

    /** The album's items in their order, trashed ones left out. */
    public List<Item> items(String accountId, String albumId) {
        List<Item> items = jdbc.sql("SELECT " + ItemRows.COLUMNS + " FROM album_items ai JOIN items i ON i.id = ai.item_id "
                        + "LEFT JOIN item_metadata m ON m.item_id = i.id WHERE ai.album_id = ? AND ai.account_id = ? "
                        + "AND i.trashed_at IS NULL ORDER BY ai.position, i.id")
                .params(albumId, accountId)
                .query((rs, n) -> ItemRows.item(rs, List.of())).list();
        return library.withTags(items);
    }

    /** Changes name, description or cover; a null argument leaves that field as it is. */
    @Transactional
    public Optional<Album> update(String accountId, String albumId, String name, String description,
            String coverItemId) {
        if (find(accountId, albumId).isEmpty()) {
            return Optional.empty();
        }
        if (coverItemId != null && jdbc.sql("SELECT COUNT(*) FROM album_items WHERE album_id = ? AND item_id = ?")
                .params(albumId, coverItemId).query(Integer.class).single() == 0) {
            throw new UnknownItemsException();
        }
        jdbc.sql("UPDATE albums SET name = COALESCE(?, name), description = COALESCE(?, description), "
                        + "cover_item_id = COALESCE(?, cover_item_id), updated_at = ? WHERE id = ? AND account_id = ?")
                .params(name, description, coverItemId, clock.millis(), albumId, accountId).update();
        return find(accountId, albumId);
    }

    public boolean delete(String accountId, String albumId) {
        return jdbc.sql("DELETE FROM albums WHERE id = ? AND account_id = ?").params(albumId, accountId).update() > 0;
    }

    /** Adds items at the end, in the given order; items already in the album stay where they are. */
    @Transactional
    public Optional<Album> add(String accountId, String albumId, List<String> itemIds) {
        if (find(accountId, albumId).isEmpty()) {
            return Optional.empty();
        }
        requireOwned(accountId, itemIds);
        int position = jdbc.sql("SELECT COALESCE(MAX(position), -1) + 1 FROM album_items WHERE album_id = ?")
                .param(albumId).query(Integer.class).single();
        long now = clock.millis();
        for (String itemId : new LinkedHashSet<>(itemIds)) {
            position += jdbc.sql("INSERT INTO album_items (album_id, item_id, account_id, position, added_at) "
                            + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
                    .params(albumId, itemId, accountId, position, now).update();
        }
        touch(albumId);
        return find(accountId, albumId);
    }

    @Transactional
    public Optional<Album> remove(String accountId, String albumId, List<String> itemIds) {
        if (find(accountId, albumId).isEmpty()) {
            return Optional.empty();
        }
        for (String itemId : itemIds) {
            jdbc.sql("DELETE FROM album_items WHERE album_id = ? AND item_id = ?").params(albumId, itemId).update();
            jdbc.sql("UPDATE albums SET cover_item_id = NULL WHERE id = ? AND cover_item_id = ?")
                    .params(albumId, itemId).update();
        }
        touch(albumId);
        return find(accountId, albumId);
    }

    /**
     * Puts the album's items in the given order, which must name each of its items not in the
     * trash exactly once (the order people see). Items in the trash keep their place after them.
     */
    @Transactional
    public Optional<Album> reorder(String accountId, String albumId, List<String> itemIds) {
        if (find(accountId, albumId).isEmpty()) {
            return Optional.empty();
        }
        List<String> trashed = jdbc.sql("SELECT ai.item_id FROM album_items ai JOIN items i ON i.id = ai.item_id "
                        + "WHERE ai.album_id = ? AND i.trashed_at IS NOT NULL ORDER BY ai.position, ai.item_id")
                .param(albumId).query(String.class).list();
        Set<String> shown = new HashSet<>(jdbc.sql("SELECT ai.item_id FROM album_items ai JOIN items i ON i.id = ai.item_id "
                        + "WHERE ai.album_id = ? AND i.trashed_at IS NULL")
                .param(albumId).query(String.class).list());
        if (itemIds.size() != shown.size() || !shown.equals(new HashSet<>(itemIds))) {
            throw new UnknownItemsException();
        }
        List<String> order = new ArrayList<>(itemIds);
        order.addAll(trashed);
        for (int i = 0; i < order.size(); i++) {
            jdbc.sql("UPDATE album_items SET position = ? WHERE album_id = ? AND item_id = ?")
                    .params(i, albumId, order.get(i)).update();
        }
        touch(albumId);
        return find(accountId, albumId);
    }

    private void requireOwned(String accountId, List<String> itemIds) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(itemIds));
        if (distinct.isEmpty()) {
            return;
        }
        String marks = String.join(",", java.util.Collections.nCopies(distinct.size(), "?"));
        List<Object> params = new ArrayList<>(distinct);
        params.add(accountId);
        int owned = jdbc.sql("SELECT COUNT(*) FROM items WHERE id IN (" + marks + ") AND account_id = ?")
                .params(params).query(Integer.class).single();
        if (owned != distinct.size()) {
            throw new UnknownItemsException();
        }
    }

    private void touch(String albumId) {
        jdbc.sql("UPDATE albums SET updated_at = ? WHERE id = ?").params(clock.millis(), albumId).update();
    }

    private static Album album(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Album(rs.getString("id"), rs.getString("name"), rs.getString("description"), rs.getString("cover"),
                rs.getInt("item_count"), ItemRows.instant(rs, "created_at"), ItemRows.instant(rs, "updated_at"));
    }
}
