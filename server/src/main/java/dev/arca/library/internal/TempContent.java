package dev.arca.library.internal;

import dev.arca.platform.DataDirectory;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.springframework.stereotype.Component;

/**
 * Plain copies of stored content for the readers that need a file (metadata, previews), in
 * {@code <data dir>/tmp}, readable by the server's user only and deleted as soon as the
 * reader is done; whatever a crash leaves there is deleted at the next start.
 */
@Component
public class TempContent {

    /** A temporary plain copy; closing deletes it. */
    public record Copy(Path path) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            Files.deleteIfExists(path);
        }
    }

    private final Path dir;
    private final ContentReader reader;

    TempContent(DataDirectory dataDirectory, ContentReader reader) throws IOException {
        this.dir = dataDirectory.subdirectory("tmp");
        this.reader = reader;
        try (var leftovers = Files.list(dir)) {
            for (Path leftover : leftovers.toList()) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    /** Copies a stored version to a temporary file whose name ends in {@code extension}. */
    public Copy copy(String accountId, String versionId, long size, String extension) throws IOException {
        Path file = Files.createTempFile(dir, "content-", extension);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // The file system has no POSIX permissions; the data directory's own access applies.
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            if (size > 0) {
                reader.write(accountId, versionId, 0, size - 1, out);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return new Copy(file);
    }

    /** The file name's extension, lower case with its dot, when it is a plain short one; else empty. */
    public static String extensionOf(String filename) {
        int dot = filename.lastIndexOf('.');
        String ext = dot < 0 ? "" : filename.substring(dot).toLowerCase(java.util.Locale.ROOT);
        return ext.matches("\\.[a-z0-9]{1,8}") ? ext : "";
    }
}
