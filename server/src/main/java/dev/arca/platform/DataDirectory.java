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
}
