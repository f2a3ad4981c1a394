package dev.arca.library.internal;

import dev.arca.storage.BlobStore;
import dev.arca.storage.ContentVault;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
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
    private final JdbcTemplate batches;
    private final TransactionTemplate tx;

    GarbageCollector(JdbcClient jdbc, BlobStore store, ContentVault vault, ChunkLocks locks, ContentIngest ingest,
            Clock clock, JdbcTemplate batches, TransactionTemplate tx) {
        this.batches = batches;
        this.tx = tx;
        this.jdbc = jdbc;
        this.store = store;
        this.vault = vault;
        this.locks = locks;
        this.ingest = ingest;
        this.clock = clock;
    }

    /**
     * Collects the account's unreferenced chunks; returns how many were deleted. A pack left with
     * no chunk is deleted; one whose chunks fill less than half of it is repacked.
     */
    public int collect(String accountId, Duration grace) {
        long before = clock.millis() - grace.toMillis();
        List<String> candidates = jdbc.sql("SELECT hash FROM chunks WHERE account_id = ? AND touched_at <= ? AND "
                        + ChunkLocks.UNREFERENCED)
                .params(accountId, before).query(String.class).list();
        int deleted = 0;
        Set<String> packs = new LinkedHashSet<>();
        for (String hash : candidates) {
            ReentrantLock lock = locks.of(hash);
            lock.lock();
            try {
                if (ingest.inFlight(accountId, hash)) {
                    continue;
                }
                String pack = jdbc.sql("SELECT COALESCE(pack, '') FROM chunks WHERE account_id = ? AND hash = ?")
                        .params(accountId, hash).query(String.class).optional().orElse("");
                int removed = jdbc.sql("DELETE FROM chunks WHERE account_id = ? AND hash = ? AND touched_at <= ? AND "
                                + ChunkLocks.UNREFERENCED)
                        .params(accountId, hash, before).update();
                if (removed > 0) {
                    if (pack.isEmpty()) {
                        vault.deleteChunk(accountId, hash);
                    } else {
                        packs.add(pack);
                    }
                    deleted++;
                }
            } finally {
                lock.unlock();
            }
        }
        packs.forEach(pack -> settle(accountId, pack));
        return deleted;
    }

    private record Live(String hash, long offset, int length) {}

    /**
     * Deletes a pack no chunk lies in any more. Repacks one whose chunks fill less than half of
     * it: they are read (and so checked), sealed into a new pack, pointed at it in one
     * transaction, and the old pack is deleted after the commit; a reader that was on its way to
     * the old pack looks the chunk up again.
     */
    private void settle(String accountId, String pack) {
        List<Live> live = jdbc.sql("SELECT hash, pack_offset, sealed_length FROM chunks WHERE account_id = ? AND pack = ?")
                .params(accountId, pack).query((rs, n) -> new Live(rs.getString(1), rs.getLong(2), rs.getInt(3)))
                .list();
        if (live.isEmpty()) {
            vault.deletePack(accountId, pack);
            return;
        }
        long liveBytes = live.stream().mapToLong(Live::length).sum();
        long size = vault.packSize(accountId, pack).orElse(0L);
        if (liveBytes * 2 >= size) {
            return;
        }
        List<byte[]> plains = new ArrayList<>(live.size());
        for (Live chunk : live) {
            plains.add(vault.getPackedChunk(accountId, chunk.hash(),
                    new ContentVault.Packed(pack, chunk.offset(), chunk.length())));
        }
        List<ContentVault.Packed> places = vault.putChunkPack(accountId, live.stream().map(Live::hash).toList(), plains);
        List<Object[]> moves = new ArrayList<>(live.size());
        for (int i = 0; i < live.size(); i++) {
            ContentVault.Packed to = places.get(i);
            moves.add(new Object[] {to.pack(), to.offset(), to.length(), accountId, live.get(i).hash(), pack});
        }
        tx.executeWithoutResult(status -> batches.batchUpdate("UPDATE chunks SET pack = ?, pack_offset = ?, "
                + "sealed_length = ? WHERE account_id = ? AND hash = ? AND pack = ?", moves));
        vault.deletePack(accountId, pack);
    }

    /**
     * Deletes the account's chunk blobs and packs that no row names and that are older than the
     * grace period: left by a crash between a blob's write and its rows, by an upload still being
     * stored when the process died, or by two uploads of one chunk at once, of which one row won.
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
                boolean alone = jdbc.sql("SELECT COUNT(*) FROM chunks WHERE account_id = ? AND hash = ? "
                                + "AND pack IS NULL")
                        .params(accountId, hash).query(Integer.class).single() > 0;
                if (!alone && !ingest.inFlight(accountId, hash)) {
                    vault.deleteChunk(accountId, hash);
                    deleted++;
                }
            } finally {
                lock.unlock();
            }
        }
        for (String pack : vault.packsBefore(accountId, before).keySet()) {
            boolean named = jdbc.sql("SELECT COUNT(*) FROM chunks WHERE account_id = ? AND pack = ?")
                    .params(accountId, pack).query(Integer.class).single() > 0;
            if (!named) {
                vault.deletePack(accountId, pack);
                deleted++;
            }
        }
        return deleted;
    }

    /** Accounts that have chunks; the scheduled collection walks them. */
    public List<String> accounts() {
        return jdbc.sql("SELECT DISTINCT account_id FROM chunks").query(String.class).list();
    }
}
