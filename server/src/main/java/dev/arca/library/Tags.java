package dev.arca.library;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** An account's free tags: listed with their use counts, renamed, merged, removed. */
@Service
public class Tags {

    public record Tag(String name, long count) {}

    private final JdbcClient jdbc;
    private final Library library;

    Tags(JdbcClient jdbc, Library library) {
        this.jdbc = jdbc;
        this.library = library;
    }

    public List<Tag> list(String accountId) {
        return jdbc.sql("SELECT t.name, COUNT(it.item_id) FROM tags t LEFT JOIN item_tags it ON it.tag_id = t.id "
                        + "WHERE t.account_id = ? GROUP BY t.id, t.name ORDER BY t.name")
                .param(accountId).query((rs, n) -> new Tag(rs.getString(1), rs.getLong(2))).list();
    }

    /**
     * Renames a tag; when the new name is already a tag, merges into it. False when the
     * account has no tag of that name.
     */
    @Transactional
    public boolean rename(String accountId, String from, String to) {
        return merge(accountId, List.of(from), to);
    }

    /** Moves every use of the {@code from} tags to {@code into} and deletes them. */
    @Transactional
    public boolean merge(String accountId, List<String> from, String into) {
        List<String> ids = new ArrayList<>();
        for (String name : from) {
            jdbc.sql("SELECT id FROM tags WHERE account_id = ? AND name = ?").params(accountId, name)
                    .query(String.class).optional().ifPresent(ids::add);
        }
        if (ids.isEmpty()) {
            return false;
        }
        String target = library.tagId(accountId, into);
        for (String id : ids) {
            if (id.equals(target)) {
                continue;
            }
            jdbc.sql("INSERT INTO item_tags (item_id, tag_id, account_id) SELECT item_id, ?, account_id FROM item_tags "
                            + "WHERE tag_id = ? ON CONFLICT DO NOTHING")
                    .params(target, id).update();
            jdbc.sql("DELETE FROM tags WHERE id = ?").param(id).update();
        }
        return true;
    }

    public boolean delete(String accountId, String name) {
        return jdbc.sql("DELETE FROM tags WHERE account_id = ? AND name = ?").params(accountId, name).update() > 0;
    }

    /** Adds and removes tags on several items at once; items of other accounts are ignored. */
    @Transactional
    public void apply(String accountId, List<String> itemIds, List<String> add, List<String> remove) {
        for (String itemId : itemIds) {
            if (library.find(accountId, itemId).isEmpty()) {
                continue;
            }
            for (String name : add) {
                jdbc.sql("INSERT INTO item_tags (item_id, tag_id, account_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                        .params(itemId, library.tagId(accountId, name), accountId).update();
            }
            for (String name : remove) {
                jdbc.sql("DELETE FROM item_tags WHERE item_id = ? AND tag_id IN "
                                + "(SELECT id FROM tags WHERE account_id = ? AND name = ?)")
                        .params(itemId, accountId, name).update();
            }
        }
    }
}
