package dev.arca.library.internal;

import dev.arca.storage.BlobStore;
import dev.arca.storage.ContentVault;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Deletes an account's chunks that no version references and nothing holds any more. Safe against uploads in
 * progress: a chunk is collected only when, under its lock, nothing references it, no upload
 * in this process holds it ({@link ContentIngest#inFlight}) and it was not touched within the
 * grace period (which covers uploads on other nodes).
 */
@Component
public class GarbageCollector {

    private final JdbcClient jdbc;
    private final BlobStore store;
    private final ContentVault vault;
    private final ChunkLocks locks;
    private final ContentIngest ingest;
    private final Clock clock;

    GarbageCollector(JdbcClient jdbc, BlobStore store, ContentVault vault, ChunkLocks locks, ContentIngest ingest,
            Clock clock) {
        this.jdbc = jdbc;
        this.store = store;
        this.vault = vault;
        this.locks = locks;
        this.ingest = ingest;
        this.clock = clock;
    }

    /** Collects the account's unreferenced chunks; returns how many were deleted. */
    public int collect(String accountId, Duration grace) {
        long before = clock.millis() - grace.toMillis();
        List<String> candidates = jdbc.sql("SELECT hash FROM chunks WHERE account_id = ? AND touched_at <= ? AND "
                        + ChunkLocks.UNREFERENCED)
                .params(accountId, before).query(String.class).list();
        int deleted = 0;
        for (String hash : candidates) {
            ReentrantLock lock = locks.of(hash);
            lock.lock();
            try {
                if (ingest.inFlight(accountId, hash)) {
                    continue;
                }
                int removed = jdbc.sql("DELETE FROM chunks WHERE account_id = ? AND hash = ? AND touched_at <= ? AND "
                                + ChunkLocks.UNREFERENCED)
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

    /**
     * Deletes the account's chunk blobs that have no row and are older than the grace period:
     * left by a crash between the blob write and its row, or by an upload still being stored
     * when the process died.
     */
    public int collectOrphans(String accountId, Duration grace) {
        java.time.Instant before = java.time.Instant.ofEpochMilli(clock.millis() - grace.toMillis());
        String prefix = accountId + "/c/";
        List<String> orphans;
        try (var blobs = store.list(prefix)) {
            orphans = blobs.filter(b -> b.modified().isBefore(before)).map(b -> b.key().substring(prefix.length()))
                    .toList();
        }
        int deleted = 0;
        for (String hash : orphans) {
            ReentrantLock lock = locks.of(hash);
            lock.lock();
            try {
                boolean known = jdbc.sql("SELECT COUNT(*) FROM chunks WHERE account_id = ? AND hash = ?")
                        .params(accountId, hash).query(Integer.class).single() > 0;
                if (!known && !ingest.inFlight(accountId, hash)) {
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
