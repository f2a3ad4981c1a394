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
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
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
 * <p>The work is spread over the cores: this thread cuts chunks, a second thread hashes the
 * whole file, and a small pool of workers hashes each chunk, decides whether the account has
 * it, and seals and writes the new ones, their disk syncs overlapping. At most
 * {@value #IN_FLIGHT} chunks of one upload are in memory at once, so memory stays flat
 * whatever the size of the stream. Rows are written in one transaction once every blob they
 * name is durable.
 */
@Component
public class ContentIngest implements DisposableBean {

    /** Bytes of the start of the content kept for type detection. */
    public static final int HEAD = 64 * 1024;
    private static final int IN_FLIGHT = 8;

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
    private final ExecutorService workers;

    ContentIngest(JdbcClient jdbc, JdbcTemplate batches, TransactionTemplate tx, ContentVault vault, ChunkLocks locks,
            Clock clock, @Value("${arca.library.store-threads:4}") int storeThreads) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.tx = tx;
        this.vault = vault;
        this.locks = locks;
        this.clock = clock;
        this.workers = Executors.newFixedThreadPool(storeThreads,
                Thread.ofPlatform().name("arca-chunk-worker-", 0).daemon(true).factory());
    }

    /**
     * Stores {@code in} for the account, adding at most {@code allowance} bytes of new chunks.
     * On any failure, including {@link QuotaExceededException}, what this call added is removed.
     */
    public Stored store(String accountId, InputStream in, long allowance) throws IOException {
        FileDigest file = new FileDigest();
        Batch batch = new Batch(accountId, allowance);
        List<Future<ChunkRef>> chunks = new ArrayList<>();
        Semaphore room = new Semaphore(IN_FLIGHT);
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
                acquire(room);
                chunks.add(workers.submit(() -> {
                    try {
                        return batch.keep(bytes);
                    } catch (RuntimeException e) {
                        batch.failed = true;
                        throw e;
                    } finally {
                        room.release();
                    }
                }));
                if (batch.failed) {
                    // Over quota or a failed write: no point reading the rest of the stream.
                    break;
                }
            }
            List<ChunkRef> refs = awaitAll(chunks);
            recordAdded(accountId, List.copyOf(batch.added), refs);
            touch(accountId, List.copyOf(batch.reused));
            return new Stored(size, file.finish(), refs, head == null ? new byte[0] : head, List.copyOf(batch.added),
                    batch.addedBytes.get());
        } catch (IOException | RuntimeException e) {
            file.cancel();
            awaitQuietly(chunks);
            rollback(accountId, batch.added);
            batch.seen.keySet().forEach(hash -> unmark(accountId, hash));
            throw e;
        }
    }

    /** What {@link #storeOne} did with a chunk. */
    public enum One { STORED, ALREADY_STORED, OVER_QUOTA }

    /**
     * Stores chunks whose hashes the caller has checked, each unless the account has it, adding at
     * most {@code allowance} bytes: two or more new ones sealed into one pack blob, a single one
     * alone. Their rows are written in one transaction once the blob is durable. Returns how many
     * were new, or -1 (storing nothing more) when over the allowance.
     */
    public int storeMany(String accountId, List<ChunkRef> refs, List<byte[]> contents, long allowance)
            throws IOException {
        Set<String> held = new HashSet<>();
        List<String> reused = new ArrayList<>();
        List<Integer> fresh = new ArrayList<>();
        try {
            for (ChunkRef ref : refs) {
                if (held.add(ref.sha256())) {
                    hold(accountId, ref.sha256());
                }
            }
            // Held first, so no collector takes one between this question and the commit.
            Set<String> known = known(accountId, List.copyOf(held));
            Set<String> seen = new HashSet<>();
            long bytes = 0;
            for (int i = 0; i < refs.size(); i++) {
                String hash = refs.get(i).sha256();
                if (!seen.add(hash)) {
                    continue;
                }
                if (known.contains(hash)) {
                    reused.add(hash);
                    continue;
                }
                bytes += contents.get(i).length;
                if (bytes > allowance) {
                    return -1;
                }
                fresh.add(i);
            }
            List<ChunkRef> added = fresh.stream().map(refs::get).toList();
            Map<String, ContentVault.Packed> packed = new HashMap<>();
            if (added.size() > 1) {
                // One blob and one disk sync for all of them, not two syncs per chunk. A crash
                // before the rows below leaves a pack no row names, which the collector removes.
                List<ContentVault.Packed> places = vault.putChunkPack(accountId,
                        added.stream().map(ChunkRef::sha256).toList(), fresh.stream().map(contents::get).toList());
                for (int i = 0; i < added.size(); i++) {
                    packed.put(added.get(i).sha256(), places.get(i));
                }
            } else if (added.size() == 1) {
                byte[] content = contents.get(fresh.getFirst());
                vault.putChunk(accountId, added.getFirst().sha256(), content, content.length);
            }
            recordAdded(accountId, added.stream().map(ChunkRef::sha256).toList(), added, packed);
            touch(accountId, reused);
            return added.size();
        } finally {
            held.forEach(hash -> unmark(accountId, hash));
        }
    }

    /**
     * Stores one chunk whose hash the caller has checked, unless the account has it already
     * (then only its grace period is renewed). Durable when this returns. Adding it must keep
     * the new bytes within {@code allowance}.
     */
    public One storeOne(String accountId, String hash, byte[] bytes, long allowance) {
        ReentrantLock lock = locks.of(hash);
        lock.lock();
        try {
            if (known(accountId, hash)) {
                touch(accountId, List.of(hash));
                return One.ALREADY_STORED;
            }
            if (bytes.length > allowance) {
                return One.OVER_QUOTA;
            }
            vault.putChunk(accountId, hash, bytes, bytes.length);
            recordAdded(accountId, List.of(hash), List.of(new ChunkRef(hash, bytes.length)));
            return One.STORED;
        } finally {
            lock.unlock();
        }
    }

    /** The chunks of one stream as the workers see them: which are new, reused, already seen. */
    private final class Batch {
        final String accountId;
        final long allowance;
        final ConcurrentHashMap<String, Boolean> seen = new ConcurrentHashMap<>();
        final Queue<String> added = new ConcurrentLinkedQueue<>();
        final Queue<String> reused = new ConcurrentLinkedQueue<>();
        final AtomicLong addedBytes = new AtomicLong();
        volatile boolean failed;

        Batch(String accountId, long allowance) {
            this.accountId = accountId;
            this.allowance = allowance;
        }

        /** Hashes the chunk and, the first time this stream has it, reuses or stores it. */
        ChunkRef keep(byte[] bytes) {
            String hash = ContentHash.sha256Hex(bytes);
            ChunkRef ref = new ChunkRef(hash, bytes.length);
            if (seen.putIfAbsent(hash, Boolean.TRUE) != null) {
                return ref;
            }
            if (holdAndCheck(accountId, hash)) {
                reused.add(hash);
                return ref;
            }
            if (addedBytes.addAndGet(bytes.length) > allowance) {
                throw new QuotaExceededException();
            }
            added.add(hash);
            vault.putChunk(accountId, hash, bytes, bytes.length);
            return ref;
        }
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
                jdbc.sql("DELETE FROM chunks WHERE account_id = ? AND hash = ? AND " + ChunkLocks.UNREFERENCED)
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
        workers.shutdownNow();
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

    /** Marks the chunk as held by this upload: from now on no collector removes it. */
    private void hold(String accountId, String hash) {
        ReentrantLock lock = locks.of(hash);
        lock.lock();
        try {
            inFlight.merge(accountId + "/" + hash, 1, Integer::sum);
        } finally {
            lock.unlock();
        }
    }

    /** The hashes among {@code hashes} that the account stores, asking 500 at a time. */
    public Set<String> known(String accountId, List<String> hashes) {
        Set<String> known = new HashSet<>();
        for (int from = 0; from < hashes.size(); from += 500) {
            List<String> part = hashes.subList(from, Math.min(hashes.size(), from + 500));
            List<Object> params = new ArrayList<>(part.size() + 1);
            params.add(accountId);
            params.addAll(part);
            known.addAll(jdbc.sql("SELECT hash FROM chunks WHERE account_id = ? AND hash IN ("
                            + "?,".repeat(part.size() - 1) + "?)")
                    .params(params).query(String.class).list());
        }
        return known;
    }

    private boolean known(String accountId, String hash) {
        return jdbc.sql("SELECT COUNT(*) FROM chunks WHERE account_id = ? AND hash = ?").params(accountId, hash)
                .query(Integer.class).single() > 0;
    }

    /** Records the new chunks, all durable by now, in one transaction. */
    private void recordAdded(String accountId, List<String> added, List<ChunkRef> refs) {
        recordAdded(accountId, added, refs, Map.of());
    }

    /**
     * Records the new chunks, all durable by now, in one transaction, with where each lies when it
     * lies in a pack. A chunk another upload recorded first keeps its place: this upload's copy is
     * then a stray blob (removed with orphans) or dead space in its pack (reclaimed by a repack).
     */
    private void recordAdded(String accountId, List<String> added, List<ChunkRef> refs,
            Map<String, ContentVault.Packed> packed) {
        if (added.isEmpty()) {
            return;
        }
        Set<String> fresh = new HashSet<>(added);
        long now = clock.millis();
        List<Object[]> rows = new ArrayList<>();
        for (ChunkRef ref : refs) {
            if (fresh.remove(ref.sha256())) {
                ContentVault.Packed where = packed.get(ref.sha256());
                rows.add(new Object[] {accountId, ref.sha256(), ref.length(), now, where == null ? null : where.pack(),
                        where == null ? null : where.offset(), where == null ? null : where.length()});
            }
        }
        tx.executeWithoutResult(status -> batches.batchUpdate("INSERT INTO chunks (account_id, hash, size, touched_at, "
                + "pack, pack_offset, sealed_length) VALUES (?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (account_id, hash) DO UPDATE SET touched_at = excluded.touched_at", rows));
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

    /** The chunk references in stream order, once every chunk is stored; the first failure is thrown. */
    private static List<ChunkRef> awaitAll(List<Future<ChunkRef>> chunks) throws IOException {
        List<ChunkRef> refs = new ArrayList<>(chunks.size());
        for (Future<ChunkRef> chunk : chunks) {
            try {
                refs.add(chunk.get());
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
        return refs;
    }

    /** Waits until no write of a failed upload can still land after its rollback. */
    private static void awaitQuietly(List<Future<ChunkRef>> writes) {
        for (Future<ChunkRef> write : writes) {
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
