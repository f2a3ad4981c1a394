package dev.arca.storage.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server key that wraps every account's data key. Given by configuration (base64 of 32
 * bytes; every node of a distributed installation needs the same one) or kept in
 * {@code <data dir>/keys/server.key}, created with owner-only permissions on first start.
 */
public final class ServerKey {

    public static final int LENGTH = 32;

    private ServerKey() {}

    /** The configured key when {@code configured} is not blank, else the one in {@code keyDir}. */
    public static SecretKey load(String configured, Path keyDir) {
        if (configured != null && !configured.isBlank()) {
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(configured.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("arca.storage.server-key is not valid base64");
            }
            if (raw.length != LENGTH) {
                throw new IllegalStateException("arca.storage.server-key must be " + LENGTH + " bytes, base64 encoded");
            }
            return new SecretKeySpec(raw, "AES");
        }
        try {
            return new SecretKeySpec(readOrCreate(keyDir.resolve("server.key")), "AES");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the server key in " + keyDir, e);
        }
    }

    private static byte[] readOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            byte[] raw = Files.readAllBytes(file);
            if (raw.length != LENGTH) {
                throw new IllegalStateException("The server key file has " + raw.length + " bytes, expected " + LENGTH);
            }
            return raw;
        }
        byte[] raw = new byte[LENGTH];
        new SecureRandom().nextBytes(raw);
        Path temp = file.resolveSibling("server.key.tmp");
        Files.deleteIfExists(temp);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ownerOnly(temp);
            channel.write(ByteBuffer.wrap(raw));
            channel.force(true);
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException raced) {
            Files.delete(temp);
            return readOrCreate(file);
        }
        return raw;
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // The file system has no POSIX permissions; its own access control applies.
        }
    }
}
