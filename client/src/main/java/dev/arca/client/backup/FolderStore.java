package dev.arca.client.backup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * A repository in a local folder: {@code config}, {@code lock}, and a folder per kind, packs
 * spread over {@code data/<2 hex>/}. Every file is written to a temporary name in its folder,
 * forced to disk and renamed, and the folder forced: it is there complete or not at all.
 */
final class FolderStore implements RepositoryStore {

    private final Path root;
    private FileChannel lockChannel;
    private FileLock lock;

    FolderStore(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    @Override
    public String describe() {
        return root.toString();
    }

    @Override
    public byte[] config() throws IOException {
        Path config = root.resolve("config");
        return Files.exists(config) ? Files.readAllBytes(config) : null;
    }

    @Override
    public boolean createConfig(byte[] bytes) throws IOException {
        Path config = root.resolve("config");
        if (Files.exists(config)) {
            return false;
        }
        writeAtomically(config, ByteBuffer.wrap(bytes));
        return true;
    }

    @Override
    public void lock(boolean exclusive) throws IOException {
        lockChannel = FileChannel.open(root.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock taken = lockChannel.tryLock(0, Long.MAX_VALUE, !exclusive);
        if (taken == null) {
            lockChannel.close();
            lockChannel = null;
            throw new Repository.RepositoryException("The repository is in use by another arca command; try again "
                    + "when it ends.");
        }
        lock = taken;
    }

    @Override
    public byte[] read(Kind kind, String name) throws IOException {
        try {
            return Files.readAllBytes(path(kind, name));
        } catch (NoSuchFileException e) {
            throw missing(kind, name);
        }
    }

    @Override
    public byte[] read(Kind kind, String name, long offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        try (FileChannel channel = FileChannel.open(path(kind, name), StandardOpenOption.READ)) {
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, offset + buffer.position()) < 0) {
                    throw new Repository.RepositoryException("The " + kind.folder() + " file " + name
                            + " is damaged: it is cut short.");
                }
            }
        } catch (NoSuchFileException e) {
            throw missing(kind, name);
        }
        return buffer.array();
    }

    @Override
    public void write(Kind kind, String name, byte[] bytes) throws IOException {
        Path path = path(kind, name);
        Files.createDirectories(path.getParent());
        writeAtomically(path, ByteBuffer.wrap(bytes));
    }

    @Override
    public List<String> list(Kind kind) throws IOException {
        Path dir = root.resolve(kind.folder());
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir, kind == Kind.DATA ? 2 : 1)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".tmp-")).sorted().toList();
        }
    }

    @Override
    public void delete(Kind kind, String name) throws IOException {
        Path path = path(kind, name);
        Files.deleteIfExists(path);
        forceDirectory(path.getParent());
    }

    @Override
    public void deleteUnfinished() throws IOException {
        for (Kind kind : Kind.values()) {
            Path dir = root.resolve(kind.folder());
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path file : files.filter(p -> p.getFileName().toString().startsWith(".tmp-")).toList()) {
                        Files.deleteIfExists(file);
                    }
                }
            }
        }
    }

    @Override
    public PackOutput newPack(String name) throws IOException {
        Path target = path(Kind.DATA, name);
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling(".tmp-" + name);
        FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new PackOutput() {
            @Override
            public void append(byte[] bytes) throws IOException {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }

            @Override
            public void finish() throws IOException {
                channel.force(true);
                channel.close();
                move(temp, target);
                forceDirectory(target.getParent());
            }

            @Override
            public void discard() throws IOException {
                channel.close();
                Files.deleteIfExists(temp);
            }
        };
    }

    private Path path(Kind kind, String name) {
        Path dir = root.resolve(kind.folder());
        return kind == Kind.DATA ? dir.resolve(name.substring(0, 2)).resolve(name) : dir.resolve(name);
    }

    private Repository.RepositoryException missing(Kind kind, String name) {
        return new Repository.RepositoryException("The " + kind.folder() + " file " + name + " is missing from the "
                + "repository.");
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
        move(temp, target);
        forceDirectory(target.getParent());
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException ignored) {
            // Some file systems cannot sync a folder; the rename is still atomic there.
        }
    }

    /** Refuses a root that is a file; makes the folders of a new repository. */
    static void prepare(Path root, boolean packed) throws IOException {
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new Repository.RepositoryException(root + " is a file, not a folder.");
        }
        Files.createDirectories(root.resolve("snapshots"));
        Files.createDirectories(root.resolve(packed ? "data" : "chunks"));
    }

    @Override
    public void close() throws IOException {
        if (lock != null) {
            lock.release();
            lockChannel.close();
            lock = null;
        }
    }
}
