package dev.arca.library;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A temporary plain copy of stored content, for readers that need a file (metadata, previews,
 * resizing), readable by the server's user only; closing deletes it.
 */
public record PlainCopy(Path path) implements AutoCloseable {
    @Override
    public void close() throws IOException {
        Files.deleteIfExists(path);
    }
}
