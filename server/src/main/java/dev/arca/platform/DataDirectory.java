package dev.arca.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The server's data directory, absolute and existing. */
public record DataDirectory(Path root) {

    /** Returns the named subdirectory, creating it when missing. */
    public Path subdirectory(String name) {
        Path dir = root.resolve(name);
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dir, e);
        }
    }

    /**
     * A secret key of 32 random bytes in {@code keys/<name>.key}, made on first use, readable by
     * the server's user only. Every node of one installation needs the same file.
     */
    public byte[] key(String name) throws java.io.IOException {
        java.nio.file.Path file = subdirectory("keys").resolve(name + ".key");
        if (!java.nio.file.Files.exists(file)) {
            byte[] key = new byte[32];
            new java.security.SecureRandom().nextBytes(key);
            java.nio.file.Path temp = java.nio.file.Files.createTempFile(file.getParent(), ".key", ".tmp");
            try {
                java.nio.file.Files.setPosixFilePermissions(temp,
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // the data directory's own access applies
            }
            java.nio.file.Files.write(temp, key);
            try {
                java.nio.file.Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                java.nio.file.Files.deleteIfExists(temp);
            }
        }
        return java.nio.file.Files.readAllBytes(file);
    }
}
