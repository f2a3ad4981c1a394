package dev.arca.protocol.manifest;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Many small chunks in one request body, so that a folder of small files does not cost a round
 * trip per chunk.
 *
 * <p>Encoding: the ASCII magic {@code ACPK1}, then per chunk its SHA-256 (32 raw bytes), its
 * length (4 bytes, big-endian) and its bytes, to the end of the body.
 */
public record ChunkPack(List<ChunkRef> refs, List<byte[]> contents) {

    /** The content type of a pack in a request. */
    public static final String MEDIA_TYPE = "application/vnd.arca.chunk-pack";

    private static final byte[] MAGIC = {'A', 'C', 'P', 'K', '1'};

    /**
     * Builds a pack as a list of parts, the chunks' own arrays among them, so that sending it
     * copies no chunk; the arrays must not change until the pack is sent.
     */
    public static final class Writer {
        private final List<byte[]> parts = new ArrayList<>();
        private int size;
        private int count;

        public Writer() {
            parts.add(MAGIC.clone());
            size = MAGIC.length;
        }

        public void add(String sha256, byte[] bytes) {
            byte[] head = Arrays.copyOf(HexFormat.of().parseHex(sha256), 36);
            head[32] = (byte) (bytes.length >>> 24);
            head[33] = (byte) (bytes.length >>> 16);
            head[34] = (byte) (bytes.length >>> 8);
            head[35] = (byte) bytes.length;
            parts.add(head);
            parts.add(bytes);
            size += head.length + bytes.length;
            count++;
        }

        /** Bytes so far. */
        public int size() {
            return size;
        }

        public int count() {
            return count;
        }

        /** The pack's bytes are these parts in order. */
        public List<byte[]> parts() {
            return List.copyOf(parts);
        }

        public byte[] toBytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream(size);
            parts.forEach(out::writeBytes);
            return out.toByteArray();
        }
    }

    /**
     * Reads a pack of at most {@code maxBytes}, each chunk at most {@code maxChunk} bytes; the
     * hashes are as sent, not yet checked.
     *
     * @throws IllegalArgumentException when the body is not a pack within those limits
     */
    public static ChunkPack read(InputStream body, int maxBytes, int maxChunk) throws IOException {
        DataInputStream in = new DataInputStream(body);
        if (!Arrays.equals(in.readNBytes(MAGIC.length), MAGIC)) {
            throw new IllegalArgumentException("not a chunk pack");
        }
        List<ChunkRef> refs = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        long total = MAGIC.length;
        while (true) {
            byte[] hash = in.readNBytes(32);
            if (hash.length == 0) {
                return new ChunkPack(refs, contents);
            }
            try {
                if (hash.length < 32) {
                    throw new EOFException();
                }
                int length = in.readInt();
                total += 36L + length;
                if (length < 1 || length > maxChunk || total > maxBytes) {
                    throw new IllegalArgumentException("a chunk of " + length + " bytes is beyond the limits");
                }
                byte[] bytes = new byte[length];
                in.readFully(bytes);
                refs.add(new ChunkRef(HexFormat.of().formatHex(hash), length));
                contents.add(bytes);
            } catch (EOFException e) {
                throw new IllegalArgumentException("the pack ends inside a chunk");
            }
        }
    }
}
