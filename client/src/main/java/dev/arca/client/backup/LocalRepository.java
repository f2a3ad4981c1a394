package dev.arca.client.backup;

import dev.arca.protocol.chunk.ContentHash;
import dev.arca.protocol.chunk.FastCdc;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/**
 * A backup repository in a local folder: content-addressed chunks, cut with the same FastCDC
 * as the server, and one JSON file per snapshot. Every file is written to a temporary name,
 * forced to disk and renamed, so a repository interrupted at any moment holds complete files
 * only; a snapshot is written last, so it never names a chunk that is not there. The format
 * is in docs/backup-format.md.
 */
public final class LocalRepository implements Repository {

    /** The repository is damaged or of another kind; the message says how. */
    static final String FORMAT = "arca-backup";
    static final int VERSION = 1;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private LocalRepository(Path root, boolean exclusive) throws IOException {
        this.root = root;
        this.lockChannel = FileChannel.open(root.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock taken = lockChannel.tryLock(0, Long.MAX_VALUE, !exclusive);
        if (taken == null) {
            lockChannel.close();
            throw new RepositoryException("The repository is in use by another arca command; try again when it ends.");
        }
        this.lock = taken;
    }

    /**
     * Opens the repository at {@code root}, creating it when {@code create} and it does not
     * exist. {@code exclusive} is for commands that delete (forget, prune); backups and reads
     * share the repository.
     */
    public static LocalRepository open(Path root, boolean create, boolean exclusive) throws IOException {
        Path config = root.resolve("config");
        if (!Files.exists(config)) {
            if (!create) {
                throw new RepositoryException("No backup repository at " + root + ".");
            }
            if (Files.exists(root) && !Files.isDirectory(root)) {
                throw new RepositoryException(root + " is a file, not a folder.");
            }
            Files.createDirectories(root.resolve("chunks"));
            Files.createDirectories(root.resolve("snapshots"));
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("format", FORMAT);
            values.put("version", VERSION);
            values.put("id", Repository.randomId());
            values.put("chunker", Map.of("algorithm", "fastcdc", "min", FastCdc.DEFAULT.minSize(),
                    "avg", FastCdc.DEFAULT.avgSize(), "max", FastCdc.DEFAULT.maxSize()));
            try {
                writeNew(config, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(values));
            } catch (FileAlreadyExistsException raced) {
                // another backup created it at the same moment; it is the same kind of repository
            }
        }
        var node = JSON.readTree(Files.readAllBytes(config));
        if (!FORMAT.equals(node.path("format").asString()) || node.path("version").asInt() != VERSION) {
            throw new RepositoryException(root + " is not an arca backup repository of version " + VERSION + ".");
        }
        if (node.path("chunker").path("avg").asInt() != FastCdc.DEFAULT.avgSize()) {
            throw new RepositoryException("The repository was made with other chunking parameters.");
        }
        return new LocalRepository(root, exclusive);
    }

    @Override
    public boolean hasChunk(String sha256) {
        return Files.exists(chunkPath(sha256));
    }

    /** Stores a chunk under its hash unless it is there; true when it was written. */
    @Override
    public boolean putChunk(String sha256, byte[] bytes, int length) throws IOException {
        Path path = chunkPath(sha256);
        if (Files.exists(path)) {
            return false;
        }
        Files.createDirectories(path.getParent());
        writeAtomically(path, ByteBuffer.wrap(bytes, 0, length));
        return true;
    }

    /** A chunk's bytes, verified against its hash. */
    @Override
    public byte[] chunk(String sha256) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(chunkPath(sha256));
        } catch (NoSuchFileException e) {
            throw new RepositoryException("Chunk " + sha256 + " is missing from the repository.");
        }
        if (!ContentHash.sha256Hex(bytes).equals(sha256)) {
            throw new RepositoryException("Chunk " + sha256 + " is damaged: its content does not match its hash.");
        }
        return bytes;
    }

    /** Every chunk hash in the repository. */
    @Override
    public List<String> chunkHashes() throws IOException {
        try (Stream<Path> files = Files.walk(root.resolve("chunks"))) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(ContentHash::isSha256Hex).toList();
        }
    }

    @Override
    public void deleteChunk(String sha256) throws IOException {
        Files.deleteIfExists(chunkPath(sha256));
    }

    @Override
    public void saveSnapshot(Snapshot snapshot) throws IOException {
        writeAtomically(root.resolve("snapshots").resolve(snapshot.id() + ".json"),
                ByteBuffer.wrap(JSON.writeValueAsBytes(snapshot)));
    }

    /** All snapshots, oldest first. */
    @Override
    public List<Snapshot> snapshots() throws IOException {
        List<Snapshot> snapshots = new ArrayList<>();
        try (Stream<Path> files = Files.list(root.resolve("snapshots"))) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
                snapshots.add(JSON.readValue(Files.readAllBytes(file), Snapshot.class));
            }
        }
        snapshots.sort(Comparator.comparing(Snapshot::time).thenComparing(Snapshot::id));
        return snapshots;
    }

    @Override
    public void deleteSnapshot(String id) throws IOException {
        Files.deleteIfExists(root.resolve("snapshots").resolve(id + ".json"));
    }

    private Path chunkPath(String sha256) {
        if (!ContentHash.isSha256Hex(sha256)) {
            throw new IllegalArgumentException("not a chunk hash");
        }
        return root.resolve("chunks").resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    /** Temp file, force, rename, force the folder: the file is there complete or not at all. */
    private static void writeAtomically(Path target, ByteBuffer content) throws IOException {
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

    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException ignored) {
            // Some file systems cannot sync a folder; the rename is still atomic there.
        }
    }

    @Override
    public void close() throws IOException {
        lock.release();
        lockChannel.close();
    }
}
