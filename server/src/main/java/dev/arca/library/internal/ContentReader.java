package dev.arca.library.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads a stored version back, whole or a byte range, chunk by chunk. */
@Component
public class ContentReader {

    private record Piece(long offset, int length, String hash) {}

    private final JdbcClient jdbc;
    private final StoredChunks stored;

    ContentReader(JdbcClient jdbc, StoredChunks stored) {
        this.jdbc = jdbc;
        this.stored = stored;
    }

    /** Writes the content the chunks make, in order. */
    public void write(String accountId, List<dev.arca.protocol.manifest.ChunkRef> chunks, OutputStream out)
            throws IOException {
        for (var chunk : chunks) {
            byte[] bytes = stored.read(accountId, chunk.sha256());
            if (bytes.length != chunk.length()) {
                throw new IOException("a stored chunk has the wrong length");
            }
            out.write(bytes);
        }
    }

    /** Writes bytes {@code first..last} (inclusive) of the version to {@code out}. */
    public void write(String accountId, String versionId, long first, long last, OutputStream out) throws IOException {
        List<Piece> pieces = jdbc.sql("SELECT byte_offset, length, hash FROM version_chunks "
                        + "WHERE version_id = ? AND byte_offset + length > ? AND byte_offset <= ? ORDER BY seq")
                .params(versionId, first, last)
                .query((rs, n) -> new Piece(rs.getLong(1), rs.getInt(2), rs.getString(3)))
                .list();
        for (Piece piece : pieces) {
            byte[] bytes = stored.read(accountId, piece.hash());
            if (bytes.length != piece.length()) {
                throw new IOException("a stored chunk has the wrong length");
            }
            int from = (int) Math.max(0, first - piece.offset());
            int to = (int) Math.min(piece.length() - 1, last - piece.offset());
            out.write(bytes, from, to - from + 1);
        }
    }
}
