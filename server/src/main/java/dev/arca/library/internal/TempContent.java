package dev.arca.library.internal;

import dev.arca.library.PlainCopy;
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
    public PlainCopy copy(String accountId, String versionId, long size, String extension) throws IOException {
        return copy(extension, out -> {
            if (size > 0) {
                reader.write(accountId, versionId, 0, size - 1, out);
            }
        });
    }

    /** Copies the content a list of the account's chunks makes to a temporary file. */
    public PlainCopy copy(String accountId, java.util.List<dev.arca.protocol.manifest.ChunkRef> chunks, String extension)
            throws IOException {
        return copy(extension, out -> reader.write(accountId, chunks, out));
    }

    private interface Writer {
        void to(OutputStream out) throws IOException;
    }

    private PlainCopy copy(String extension, Writer content) throws IOException {
        Path file = Files.createTempFile(dir, "content-", extension);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // The file system has no POSIX permissions; the data directory's own access applies.
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            content.to(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return new PlainCopy(file);
    }

    /** The file name's extension, lower case with its dot, when it is a plain short one; else empty. */
    public static String extensionOf(String filename) {
        int dot = filename.lastIndexOf('.');
        String ext = dot < 0 ? "" : filename.substring(dot).toLowerCase(java.util.Locale.ROOT);
        return ext.matches("\\.[a-z0-9]{1,8}") ? ext : "";
    }
}
