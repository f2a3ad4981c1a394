package dev.arca.client.backup;

import dev.arca.protocol.chunk.FastCdc;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/**
 * A backup repository in a local folder: content-addressed chunks, cut with the same FastCDC
 * as the server, and one file per snapshot. Format 2 (the default) seals every chunk, index and
 * snapshot with AES-256-GCM under a repository key that passwords unwrap ({@link KeySlots}), names
 * chunks by a keyed hash and packs them ({@link PackedChunks}); format 1 keeps each chunk in a file
 * of its own, in the clear, named by SHA-256 ({@link LooseChunks}). Every file is
 * written to a temporary name, forced to disk and renamed, so a repository interrupted at any
 * moment holds complete files only; a snapshot is written last, so it never names a chunk that is
 * not there. The format is in docs/backup-format.md.
 */
public final class LocalRepository implements Repository {

    static final String FORMAT = "arca-backup";
    static final int PLAIN = 1;
    static final int ENCRYPTED = 2;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The largest snapshot a repository opens: a million entries of about a kilobyte. */
    private static final long MAX_SNAPSHOT = 1L << 30;

    /** Supplies the password when an encrypted repository needs one, and only then. */
    @FunctionalInterface
    public interface Password {
        char[] get() throws IOException;
    }

    /** How to open: create when missing (and then encrypted or not), share or hold exclusively. */
    public record Options(boolean create, boolean encrypt, boolean exclusive, Password password) {}

    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;
    /** Null for a format-1 repository. */
    private final RepositoryKey key;
    /** The repository key's bytes, for adding key slots; null for format 1; wiped on close. */
    private final byte[] material;
    private final KeySlots slots;
    private final String openedSlot;
    private final ChunkStore chunks;

    private LocalRepository(Path root, boolean exclusive, byte[] material, KeySlots slots, String openedSlot)
            throws IOException {
        this.root = root;
        this.material = material;
        this.key = material == null ? null : new RepositoryKey(material);
        this.slots = slots;
        this.openedSlot = openedSlot;
        this.lockChannel = FileChannel.open(root.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock taken = lockChannel.tryLock(0, Long.MAX_VALUE, !exclusive);
        if (taken == null) {
            lockChannel.close();
            throw new RepositoryException("The repository is in use by another arca command; try again when it ends.");
        }
        this.lock = taken;
        // Read under the lock, so a prune cannot replace the index meanwhile.
        try {
            this.chunks = key == null ? new LooseChunks(root) : new PackedChunks(root, key);
        } catch (IOException | RuntimeException e) {
            lock.release();
            lockChannel.close();
            throw e;
        }
    }

    /** Opens a repository that must exist, shared, with the password when it is encrypted. */
    public static LocalRepository open(Path root, Password password) throws IOException {
        return open(root, new Options(false, true, false, password));
    }

    /**
     * Opens the repository at {@code root}, creating it when asked and it does not exist.
     * Exclusive is for commands that delete (forget, prune); backups and reads share it. A wrong
     * password ({@link KeySlots.WrongPasswordException}) leaves everything as it was.
     */
    public static LocalRepository open(Path root, Options options) throws IOException {
        Path config = root.resolve("config");
        // Asked for once: the password that makes a repository also opens it.
        char[] password = null;
        if (!Files.exists(config)) {
            if (!options.create()) {
                throw new RepositoryException("No backup repository at " + root + ".");
            }
            password = options.encrypt() ? options.password().get() : null;
            create(root, config, options.encrypt(), password);
        }
        var node = JSON.readTree(Files.readAllBytes(config));
        int version = node.path("version").asInt();
        if (!FORMAT.equals(node.path("format").asString()) || (version != PLAIN && version != ENCRYPTED)) {
            throw new RepositoryException(root + " is not an arca backup repository of version " + PLAIN + " or "
                    + ENCRYPTED + ".");
        }
        if (node.path("chunker").path("avg").asInt() != FastCdc.DEFAULT.avgSize()) {
            throw new RepositoryException("The repository was made with other chunking parameters.");
        }
        if (version == PLAIN) {
            return new LocalRepository(root, options.exclusive(), null, null, null);
        }
        KeySlots slots = new KeySlots(root, node.path("id").asString());
        if (password == null) {
            password = options.password().get();
        }
        try {
            KeySlots.Opened opened = slots.open(password);
            return new LocalRepository(root, options.exclusive(), opened.key(), slots, opened.slot());
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
    }

    private static void create(Path root, Path config, boolean encrypt, char[] password) throws IOException {
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new RepositoryException(root + " is a file, not a folder.");
        }
        Files.createDirectories(root.resolve(encrypt ? "data" : "chunks"));
        if (encrypt) {
            Files.createDirectories(root.resolve("index"));
        }
        Files.createDirectories(root.resolve("snapshots"));
        String id = Repository.randomId();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("format", FORMAT);
        values.put("version", encrypt ? ENCRYPTED : PLAIN);
        values.put("id", id);
        values.put("chunker", Map.of("algorithm", "fastcdc", "min", FastCdc.DEFAULT.minSize(),
                "avg", FastCdc.DEFAULT.avgSize(), "max", FastCdc.DEFAULT.maxSize()));
        if (encrypt) {
            values.put("encryption", Map.of("cipher", "AES-256-GCM", "chunkIds", "HMAC-SHA-256", "kdf", "argon2id"));
            values.put("packs", Map.of("size", PackedChunks.PACK_SIZE));
            // The key slot first: a config naming a repository nobody can open never exists.
            byte[] material = RepositoryKey.random();
            new KeySlots(root, id).add(material, password);
            java.util.Arrays.fill(material, (byte) 0);
        }
        try {
            writeNew(config, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(values));
        } catch (FileAlreadyExistsException raced) {
            // another backup created it at the same moment; its config and key slot count
        }
    }

    /** Whether the repository is encrypted (format 2). */
    public boolean encrypted() {
        return key != null;
    }

    /** The key slots of an encrypted repository, for {@code arca key}. */
    public List<KeySlots.Slot> keys() throws IOException {
        return requireSlots().list();
    }

    /** Adds a password: the same repository key, wrapped under it in a new slot; returns its id. */
    public String addKey(char[] password) throws IOException {
        return requireSlots().add(material, password);
    }

    /** Removes a slot; never the last. */
    public void removeKey(String id) throws IOException {
        requireSlots().remove(id);
    }

    /** Replaces the slot the repository was opened with by one under {@code password}; returns its id. */
    public String changePassword(char[] password) throws IOException {
        String added = addKey(password);
        requireSlots().remove(openedSlot);
        return added;
    }

    private KeySlots requireSlots() throws RepositoryException {
        if (slots == null) {
            throw new RepositoryException("This repository is not encrypted, so it has no keys.");
        }
        return slots;
    }

    @Override
    public boolean hasChunk(String sha256) {
        return chunks.has(sha256);
    }

    /** Stores a chunk under its hash unless it is there; true when it was written. Safe from several threads. */
    @Override
    public boolean putChunk(String sha256, byte[] bytes, int length) throws IOException {
        return chunks.put(sha256, bytes, length);
    }

    /** A chunk's bytes, verified as {@link Repository#chunk} says. */
    @Override
    public byte[] chunk(String sha256) throws IOException {
        return chunks.get(sha256);
    }

    @Override
    public long deleteChunksNotIn(java.util.Set<String> used) throws IOException {
        return chunks.deleteNotIn(used);
    }

    @Override
    public void saveSnapshot(Snapshot snapshot) throws IOException {
        // Every chunk the snapshot names is durable and indexed before the snapshot exists.
        chunks.flush();
        byte[] json = JSON.writeValueAsBytes(snapshot);
        if (key == null) {
            writeAtomically(root.resolve("snapshots").resolve(snapshot.id() + ".json"), ByteBuffer.wrap(json));
        } else {
            byte[] framed = Compression.frame(json, 0, json.length);
            writeAtomically(root.resolve("snapshots").resolve(snapshot.id()),
                    ByteBuffer.wrap(key.seal(framed, 0, framed.length, "snapshot " + snapshot.id())));
        }
    }

    /** All snapshots, oldest first. */
    @Override
    public List<Snapshot> snapshots() throws IOException {
        List<Snapshot> snapshots = new ArrayList<>();
        try (Stream<Path> files = Files.list(root.resolve("snapshots"))) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (key == null && name.endsWith(".json")) {
                    snapshots.add(JSON.readValue(Files.readAllBytes(file), Snapshot.class));
                } else if (key != null && name.matches("[0-9a-f]{16}")) {
                    byte[] framed = key.open(Files.readAllBytes(file), "snapshot " + name);
                    snapshots.add(JSON.readValue(Compression.unframe(framed, MAX_SNAPSHOT, "Snapshot " + name),
                            Snapshot.class));
                }
            }
        }
        snapshots.sort(Comparator.comparing(Snapshot::time).thenComparing(Snapshot::id));
        return snapshots;
    }

    @Override
    public void deleteSnapshot(String id) throws IOException {
        Files.deleteIfExists(root.resolve("snapshots").resolve(key == null ? id + ".json" : id));
    }

    /** Temp file, force, rename, force the folder: the file is there complete or not at all. */
    static void writeAtomically(Path target, ByteBuffer content) throws IOException {
        Path temp = target.resolveSibling(".tmp-" + Repository.randomId() + "-" + target.getFileName());
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            while (content.hasRemaining()) {
                channel.write(content);
            }
            channel.force(true);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        forceDirectory(target.getParent());
    }

    private static void writeNew(Path target, byte[] content) throws IOException {
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        writeAtomically(target, ByteBuffer.wrap(content));
    }

    static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException ignored) {
            // Some file systems cannot sync a folder; the rename is still atomic there.
        }
    }

    @Override
    public void close() throws IOException {
        try {
            // Chunks of an interrupted command stay findable, so the next backup does not write them again.
            chunks.flush();
        } finally {
            if (material != null) {
                java.util.Arrays.fill(material, (byte) 0);
            }
            lock.release();
            lockChannel.close();
        }
    }
}
