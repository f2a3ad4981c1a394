package dev.arca.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Crash-safe file writes: a file is either absent, the old version or the complete new one, and
 * once a write returns it survives a power loss.
 */
final class DurableFiles {

    /**
     * Runs after a file is renamed into place and before its directory is synced. Production passes
     * {@link #NONE}; tests stop a write there, as a crash would.
     */
    interface RenameHook {
        RenameHook NONE = file -> {};

        void renamed(Path file) throws IOException;
    }

    private static final Set<OpenOption> CREATE = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    private static final FileAttribute<?>[] OWNER_ONLY =
            {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
    private static final int ATTEMPTS = 3;
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private DurableFiles() {}

    /**
     * Writes the bytes to a new temporary file beside the target, forces them to the device,
     * renames the file over the target atomically and forces the directory entry. The temporary
     * file's path is in {@code inFlight} while it exists, so that a concurrent cleanup leaves it.
     */
    static void writeAtomically(Path target, byte[] bytes, Set<Path> inFlight, RenameHook hook) throws IOException {
        Path dir = target.getParent();
        Path temp = null;
        FileChannel channel = null;
        for (int attempt = 1; channel == null; attempt++) {
            temp = dir.resolve(LocalLayout.TEMP_PREFIX + Long.toHexString(ThreadLocalRandom.current().nextLong())
                    + "-" + SEQUENCE.incrementAndGet() + LocalLayout.TEMP_SUFFIX);
            inFlight.add(temp);
            try {
                ensureDirectory(dir);
                channel = FileChannel.open(temp, CREATE, attributes(dir));
            } catch (NoSuchFileException | FileAlreadyExistsException e) {
                // A concurrent removal of empty directories took the directory away between its
                // creation and the file's, or a leftover holds the name: try again.
                inFlight.remove(temp);
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
        try {
            try (FileChannel out = channel) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            hook.renamed(target);
            syncDirectory(dir);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // Never a blob, never listed; the next scrub removes it.
            }
            inFlight.remove(temp);
        }
    }

    /** Deletes the file when present and forces the directory entry; true when it was present. */
    static boolean delete(Path file) throws IOException {
        if (!Files.deleteIfExists(file)) {
            return false;
        }
        syncDirectory(file.getParent());
        return true;
    }

    /** Creates the directory and missing parents, forcing each new entry into its parent. */
    static void ensureDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.getParent();
        if (parent != null) {
            ensureDirectory(parent);
        }
        try {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            if (Files.isDirectory(dir)) {
                return;
            }
            throw e;
        }
        if (parent != null) {
            syncDirectory(parent);
        }
    }

    /**
     * Forces a directory's entries (names created, renamed or removed) to the device. Where the
     * operating system refuses to open a directory (Windows), its file system persists entries
     * without this step, and it is skipped.
     */
    static void syncDirectory(Path dir) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(dir, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            return;
        }
        try (channel) {
            channel.force(true);
        }
    }

    private static FileAttribute<?>[] attributes(Path dir) {
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        return posix ? OWNER_ONLY : new FileAttribute<?>[0];
    }
}
