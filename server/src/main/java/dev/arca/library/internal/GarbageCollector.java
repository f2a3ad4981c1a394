package dev.arca.library.internal;

import dev.arca.storage.ContentVault;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Deletes an account's chunks that no version references any more. Safe against uploads in
 * progress: a chunk is collected only when, under its lock, nothing references it, no upload
 * in this process holds it ({@link ContentIngest#inFlight}) and it was not touched within the
 * grace period (which covers uploads on other nodes).
 */
@Component
public class GarbageCollector {

    private final JdbcClient jdbc;
    private final ContentVault vault;
    private final ChunkLocks locks;
    private final ContentIngest ingest;
    private final Clock clock;

    GarbageCollector(JdbcClient jdbc, ContentVault vault, ChunkLocks locks, ContentIngest ingest, Clock clock) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.locks = locks;
        this.ingest = ingest;
        this.clock = clock;
    }

    /** Collects the account's unreferenced chunks; returns how many were deleted. */
    public int collect(String accountId, Duration grace) {
        long before = clock.millis() - grace.toMillis();
        List<String> candidates = jdbc.sql("SELECT hash FROM chunks c WHERE account_id = ? AND touched_at <= ? "
                        + "AND NOT EXISTS (SELECT 1 FROM version_chunks v WHERE v.account_id = c.account_id AND v.hash = c.hash)")
                .params(accountId, before).query(String.class).list();
        int deleted = 0;
        for (String hash : candidates) {
            ReentrantLock lock = locks.of(hash);
            lock.lock();
            try {
                if (ingest.inFlight(accountId, hash)) {
                    continue;
                }
                int removed = jdbc.sql("DELETE FROM chunks WHERE account_id = ? AND hash = ? AND touched_at <= ? "
                                + "AND NOT EXISTS (SELECT 1 FROM version_chunks v WHERE v.account_id = chunks.account_id "
                                + "AND v.hash = chunks.hash)")
                        .params(accountId, hash, before).update();
                if (removed > 0) {
                    vault.deleteChunk(accountId, hash);
                    deleted++;
                }
            } finally {
                lock.unlock();
            }
        }
        return deleted;
    }

    /** Accounts that have chunks; the scheduled collection walks them. */
    public List<String> accounts() {
        return jdbc.sql("SELECT DISTINCT account_id FROM chunks").query(String.class).list();
    }
}
