package dev.arca.library.internal;

import dev.arca.protocol.chunk.Chunk;
import dev.arca.protocol.chunk.ChunkReader;
import dev.arca.protocol.chunk.ContentHash;
import dev.arca.protocol.chunk.FastCdc;
import dev.arca.protocol.manifest.ChunkRef;
import dev.arca.storage.ContentVault;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns a stream of content into stored chunks: cuts it with FastCDC, stores each chunk the
 * account does not have yet (encrypted, durable) and records it in {@code chunks}. The caller
 * commits the returned manifest, or calls {@link #rollback} so that a failed upload leaves
 * nothing behind.
 *
 * <p>Three things run at once, because each is bound by something else: this thread cuts and
 * hashes chunks (SHA-256), a second thread hashes the whole file, and a small pool seals and
 * writes new chunks, whose disk syncs overlap. At most {@value #IN_FLIGHT} chunks of one
 * upload wait in memory, so memory stays flat whatever the size of the stream. Rows are
 * written in batches, each one transaction, after the blobs they name are durable.
 */
@Component
public class ContentIngest implements DisposableBean {

    /** Bytes of the start of the content kept for type detection. */
    public static final int HEAD = 64 * 1024;
    private static final int IN_FLIGHT = 8;
    private static final int TOUCH_BATCH = 256;

    /** What was stored: the file's size, hash and chunk list, and which chunks are new. */
    public record Stored(long size, String sha256, List<ChunkRef> chunks, byte[] head, List<String> added,
            long addedBytes) {}

    /** Storing the stream would take the account over its quota; nothing of it was kept. */
    public static final class QuotaExceededException extends RuntimeException {
        public QuotaExceededException() {
            super("over quota", null, false, false);
        }
    }

    private final ConcurrentHashMap<String, Integer> inFlight = new ConcurrentHashMap<>();
    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final TransactionTemplate tx;
    private final ContentVault vault;
    private final ChunkLocks locks;
    private final Clock clock;
    private final ExecutorService writers;

    ContentIngest(JdbcClient jdbc, JdbcTemplate batches, TransactionTemplate tx, ContentVault vault, ChunkLocks locks,
            Clock clock, @Value("${arca.library.store-threads:4}") int storeThreads) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.tx = tx;
        this.vault = vault;
        this.locks = locks;
        this.clock = clock;
        this.writers = Executors.newFixedThreadPool(storeThreads,
                Thread.ofPlatform().name("arca-chunk-writer-", 0).daemon(true).factory());
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
        List<String> reused = new ArrayList<>();
        List<Future<?>> writes = new ArrayList<>();
        Semaphore room = new Semaphore(IN_FLIGHT);
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
                if (!seen.add(hash)) {
                    continue;
                }
                if (holdAndCheck(accountId, hash)) {
                    reused.add(hash);
                    if (reused.size() >= TOUCH_BATCH) {
                        touch(accountId, reused);
                        reused.clear();
                    }
                    continue;
                }
                if (bytes.length > allowance - addedBytes) {
                    throw new QuotaExceededException();
                }
                added.add(hash);
                addedBytes += bytes.length;
                acquire(room);
                writes.add(writers.submit(() -> {
                    try {
                        vault.putChunk(accountId, hash, bytes, bytes.length);
                    } finally {
                        room.release();
                    }
                }));
                writes.removeIf(w -> w.isDone() && succeeded(w));
            }
            awaitAll(writes);
            recordAdded(accountId, added, refs);
            touch(accountId, reused);
        } catch (IOException | RuntimeException e) {
            file.cancel();
            awaitQuietly(writes);
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
        stored.chunks().stream().map(ChunkRef::sha256).distinct().forEach(hash -> unmark(accountId, hash));
    }

    /**
     * Removes chunks an uncommitted upload added, unless something references them by now or
     * another upload in flight holds them. Call before {@link #release}.
     */
    public void rollback(String accountId, Collection<String> added) {
        for (String hash : added) {
            ReentrantLock lock = locks.of(hash);
            lock.lock();
            try {
                if (inFlight.getOrDefault(accountId + "/" + hash, 0) > 1) {
                    continue;
                }
                jdbc.sql("DELETE FROM chunks WHERE account_id = ? AND hash = ? AND NOT EXISTS "
                                + "(SELECT 1 FROM version_chunks v WHERE v.account_id = chunks.account_id AND v.hash = chunks.hash)")
                        .params(accountId, hash).update();
                // A row left means a committed version uses the chunk: its blob stays.
                if (!known(accountId, hash)) {
                    vault.deleteChunk(accountId, hash);
                }
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public void destroy() {
        writers.shutdownNow();
    }

    /** Marks the chunk as held by this upload; true when the account already stores it. */
    private boolean holdAndCheck(String accountId, String hash) {
        ReentrantLock lock = locks.of(hash);
        lock.lock();
        try {
            inFlight.merge(accountId + "/" + hash, 1, Integer::sum);
            return known(accountId, hash);
        } finally {
            lock.unlock();
        }
    }

    private boolean known(String accountId, String hash) {
        return jdbc.sql("SELECT COUNT(*) FROM chunks WHERE account_id = ? AND hash = ?").params(accountId, hash)
                .query(Integer.class).single() > 0;
    }

    /** Records the new chunks, all durable by now, in one transaction. */
    private void recordAdded(String accountId, List<String> added, List<ChunkRef> refs) {
        if (added.isEmpty()) {
            return;
        }
        Set<String> fresh = new HashSet<>(added);
        long now = clock.millis();
        List<Object[]> rows = new ArrayList<>();
        for (ChunkRef ref : refs) {
            if (fresh.remove(ref.sha256())) {
                rows.add(new Object[] {accountId, ref.sha256(), ref.length(), now});
            }
        }
        tx.executeWithoutResult(status -> batches.batchUpdate("INSERT INTO chunks (account_id, hash, size, touched_at) "
                + "VALUES (?, ?, ?, ?) ON CONFLICT (account_id, hash) DO UPDATE SET touched_at = excluded.touched_at",
                rows));
    }

    /** Renews the grace period of reused chunks, for collectors on other nodes. */
    private void touch(String accountId, List<String> hashes) {
        if (hashes.isEmpty()) {
            return;
        }
        long now = clock.millis();
        List<Object[]> rows = hashes.stream().map(h -> new Object[] {now, accountId, h}).toList();
        tx.executeWithoutResult(status -> batches.batchUpdate(
                "UPDATE chunks SET touched_at = ? WHERE account_id = ? AND hash = ?", rows));
    }

    private void unmark(String accountId, String hash) {
        inFlight.computeIfPresent(accountId + "/" + hash, (k, n) -> n == 1 ? null : n - 1);
    }

    private static void acquire(Semaphore room) throws InterruptedIOException {
        try {
            room.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while storing");
        }
    }

    /** True for a finished write that did not fail; a failed one is left for awaitAll to report. */
    private static boolean succeeded(Future<?> write) {
        return write.state() == Future.State.SUCCESS;
    }

    private static void awaitAll(List<Future<?>> writes) throws IOException {
        for (Future<?> write : writes) {
            try {
                write.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while storing");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IOException("storing a chunk failed", e.getCause());
            }
        }
    }

    /** Waits until no write of a failed upload can still land after its rollback. */
    private static void awaitQuietly(List<Future<?>> writes) {
        for (Future<?> write : writes) {
            try {
                write.get();
            } catch (Exception ignored) {
                // cancelled or failed: either way it is over
            }
        }
    }

    /**
     * The whole file's SHA-256, computed on a second thread while this one hashes chunks: both
     * are bound by SHA-256, so on two cores the file hash costs no time.
     */
    private static final class FileDigest {
        private static final byte[] END = new byte[0];
        private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(IN_FLIGHT);
        private final CompletableFuture<String> result = new CompletableFuture<>();
        private final Thread thread;

        FileDigest() {
            thread = Thread.ofVirtual().name("arca-file-digest").start(() -> {
                MessageDigest digest = ContentHash.newSha256();
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
                throw new InterruptedIOException("interrupted while hashing");
            }
        }

        String finish() throws IOException {
            update(END);
            try {
                return result.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while hashing");
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }

        void cancel() {
            thread.interrupt();
        }
    }
}
