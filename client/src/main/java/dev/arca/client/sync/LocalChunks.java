package dev.arca.client.sync;

import dev.arca.client.net.ChunkTransfer;
import dev.arca.protocol.chunk.ContentHash;
import dev.arca.protocol.manifest.ChunkRef;
import dev.arca.protocol.manifest.FileManifest;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * The chunks this device already holds in its synced files, by hash, so a download takes what it
 * can from the local disk (a renamed file, an edited copy, the unchanged parts of a modified
 * video) and fetches only the rest. Built on first use from the scan's manifests; a chunk read
 * from disk is used only if it still hashes right.
 */
final class LocalChunks implements ChunkTransfer.LocalSource {

    private record Location(LocalScan.LocalFile file, long offset, int length) {}

    private final Map<String, LocalScan.LocalFile> files;
    private Map<String, Location> index;

    LocalChunks(Map<String, LocalScan.LocalFile> files) {
        this.files = files;
    }

    /** The chunk's bytes from a local file, or null when no local file holds it intact. */
    @Override
    public byte[] read(ChunkRef chunk) throws IOException {
        Location at = index().get(chunk.sha256());
        if (at == null || at.length() != chunk.length()) {
            return null;
        }
        try (FileChannel channel = FileChannel.open(at.file().file(), StandardOpenOption.READ)) {
            byte[] bytes = ChunkTransfer.read(channel, at.offset(), at.length());
            return ContentHash.sha256Hex(bytes).equals(chunk.sha256()) ? bytes : null;
        } catch (IOException gone) {
            return null;
        }
    }

    private synchronized Map<String, Location> index() {
        if (index == null) {
            index = new HashMap<>();
            for (LocalScan.LocalFile file : files.values()) {
                long offset = 0;
                for (ChunkRef chunk : FileManifest.parse(file.manifest()).chunks()) {
                    index.putIfAbsent(chunk.sha256(), new Location(file, offset, chunk.length()));
                    offset += chunk.length();
                }
            }
        }
        return index;
    }
}
