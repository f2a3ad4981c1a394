package dev.arca.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * The directory of the server's secret keys: {@code arca.keys-dir} ({@code ARCA_KEYS_DIR}), by
 * default {@code keys/} in the data directory.
 *
 * <p>Keep it apart from the data directory (another disk, a secrets mount) and a copy of the
 * data directory alone decrypts nothing, and an account erased since the copy was taken stays
 * erased: its key material is deleted here (see {@code docs/ARCHITECTURE.md}, "Keys"). Every
 * node of one installation needs the same directory. Files are readable by the server's user
 * only; each is written to a temporary file, forced to disk and moved into place.
 */
public record KeyDirectory(Path root) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public KeyDirectory {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the key directory " + root, e);
        }
    }

    /** The 32-byte secret {@code <name>.key}, made with random bytes on first use. */
    public byte[] secret(String name) {
        Path file = root.resolve(name + ".key");
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                RANDOM.nextBytes(key);
                try {
                    write(file, key, false);
                } catch (FileAlreadyExistsException raced) {
                    // another thread or node made it first; use theirs
                }
            }
            byte[] key = Files.readAllBytes(file);
            if (key.length != 32) {
                throw new IllegalStateException("The key file " + file + " has " + key.length + " bytes, expected 32");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the key " + file, e);
        }
    }

    /** The bytes of {@code name}, a file below the directory, if it exists. */
    public Optional<byte[]> read(String name) {
        try {
            return Optional.of(Files.readAllBytes(root.resolve(name)));
        } catch (java.nio.file.NoSuchFileException absent) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + name + " in the key directory", e);
        }
    }

    /**
     * Writes {@code name} atomically, creating its parent folders.
     *
     * @param replace whether an existing file is replaced; otherwise it raises
     *     {@link FileAlreadyExistsException}
     */
    public void write(String name, byte[] bytes, boolean replace) throws IOException {
        write(root.resolve(name), bytes, replace);
    }

    /** Deletes {@code name} if it exists, and forces the deletion to disk. */
    public void delete(String name) {
        Path file = root.resolve(name);
        try {
            if (Files.deleteIfExists(file)) {
                forceDirectory(file.getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + name + " in the key directory", e);
        }
    }

    private static void write(Path file, byte[] bytes, boolean replace) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), ".key", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // the file system has no POSIX permissions; its own access control applies
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(bytes));
                channel.force(true);
            }
            if (replace) {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                // A hard link fails when the name exists, where a move would replace it.
                Files.createLink(file, temp);
            }
            forceDirectory(file.getParent());
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException notSupported) {
            // some file systems cannot open a directory; the rename is then as durable as they make it
        }
    }
}
