package dev.arca.library;

import dev.arca.library.internal.GarbageCollector;
import dev.arca.storage.ContentVault;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Purging items from the trash, on demand or once they have been there longer than the
 * retention period, and collecting the chunks nothing references any more.
 */
@Service
public class Trash {

    private static final Logger log = LoggerFactory.getLogger(Trash.class);

    private final JdbcClient jdbc;
    private final ContentVault vault;
    private final GarbageCollector collector;
    private final LibraryProperties properties;
    private final Clock clock;

    Trash(JdbcClient jdbc, ContentVault vault, GarbageCollector collector, LibraryProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.collector = collector;
        this.properties = properties;
        this.clock = clock;
    }

    /** Deletes a trashed item for good, with all its versions; false when no such trashed item. */
    public boolean purge(String accountId, String itemId) {
        boolean purged = delete(accountId, List.of(itemId)) > 0;
        if (purged) {
            collector.collect(accountId, properties.chunkGrace());
        }
        return purged;
    }

    /** Deletes everything in the account's trash; returns how many items. */
    public int empty(String accountId) {
        List<String> ids = jdbc.sql("SELECT id FROM items WHERE account_id = ? AND trashed_at IS NOT NULL")
                .param(accountId).query(String.class).list();
        int purged = delete(accountId, ids);
        collector.collect(accountId, properties.chunkGrace());
        return purged;
    }

    /** Purges items past the retention period and collects garbage, every hour. */
    @Scheduled(fixedDelayString = "${arca.library.purge-interval:1h}", initialDelayString = "${arca.library.purge-delay:5m}")
    public void purgeExpired() {
        long cutoff = clock.millis() - properties.trashRetention().toMillis();
        record Expired(String accountId, String itemId) {}
        List<Expired> expired = jdbc.sql("SELECT account_id, id FROM items WHERE trashed_at IS NOT NULL AND trashed_at < ?")
                .param(cutoff).query((rs, n) -> new Expired(rs.getString(1), rs.getString(2))).list();
        expired.forEach(e -> delete(e.accountId(), List.of(e.itemId())));
        int chunks = 0;
        for (String accountId : collector.accounts()) {
            chunks += collector.collect(accountId, properties.chunkGrace());
            chunks += collector.collectOrphans(accountId, properties.chunkGrace().plusHours(1));
        }
        if (!expired.isEmpty() || chunks > 0) {
            log.info("Purged {} items from the trash and collected {} chunks", expired.size(), chunks);
        }
    }

    private int delete(String accountId, List<String> itemIds) {
        int deleted = 0;
        for (String itemId : itemIds) {
            int n = jdbc.sql("DELETE FROM items WHERE id = ? AND account_id = ? AND trashed_at IS NOT NULL")
                    .params(itemId, accountId).update();
            if (n > 0) {
                vault.deleteDerived(accountId, itemId + "/");
                deleted++;
            }
        }
        return deleted;
    }
}
