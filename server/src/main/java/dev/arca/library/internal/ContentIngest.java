package dev.arca.library.internal;

import dev.arca.protocol.chunk.Chunk;
import dev.arca.protocol.chunk.ChunkReader;
import dev.arca.protocol.chunk.ContentHash;
import dev.arca.protocol.chunk.FastCdc;
import dev.arca.protocol.manifest.ChunkRef;
import dev.arca.storage.ContentVault;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Turns a stream of content into stored chunks: cuts it with FastCDC, stores each chunk the
 * account does not have yet (encrypted, durable) and records it in {@code chunks}. Memory
 * stays at a few chunks whatever the size of the stream. The caller commits the returned
 * manifest, or calls {@link #rollback} so that a failed upload leaves nothing behind.
 */
@Component
public class ContentIngest {

    /** Bytes of the start of the content kept for type detection. */
    public static final int HEAD = 64 * 1024;

    /** What was stored: the file's size, hash and chunk list, and which chunks are new. */
    public record Stored(long size, String sha256, List<ChunkRef> chunks, byte[] head, List<String> added,
            long addedBytes) {}

    /** Storing the stream would take the account over its quota; nothing of it was kept. */
    public static final class QuotaExceededException extends RuntimeException {
        public QuotaExceededException() {
            super("over quota", null, false, false);
        }
    }

    private final java.util.concurrent.ConcurrentHashMap<String, Integer> inFlight = new java.util.concurrent.ConcurrentHashMap<>();
    private final JdbcClient jdbc;
    private final ContentVault vault;
    private final ChunkLocks locks;
    private final Clock clock;

    ContentIngest(JdbcClient jdbc, ContentVault vault, ChunkLocks locks, Clock clock) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.locks = locks;
        this.clock = clock;
    }

    /**
     * Stores {@code in} for the account, adding at most {@code allowance} bytes of new chunks.
     * On any failure, including {@link QuotaExceededException}, what this call added is removed.
     */
    public Stored store(String accountId, InputStream in, long allowance) throws IOException {
        FileDigest file = new FileDigest();
        List<ChunkRef> refs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<String> added = new ArrayList<>();
        long addedBytes = 0;
        long size = 0;
        byte[] head = null;
        try {
            ChunkReader reader = FastCdc.DEFAULT.reader(in);
            for (Chunk chunk; (chunk = reader.next()) != null; ) {
                byte[] bytes = chunk.bytes();
                file.update(bytes);
                size += bytes.length;
                if (head == null) {
                    head = Arrays.copyOf(bytes, Math.min(bytes.length, HEAD));
                }
                String hash = ContentHash.sha256Hex(bytes);
                refs.add(new ChunkRef(hash, bytes.length));
                if (seen.add(hash) && keep(accountId, hash, bytes, allowance - addedBytes)) {
                    added.add(hash);
                    addedBytes += bytes.length;
                }
            }
        } catch (IOException | RuntimeException e) {
            file.cancel();
            rollback(accountId, added);
            seen.forEach(hash -> unmark(accountId, hash));
            throw e;
        }
        return new Stored(size, file.finish(), refs, head == null ? new byte[0] : head, added, addedBytes);
    }

    /**
     * Whether an upload in this process has stored or reused the chunk and not yet committed
     * or rolled back. Call under the chunk's lock.
     */
    public boolean inFlight(String accountId, String hash) {
        return inFlight.containsKey(accountId + "/" + hash);
    }

    /** Ends the protection of an upload's chunks, once it is committed or rolled back. */
    public void release(String accountId, Stored stored) {
        stored.chunks().stream().map(c -> c.sha256()).distinct().forEach(hash -> unmark(accountId, hash));
    }

    private void unmark(String accountId, String hash) {
        inFlight.computeIfPresent(accountId + "/" + hash, (k, n) -> n == 1 ? null : n - 1);
    }

    /**
     * Removes chunks an uncommitted upload added, unless something references them by now or
     * another upload in flight reused them. Call before {@link #release}.
     */
    public void rollback(String accountId, Collection<String> added) {
        for (String hash : added) {
            ReentrantLock lock = locks.of(hash);
            lock.lock();
            try {
                if (inFlight.getOrDefault(accountId + "/" + hash, 0) > 1) {
                    continue;
                }
                int removed = jdbc.sql("DELETE FROM chunks WHERE account_id = ? AND hash = ? AND NOT EXISTS "
                                + "(SELECT 1 FROM version_chunks v WHERE v.account_id = chunks.account_id AND v.hash = chunks.hash)")
                        .params(accountId, hash).update();
                if (removed > 0) {
                    vault.deleteChunk(accountId, hash);
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Reuses the chunk if the account has it (touching it), else stores it. True when stored. */
    private boolean keep(String accountId, String hash, byte[] bytes, long allowance) {
        ReentrantLock lock = locks.of(hash);
        lock.lock();
        try {
            inFlight.merge(accountId + "/" + hash, 1, Integer::sum);
            long now = clock.millis();
            int touched = jdbc.sql("UPDATE chunks SET touched_at = ? WHERE account_id = ? AND hash = ?")
                    .params(now, accountId, hash).update();
            if (touched > 0) {
                return false;
            }
            if (bytes.length > allowance) {
                throw new QuotaExceededException();
            }
            vault.putChunk(accountId, hash, bytes, bytes.length);
            jdbc.sql("INSERT INTO chunks (account_id, hash, size, touched_at) VALUES (?, ?, ?, ?)")
                    .params(accountId, hash, bytes.length, now).update();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The whole file's SHA-256, computed on a second thread while this one hashes, encrypts and
     * stores chunks: both are bound by SHA-256, so on two cores the file hash costs no time.
     */
    private static final class FileDigest {
        private static final byte[] END = new byte[0];
        private final java.util.concurrent.BlockingQueue<byte[]> queue = new java.util.concurrent.ArrayBlockingQueue<>(8);
        private final java.util.concurrent.CompletableFuture<String> result = new java.util.concurrent.CompletableFuture<>();
        private final Thread thread;

        FileDigest() {
            thread = Thread.ofVirtual().name("arca-file-digest").start(() -> {
                MessageDigest digest = sha256();
                try {
                    for (byte[] bytes; (bytes = queue.take()) != END; ) {
                        digest.update(bytes);
                    }
                    result.complete(HexFormat.of().formatHex(digest.digest()));
                } catch (InterruptedException e) {
                    result.cancel(false);
                }
            });
        }

        void update(byte[] bytes) throws IOException {
            try {
                queue.put(bytes);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while hashing");
            }
        }

        String finish() throws IOException {
            update(END);
            try {
                return result.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while hashing");
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }

        void cancel() {
            thread.interrupt();
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
