package dev.arca.client.backup;

import dev.arca.protocol.chunk.ContentHash;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;

/** Format 1: each chunk a file of its own, in the clear, at {@code chunks/<2 hex>/<sha256>}. */
final class LooseChunks implements ChunkStore {

    private final Path dir;

    LooseChunks(Path root) {
        this.dir = root.resolve("chunks");
    }

    @Override
    public boolean has(String sha256) {
        return Files.exists(path(sha256));
    }

    @Override
    public boolean put(String sha256, byte[] bytes, int length) throws IOException {
        Path path = path(sha256);
        if (Files.exists(path)) {
            return false;
        }
        Files.createDirectories(path.getParent());
        FolderStore.writeAtomically(path, ByteBuffer.wrap(bytes, 0, length));
        return true;
    }

    @Override
    public byte[] get(String sha256) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path(sha256));
        } catch (NoSuchFileException e) {
            throw new Repository.RepositoryException("Chunk " + sha256 + " is missing from the repository.");
        }
        if (!ContentHash.sha256Hex(bytes).equals(sha256)) {
            throw new Repository.RepositoryException("Chunk " + sha256
                    + " is damaged: its content does not match its hash.");
        }
        return bytes;
    }

    @Override
    public void flush() {
        // every chunk is durable once put returns
    }

    @Override
    public long deleteNotIn(Set<String> used) throws IOException {
        long deleted = 0;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                if (ContentHash.isSha256Hex(name) && !used.contains(name)) {
                    Files.deleteIfExists(file);
                    deleted++;
                }
            }
        }
        return deleted;
    }

    private Path path(String sha256) {
        if (!ContentHash.isSha256Hex(sha256)) {
            throw new IllegalArgumentException("not a chunk hash");
        }
        return dir.resolve(sha256.substring(0, 2)).resolve(sha256);
    }
}
