package dev.arca.library.internal;

import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Component;

/**
 * Serialises the three things that can happen to one account's chunk (store or reuse it,
 * roll back an upload that added it, collect it as garbage), so a chunk an upload has just
 * reused is never deleted underneath it. Striped: a fixed set of locks indexed by the chunk
 * hash. Holds within one server process; see docs/storage-format.md on several nodes.
 */
@Component
public class ChunkLocks {

    /**
     * The SQL condition (on table {@code chunks}) of a chunk nothing needs: no item version names
     * it and nothing holds it.
     */
    public static final String UNREFERENCED = "NOT EXISTS (SELECT 1 FROM version_chunks v WHERE v.account_id = "
            + "chunks.account_id AND v.hash = chunks.hash) AND NOT EXISTS (SELECT 1 FROM chunk_holds h WHERE "
            + "h.account_id = chunks.account_id AND h.hash = chunks.hash)";

    private static final int STRIPES = 1024;
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    public ChunkLocks() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** The lock of a chunk hash (64 hex digits): its first three hex digits pick the stripe. */
    public ReentrantLock of(String sha256) {
        return locks[Integer.parseInt(sha256, 0, 3, 16) % STRIPES];
    }
}
