package dev.arca.library.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The text search index (table {@code search_terms}, docs/search.md): the terms of each item's own
 * text, its file name, title and description and what extraction found in it. Tags and album
 * names are not in it: they are few per account and matched when a query runs, so renaming one
 * rewrites nothing here.
 *
 * <p>Whoever changes an item's text calls {@link #refresh} in the same transaction, so the index
 * never disagrees with a committed row. Items indexed under older rules, or not at all (written
 * before the index existed), are indexed by {@link #indexPending}.
 */
@Component
public class SearchTerms {

    private static final Logger log = LoggerFactory.getLogger(SearchTerms.class);

    /** Items per statement and per transaction when many are indexed. */
    private static final int BATCH = 500;

    /** Rows per multi-row INSERT: three parameters each, well under either database's limit. */
    private static final int ROWS_PER_INSERT = 300;

    private static final String TEXT = "SELECT i.id, i.account_id, i.filename, i.title, i.description, m.title, "
            + "m.description, m.keywords, m.make, m.model, m.lens, m.artist, m.album "
            + "FROM items i LEFT JOIN item_metadata m ON m.item_id = i.id WHERE i.id IN ";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    /** New items' terms, written once per transaction. */
    private final AtCommit<Row> added = new AtCommit<>(this::insert);

    SearchTerms(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** Makes the terms of these items anew from their current text; joins the caller's transaction. */
    public void refresh(Collection<String> itemIds) {
        List<String> ids = List.copyOf(itemIds);
        for (int from = 0; from < ids.size(); from += BATCH) {
            refreshBatch(ids.subList(from, Math.min(ids.size(), from + BATCH)));
        }
    }

    public void refresh(String itemId) {
        refreshBatch(List.of(itemId));
    }

    /**
     * The terms of an item inserted in the caller's transaction, whose only text so far is its
     * file name; the insert itself sets {@code terms_version} to {@link SearchText#VERSION}.
     */
    public void addNew(String itemId, String accountId, String filename) {
        added.add(SearchText.terms(List.of(filename)).stream().map(term -> new Row(itemId, accountId, term)).toList());
    }

    /**
     * Indexes every item not indexed under the current rules, a batch per transaction, and returns
     * how many it indexed. Runs shortly after start and then hourly; cheap when there is nothing.
     */
    @Scheduled(fixedDelayString = "${arca.library.search-index-interval:1h}",
            initialDelayString = "${arca.library.search-index-delay:5s}")
    public int indexPending() {
        int total = 0;
        String after = "";
        while (true) {
            String from = after;
            // In id order from where the last batch ended, so each row is looked at once.
            List<String> ids = tx.execute(status -> {
                List<String> batch = jdbc.sql("SELECT id FROM items WHERE id > ? AND (terms_version IS NULL "
                        + "OR terms_version <> ?) ORDER BY id LIMIT " + BATCH).params(from, SearchText.VERSION)
                        .query(String.class).list();
                refreshBatch(batch);
                return batch;
            });
            if (ids == null || ids.isEmpty()) {
                break;
            }
            total += ids.size();
            after = ids.getLast();
        }
        if (total > 0) {
            log.info("Search index: {} items indexed", total);
        }
        return total;
    }

    private record Row(String itemId, String accountId, String term) {}

    private void refreshBatch(List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        added.flush();
        String in = placeholders(ids.size());
        // Marking the items first locks their rows (PostgreSQL) before their text is read: a
        // concurrent change of the text commits before this reads it or waits for this to commit,
        // and every writer takes the item's row before its terms, so none waits on the other.
        List<Object> marked = new ArrayList<>(ids.size() + 1);
        marked.add(SearchText.VERSION);
        marked.addAll(ids);
        jdbc.sql("UPDATE items SET terms_version = ? WHERE id IN " + in).params(marked).update();
        List<Row> rows = new ArrayList<>();
        jdbc.sql(TEXT + in).params(ids).query(rs -> {
            List<String> texts = new ArrayList<>(11);
            for (int column = 3; column <= 13; column++) {
                texts.add(rs.getString(column));
            }
            String itemId = rs.getString(1);
            String accountId = rs.getString(2);
            SearchText.terms(texts).forEach(term -> rows.add(new Row(itemId, accountId, term)));
        });
        jdbc.sql("DELETE FROM search_terms WHERE item_id IN " + in).params(ids).update();
        insert(rows);
    }

    private void insert(List<Row> rows) {
        for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
            List<Row> part = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT));
            List<Object> params = new ArrayList<>(part.size() * 3);
            part.forEach(row -> Collections.addAll(params, row.itemId(), row.accountId(), row.term()));
            jdbc.sql("INSERT INTO search_terms (item_id, account_id, term) VALUES "
                    + String.join(", ", Collections.nCopies(part.size(), "(?, ?, ?)"))
                    // Two nodes indexing the same item at once write the same rows.
                    + " ON CONFLICT DO NOTHING").params(params).update();
        }
    }

    private static String placeholders(int n) {
        return "(" + String.join(", ", Collections.nCopies(n, "?")) + ")";
    }
}
