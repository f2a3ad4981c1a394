package dev.arca.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reaching into a local store's directories, as damage or a crash would. */
final class LocalFiles {

    private LocalFiles() {}

    /** Where the key's file is in a data directory. */
    static Path replica(Path root, String key) {
        return LocalLayout.place(key).in(root);
    }

    /** Inverts one bit of the byte at the offset from the end, as silent disk damage would. */
    static void flipByteFromEnd(Path file, int fromEnd) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - fromEnd] ^= 0x10;
        Files.write(file, bytes);
    }

    static LocalBlobStore open(Path... dirs) {
        return new LocalBlobStore(java.util.List.of(dirs), 1, new TestClock());
    }
}
