package dev.arca.client.net;

import dev.arca.protocol.chunk.ContentHash;
import dev.arca.protocol.manifest.ChunkRef;
import dev.arca.protocol.manifest.FileManifest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Content to and from the server chunk by chunk, as sync and transfer send it: ask which chunks
 * the account lacks, send only those (read again from the file and checked against the manifest),
 * and fetch a file's chunks, taking what a local source holds, into a file checked against the
 * manifest's SHA-256.
 */
public final class ChunkTransfer {

    /** Where a test may cut a transfer off, as a crash or a broken connection would. */
    public interface Checkpoint {
        Checkpoint NONE = step -> {};

        void at(String step) throws IOException;
    }

    /** Chunks this device holds already; {@code read} answers null for one it does not. */
    public interface LocalSource {
        LocalSource NONE = chunk -> null;

        byte[] read(ChunkRef chunk) throws IOException;
    }

    /** The file no longer has the content its manifest describes. */
    public static final class FileChangedException extends IOException {
        public FileChangedException(Path file) {
            super(file + " changed while it was sent");
        }
    }

    private static final int QUESTION = 10_000;

    private ChunkTransfer() {}

    /** Sends the chunks among {@code candidates} that the server says it lacks, read from {@code file}. */
    public static void sendMissing(ServerApi api, Path file, FileManifest manifest, List<String> candidates,
            Checkpoint checkpoint) throws IOException {
        Set<String> missing = new LinkedHashSet<>();
        for (int from = 0; from < candidates.size(); from += QUESTION) {
            JsonNode answer = api.post("/api/v1/sync/chunks/missing",
                    Map.of("hashes", candidates.subList(from, Math.min(candidates.size(), from + QUESTION))));
            answer.path("missing").forEach(h -> missing.add(h.asString()));
        }
        if (missing.isEmpty()) {
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long offset = 0;
            for (ChunkRef chunk : manifest.chunks()) {
                if (missing.remove(chunk.sha256())) {
                    byte[] bytes = read(channel, offset, chunk.length());
                    if (!ContentHash.sha256Hex(bytes).equals(chunk.sha256())) {
                        throw new FileChangedException(file);
                    }
                    checkpoint.at("chunk");
                    api.putBytes("/api/v1/sync/chunks/" + chunk.sha256(), bytes);
                }
                offset += chunk.length();
            }
        }
    }

    /** Sends every chunk of the file the server lacks. */
    public static void sendMissing(ServerApi api, Path file, FileManifest manifest, Checkpoint checkpoint)
            throws IOException {
        sendMissing(api, file, manifest, manifest.chunks().stream().map(ChunkRef::sha256).distinct().toList(),
                checkpoint);
    }

    /**
     * Writes the manifest's content to {@code target}, which must not exist, and syncs it to disk.
     *
     * @throws IOException when a chunk or the whole does not match its hash (the target is then incomplete)
     */
    public static void fetch(ServerApi api, FileManifest manifest, Path target, LocalSource local,
            Checkpoint checkpoint) throws IOException {
        MessageDigest digest = ContentHash.newSha256();
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (ChunkRef chunk : manifest.chunks()) {
                byte[] bytes = local.read(chunk);
                if (bytes == null) {
                    checkpoint.at("fetch");
                    bytes = api.bytes("/api/v1/sync/chunks/" + chunk.sha256());
                    if (!ContentHash.sha256Hex(bytes).equals(chunk.sha256())) {
                        throw new IOException("the server sent a chunk that does not match its hash");
                    }
                }
                digest.update(bytes);
                out.write(ByteBuffer.wrap(bytes));
            }
            out.force(true);
        }
        if (!ContentHash.hex(digest).equals(manifest.sha256())) {
            throw new IOException("the content received does not match its hash");
        }
    }

    /** Reads {@code length} bytes at {@code offset}. */
    public static byte[] read(FileChannel channel, long offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) {
                throw new IOException("the file is shorter than its manifest");
            }
        }
        return buffer.array();
    }
}
