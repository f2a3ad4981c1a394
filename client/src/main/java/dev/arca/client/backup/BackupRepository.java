package dev.arca.client.backup;

import dev.arca.protocol.chunk.FastCdc;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A backup repository in the format of docs/backup-format.md, wherever its files are kept: a local
 * folder ({@link #inFolder}), or the signed-in server ({@link #onServer}, through a
 * {@link ServerStore}), which then holds only sealed bytes. Format 2 (the default) seals
 * every chunk, index and snapshot with AES-256-GCM under a repository key that passwords unwrap
 * ({@link KeySlots}), names chunks by a keyed hash and packs them ({@link PackedChunks}); format 1,
 * in folders only, keeps each chunk in a file of its own, in the clear, named by SHA-256
 * ({@link LooseChunks}). Every file is stored whole or not at all; a snapshot is written last, so
 * it never names a chunk that is not there.
 */
public final class BackupRepository implements Repository {

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

    private final RepositoryStore store;
    /** Null for a format-1 repository. */
    private final RepositoryKey key;
    /** The repository key's bytes, for adding key slots; null for format 1; wiped on close. */
    private final byte[] material;
    private final KeySlots slots;
    private final String openedSlot;
    private final ChunkStore chunks;

    private BackupRepository(RepositoryStore store, byte[] material, KeySlots slots, String openedSlot)
            throws IOException {
        this.store = store;
        this.material = material;
        this.key = material == null ? null : new RepositoryKey(material);
        this.slots = slots;
        this.openedSlot = openedSlot;
        this.chunks = key == null ? new LooseChunks(((FolderStore) store).root()) : new PackedChunks(store, key);
    }

    /** Where a repository is, before it is opened: whether one exists there, and how to open it. */
    public interface Place {
        boolean exists() throws IOException;

        BackupRepository open(Options options) throws IOException;
    }

    /** The repository in the folder {@code root}. */
    public static Place inFolder(Path root) {
        return new Place() {
            @Override
            public boolean exists() {
                return java.nio.file.Files.exists(root.resolve("config"));
            }

            @Override
            public BackupRepository open(Options options) throws IOException {
                return BackupRepository.open(root, options);
            }
        };
    }

    /** The repository called {@code name} on the signed-in server. */
    public static Place onServer(dev.arca.client.net.ServerApi api, String name) {
        return new Place() {
            @Override
            public boolean exists() throws IOException {
                try (ServerStore store = new ServerStore(api, name)) {
                    return store.config() != null;
                }
            }

            @Override
            public BackupRepository open(Options options) throws IOException {
                return BackupRepository.open(new ServerStore(api, name), options);
            }
        };
    }

    /** Opens a repository that must exist, shared, with the password when it is encrypted. */
    public static BackupRepository open(Path root, Password password) throws IOException {
        return open(root, new Options(false, true, false, password));
    }

    /** Opens (or creates, when asked) the repository in the folder {@code root}. */
    public static BackupRepository open(Path root, Options options) throws IOException {
        if (!java.nio.file.Files.exists(root.resolve("config"))) {
            if (!options.create()) {
                throw new RepositoryException("No backup repository at " + root + ".");
            }
            FolderStore.prepare(root, options.encrypt());
        }
        return open(new FolderStore(root), options);
    }

    /**
     * Opens the repository in {@code store}, creating it when asked and it does not exist, and
     * holds its lock until closed. Exclusive is for commands that delete (forget, prune); backups
     * and reads share it. A wrong password ({@link KeySlots.WrongPasswordException}) leaves
     * everything as it was. The store is closed when opening fails.
     */
    static BackupRepository open(RepositoryStore store, Options options) throws IOException {
        try {
            store.lock(options.exclusive());
            return openLocked(store, options);
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private static BackupRepository openLocked(RepositoryStore store, Options options) throws IOException {
        byte[] config = store.config();
        // Asked for once: the password that makes a repository also opens it.
        char[] password = null;
        if (config == null) {
            if (!options.create()) {
                throw new RepositoryException("No backup repository at " + store.describe() + ".");
            }
            if (!options.encrypt() && !(store instanceof FolderStore)) {
                throw new RepositoryException("A repository on the server is always encrypted.");
            }
            password = options.encrypt() ? options.password().get() : null;
            create(store, options.encrypt(), password);
            config = store.config();
        }
        var node = JSON.readTree(config);
        int version = node.path("version").asInt();
        if (!FORMAT.equals(node.path("format").asString()) || (version != PLAIN && version != ENCRYPTED)
                || (version == PLAIN && !(store instanceof FolderStore))) {
            throw new RepositoryException(store.describe() + " is not an arca backup repository of version " + PLAIN
                    + " or " + ENCRYPTED + ".");
        }
        if (node.path("chunker").path("avg").asInt() != FastCdc.DEFAULT.avgSize()) {
            throw new RepositoryException("The repository was made with other chunking parameters.");
        }
        if (version == PLAIN) {
            return new BackupRepository(store, null, null, null);
        }
        KeySlots slots = new KeySlots(store, node.path("id").asString());
        if (password == null) {
            password = options.password().get();
        }
        try {
            KeySlots.Opened opened = slots.open(password);
            return new BackupRepository(store, opened.key(), slots, opened.slot());
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
    }

    private static void create(RepositoryStore store, boolean encrypt, char[] password) throws IOException {
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
            new KeySlots(store, id).add(material, password);
            java.util.Arrays.fill(material, (byte) 0);
        }
        // false: another backup created it at the same moment; its config and key slot count
        store.createConfig(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(values));
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

    @Override
    public void willRead(List<String> sha256InOrder) throws IOException {
        chunks.willRead(sha256InOrder);
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
            store.write(RepositoryStore.Kind.SNAPSHOTS, snapshot.id() + ".json", json);
        } else {
            byte[] framed = Compression.frame(json, 0, json.length);
            store.write(RepositoryStore.Kind.SNAPSHOTS, snapshot.id(),
                    key.seal(framed, 0, framed.length, "snapshot " + snapshot.id()));
        }
    }

    /** All snapshots, oldest first. */
    @Override
    public List<Snapshot> snapshots() throws IOException {
        return read(false);
    }

    @Override
    public List<Snapshot> headers() throws IOException {
        return read(true);
    }

    @Override
    public Snapshot load(String id) throws IOException {
        if (!id.matches("[0-9a-f]{16}")) {
            throw new RepositoryException("No snapshot " + id + ".");
        }
        return JSON.readValue(json(key == null ? id + ".json" : id), Snapshot.class);
    }

    private List<Snapshot> read(boolean headersOnly) throws IOException {
        List<Snapshot> snapshots = new ArrayList<>();
        for (String name : store.list(RepositoryStore.Kind.SNAPSHOTS)) {
            if (key == null ? name.endsWith(".json") : name.matches("[0-9a-f]{16}")) {
                byte[] json = json(name);
                snapshots.add(headersOnly ? header(json, name) : JSON.readValue(json, Snapshot.class));
            }
        }
        snapshots.sort(Comparator.comparing(Snapshot::time).thenComparing(Snapshot::id));
        return snapshots;
    }

    /** A snapshot file's JSON: as it is in format 1, opened and unframed in format 2. */
    private byte[] json(String name) throws IOException {
        byte[] stored = store.read(RepositoryStore.Kind.SNAPSHOTS, name);
        return key == null ? stored
                : Compression.unframe(key.open(stored, "snapshot " + name), MAX_SNAPSHOT, "Snapshot " + name);
    }

    /** The snapshot's fields but its entries, which are written last and not parsed when they are. */
    private static Snapshot header(byte[] json, String name) throws IOException {
        try (tools.jackson.core.JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != tools.jackson.core.JsonToken.START_OBJECT) {
                throw new RepositoryException("Snapshot " + name + " is damaged: it is not a JSON object.");
            }
            Map<String, String> fields = new java.util.HashMap<>();
            while (parser.nextToken() == tools.jackson.core.JsonToken.PROPERTY_NAME) {
                String field = parser.currentName();
                if (field.equals("entries") && fields.containsKey("time") && fields.containsKey("source")) {
                    break;
                }
                tools.jackson.core.JsonToken value = parser.nextToken();
                if (value.isScalarValue()) {
                    fields.put(field, value == tools.jackson.core.JsonToken.VALUE_NULL ? null : parser.getString());
                } else {
                    parser.skipChildren();
                }
            }
            return new Snapshot(fields.get("id"), java.time.Instant.parse(fields.get("time")), fields.get("host"),
                    fields.get("source"), fields.get("parent"), List.of());
        } catch (RuntimeException e) {
            throw new RepositoryException("Snapshot " + name + " is damaged: " + e.getMessage());
        }
    }

    @Override
    public void deleteSnapshot(String id) throws IOException {
        store.delete(RepositoryStore.Kind.SNAPSHOTS, key == null ? id + ".json" : id);
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
            store.close();
        }
    }
}
