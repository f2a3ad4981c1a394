package dev.arca.client.backup;

import dev.arca.protocol.chunk.FastCdc;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Format 2: each chunk sealed on its own and appended to a pack of about 16 MiB (kind
 * {@code data}), found through sealed index files (kind {@code index}), so ten
 * thousand small files make a few packs and a few disk syncs, not ten thousand of each.
 *
 * <p>Why a crash at any moment leaves a valid repository: a pack is stored whole and durably
 * ({@link RepositoryStore.PackOutput#finish()}) before any index names it; an index file is written the same way
 * before any snapshot that uses its chunks ({@link #flush()}); prune writes the new packs and the
 * one new index before it deletes old indexes, and deletes packs last. So every index entry points
 * into a complete pack, and a pack no index names (left by a killed backup) is only unused space
 * that the next prune removes. The format is in docs/backup-format.md.
 */
final class PackedChunks implements ChunkStore {

    /** A pack is closed once it reaches this size. */
    static final long PACK_SIZE = 16L << 20;
    /** Finished packs between two index files: a killed backup loses at most this much of its work. */
    private static final int PACKS_PER_INDEX = 4;
    /**
     * Entries per index file: about 9 MiB, so a file stays far below what the server takes
     * (64 MiB) however large the repository grows.
     */
    static final int INDEX_ENTRIES = 200_000;
    /** The largest index file opened: about 14 million chunks. */
    private static final long MAX_INDEX = 1L << 30;
    private static final int ID_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Where a chunk's sealed bytes are. */
    record Blob(String chunk, String pack, long offset, int length) {}

    private final RepositoryStore store;
    private final RepositoryKey key;
    /** Chunk id to place, for every chunk in an index or a finished pack of this session. */
    private volatile Map<String, Blob> index;
    /** The index files read or written, which prune replaces. */
    private final Set<String> indexFiles = ConcurrentHashMap.newKeySet();
    /** Chunk ids put into a pack that is still open. */
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    /** Open packs no put is appending to. */
    private final Deque<Pack> idle = new ArrayDeque<>();
    /** Finished packs no index file names yet. */
    private final List<Pack> unindexed = new ArrayList<>();

    PackedChunks(RepositoryStore store, RepositoryKey key) throws IOException {
        this.store = store;
        this.key = key;
        this.index = load();
    }

    private Map<String, Blob> load() throws IOException {
        Map<String, Blob> loaded = new ConcurrentHashMap<>();
        for (String name : store.list(RepositoryStore.Kind.INDEX)) {
            if (!isId(name)) {
                continue;
            }
            byte[] plain = Compression.unframe(key.open(store.read(RepositoryStore.Kind.INDEX, name), "index " + name),
                    MAX_INDEX, "Index " + name);
            for (Blob blob : parse(plain, name)) {
                loaded.putIfAbsent(blob.chunk(), blob);
            }
            indexFiles.add(name);
        }
        return loaded;
    }

    @Override
    public boolean has(String sha256) {
        String id = key.chunkId(sha256);
        return index.containsKey(id) || pending.contains(id);
    }

    @Override
    public boolean put(String sha256, byte[] bytes, int length) throws IOException {
        String id = key.chunkId(sha256);
        if (index.containsKey(id) || !pending.add(id)) {
            return false;
        }
        byte[] framed = Compression.frame(bytes, 0, length);
        byte[] sealed = key.seal(framed, 0, framed.length, "chunk " + id);
        Pack pack = take();
        try {
            pack.append(id, sealed);
        } catch (IOException | RuntimeException e) {
            pending.remove(id);
            pack.discard();
            throw e;
        }
        if (pack.size >= PACK_SIZE) {
            finish(pack);
        } else {
            synchronized (idle) {
                idle.push(pack);
            }
        }
        return true;
    }

    private Pack take() throws IOException {
        synchronized (idle) {
            Pack pack = idle.poll();
            if (pack != null) {
                return pack;
            }
        }
        return new Pack();
    }

    /** Renames a full pack into place; its chunks become findable, and every few packs an index names them. */
    private void finish(Pack pack) throws IOException {
        pack.finish();
        for (Blob blob : pack.blobs) {
            index.put(blob.chunk(), blob);
            pending.remove(blob.chunk());
        }
        synchronized (unindexed) {
            unindexed.add(pack);
            if (unindexed.size() >= PACKS_PER_INDEX) {
                writeUnindexed();
            }
        }
    }

    @Override
    public byte[] get(String sha256) throws IOException {
        String id = key.chunkId(sha256);
        Blob blob = index.get(id);
        if (blob == null && pending.contains(id)) {
            flush();
            blob = index.get(id);
        }
        if (blob == null) {
            throw new Repository.RepositoryException("Chunk " + sha256 + " is missing from the repository.");
        }
        byte[] sealed = read(blob);
        byte[] bytes;
        try {
            bytes = Compression.unframe(key.open(sealed, "chunk " + id), FastCdc.DEFAULT.maxSize(), "Chunk " + sha256);
        } catch (Repository.RepositoryException e) {
            throw new Repository.RepositoryException("Chunk " + sha256 + " is damaged or was tampered with.");
        }
        // Not hashed again: the tag proves a key holder sealed these bytes as this chunk, restore
        // hashes every file it writes, and check hashes every chunk.
        return bytes;
    }

    /** Tells the store the packs those chunks are in, in the order they are first needed. */
    @Override
    public void willRead(List<String> sha256InOrder) throws IOException {
        java.util.LinkedHashSet<String> packs = new java.util.LinkedHashSet<>();
        for (String sha256 : sha256InOrder) {
            Blob blob = index.get(key.chunkId(sha256));
            if (blob != null) {
                packs.add(blob.pack());
            }
        }
        store.willRead(RepositoryStore.Kind.DATA, List.copyOf(packs));
    }

    /** A blob's sealed bytes, as they are in its pack. */
    private byte[] read(Blob blob) throws IOException {
        return store.read(RepositoryStore.Kind.DATA, blob.pack(), blob.offset(), blob.length());
    }

    /** Finishes every open pack and writes the index that names them. Called when no put is running. */
    @Override
    public void flush() throws IOException {
        List<Pack> open;
        synchronized (idle) {
            open = new ArrayList<>(idle);
            idle.clear();
        }
        for (Pack pack : open) {
            finish(pack);
        }
        synchronized (unindexed) {
            writeUnindexed();
        }
    }

    /** Writes one index file for the finished packs no index names yet; the caller holds {@code unindexed}. */
    private void writeUnindexed() throws IOException {
        if (unindexed.isEmpty()) {
            return;
        }
        List<Blob> blobs = new ArrayList<>();
        unindexed.forEach(pack -> blobs.addAll(pack.blobs));
        writeIndex(blobs);
        unindexed.clear();
    }

    /** Writes index files naming {@code blobs}, at most {@link #INDEX_ENTRIES} entries in each. */
    private void writeIndex(List<Blob> blobs) throws IOException {
        for (int from = 0; from < blobs.size(); from += INDEX_ENTRIES) {
            writeIndexFile(blobs.subList(from, Math.min(blobs.size(), from + INDEX_ENTRIES)));
        }
    }

    private void writeIndexFile(List<Blob> blobs) throws IOException {
        Map<String, List<Blob>> byPack = new LinkedHashMap<>();
        blobs.forEach(blob -> byPack.computeIfAbsent(blob.pack(), p -> new ArrayList<>()).add(blob));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + blobs.size() * (ID_BYTES + 12));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(byPack.size());
            for (var pack : byPack.entrySet()) {
                out.write(HexFormat.of().parseHex(pack.getKey()));
                out.writeInt(pack.getValue().size());
                for (Blob blob : pack.getValue()) {
                    out.write(HexFormat.of().parseHex(blob.chunk()));
                    out.writeLong(blob.offset());
                    out.writeInt(blob.length());
                }
            }
        }
        String name = newId();
        byte[] framed = Compression.frame(bytes.toByteArray(), 0, bytes.size());
        store.write(RepositoryStore.Kind.INDEX, name, key.seal(framed, 0, framed.length, "index " + name));
        indexFiles.add(name);
    }

    private static List<Blob> parse(byte[] plain, String name) throws Repository.RepositoryException {
        ByteBuffer in = ByteBuffer.wrap(plain);
        List<Blob> blobs = new ArrayList<>();
        try {
            int packs = in.getInt();
            for (int p = 0; p < packs; p++) {
                String pack = hex(in);
                int count = in.getInt();
                if (count < 0 || (long) count * (ID_BYTES + 12) > in.remaining()) {
                    throw new BufferUnderflowException();
                }
                for (int i = 0; i < count; i++) {
                    String chunk = hex(in);
                    long offset = in.getLong();
                    int length = in.getInt();
                    if (offset < 0 || length <= 0) {
                        throw new BufferUnderflowException();
                    }
                    blobs.add(new Blob(chunk, pack, offset, length));
                }
            }
            if (in.hasRemaining()) {
                throw new BufferUnderflowException();
            }
        } catch (BufferUnderflowException e) {
            throw new Repository.RepositoryException("Index " + name + " is damaged: its entries do not add up.");
        }
        return blobs;
    }

    /**
     * Drops every chunk not in {@code used}: a pack all of whose chunks are unused is deleted, a
     * pack with some is rewritten with the used ones (copied sealed, never decrypted), and one new
     * index replaces all others. Packs no index names (left by killed backups) are deleted too.
     */
    @Override
    public long deleteNotIn(Set<String> used) throws IOException {
        flush();
        Set<String> keep = new HashSet<>();
        used.forEach(hash -> keep.add(key.chunkId(hash)));
        Map<String, List<Blob>> byPack = new HashMap<>();
        index.values().forEach(blob -> byPack.computeIfAbsent(blob.pack(), p -> new ArrayList<>()).add(blob));
        // A chunk that two backups stored at once is in two packs; it stays in one.
        Set<String> kept = new HashSet<>();
        List<Blob> next = new ArrayList<>();
        List<Blob> moving = new ArrayList<>();
        long deleted = 0;
        for (List<Blob> blobs : byPack.values()) {
            List<Blob> live = blobs.stream().filter(b -> keep.contains(b.chunk()) && kept.add(b.chunk())).toList();
            deleted += blobs.size() - live.size();
            (live.size() == blobs.size() ? next : moving).addAll(live);
        }
        Pack pack = null;
        for (Blob blob : moving) {
            if (pack == null) {
                pack = new Pack();
            }
            pack.append(blob.chunk(), read(blob));
            if (pack.size >= PACK_SIZE) {
                pack.finish();
                next.addAll(pack.blobs);
                pack = null;
            }
        }
        if (pack != null) {
            pack.finish();
            next.addAll(pack.blobs);
        }
        Set<String> oldIndexes = Set.copyOf(indexFiles);
        if (!next.isEmpty()) {
            writeIndex(next);
        }
        for (String name : oldIndexes) {
            store.delete(RepositoryStore.Kind.INDEX, name);
            indexFiles.remove(name);
        }
        Set<String> packsInUse = new HashSet<>();
        next.forEach(blob -> packsInUse.add(blob.pack()));
        for (String name : store.list(RepositoryStore.Kind.DATA)) {
            if (!packsInUse.contains(name)) {
                store.delete(RepositoryStore.Kind.DATA, name);
            }
        }
        store.deleteUnfinished();
        Map<String, Blob> fresh = new ConcurrentHashMap<>();
        next.forEach(blob -> fresh.put(blob.chunk(), blob));
        index = fresh;
        return deleted;
    }

    private static String newId() {
        byte[] id = new byte[ID_BYTES];
        RANDOM.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    private static String hex(ByteBuffer in) {
        byte[] id = new byte[ID_BYTES];
        in.get(id);
        return HexFormat.of().formatHex(id);
    }

    private static boolean isId(String name) {
        return name.length() == 2 * ID_BYTES
                && name.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }

    /** A pack being written; stored under its id when finished. */
    private final class Pack {

        final String id = newId();
        final List<Blob> blobs = new ArrayList<>();
        final RepositoryStore.PackOutput out;
        long size;

        Pack() throws IOException {
            out = store.newPack(id);
        }

        void append(String chunk, byte[] sealed) throws IOException {
            out.append(sealed);
            blobs.add(new Blob(chunk, id, size, sealed.length));
            size += sealed.length;
        }

        void finish() throws IOException {
            out.finish();
        }

        void discard() throws IOException {
            out.discard();
            blobs.forEach(blob -> pending.remove(blob.chunk()));
        }
    }
}
