package dev.arca.protocol.manifest;

import dev.arca.protocol.chunk.Chunk;
import dev.arca.protocol.chunk.ChunkReader;
import dev.arca.protocol.chunk.ContentHash;
import dev.arca.protocol.chunk.FastCdc;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;

/**
 * What a file is made of: its {@code size} in bytes, the SHA-256 of all its bytes, and its
 * chunks in order. The manifest says nothing about how the chunks were cut; any split whose
 * lengths add up to the size describes the file, and a reader checks the file hash after joining
 * the chunks.
 *
 * <p>The constructor checks what can be checked without the content: hashes are well formed,
 * chunk lengths are positive and add up to {@code size}, an empty file has the hash of no bytes,
 * and a file of one chunk has that chunk's hash.
 *
 * <p>{@link #encode()} gives the canonical text form: every manifest has exactly one, and
 * {@link #parse(String)} accepts nothing else, so equal manifests have equal text and equal
 * hashes of their text.
 */
public record FileManifest(long size, String sha256, List<ChunkRef> chunks) {

    /** The first line of every manifest, with the version of the format. */
    public static final String HEADER = "arca-manifest 1";

    private static final String FORMAT_NAME = "arca-manifest ";
    private static final String EMPTY_SHA256 = ContentHash.sha256Hex(new byte[0]);
    private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,18}");
    private static final int EXCERPT_LENGTH = 80;

    public FileManifest {
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative, got " + size);
        }
        if (!ContentHash.isSha256Hex(sha256)) {
            throw new IllegalArgumentException(
                    "file sha256 must be 64 lowercase hex digits, got " + excerpt(sha256));
        }
        Objects.requireNonNull(chunks, "chunks");
        for (int i = 0; i < chunks.size(); i++) {
            if (chunks.get(i) == null) {
                throw new IllegalArgumentException("chunk " + i + " is null");
            }
        }
        chunks = List.copyOf(chunks);
        long total = 0;
        for (ChunkRef chunk : chunks) {
            total += chunk.length();
            if (total < 0) {
                throw new IllegalArgumentException("chunk lengths add up to more than a long holds");
            }
        }
        if (total != size) {
            throw new IllegalArgumentException(
                    "chunk lengths add up to " + total + ", not to the size " + size);
        }
        if (chunks.isEmpty() && !sha256.equals(EMPTY_SHA256)) {
            throw new IllegalArgumentException(
                    "an empty file's sha256 must be " + EMPTY_SHA256 + ", got " + sha256);
        }
        if (chunks.size() == 1 && !sha256.equals(chunks.get(0).sha256())) {
            throw new IllegalArgumentException(
                    "a file of one chunk must have that chunk's sha256 " + chunks.get(0).sha256()
                            + ", got " + sha256);
        }
    }

    /**
     * The canonical text: ASCII (hence UTF-8) lines, each ended by a single {@code '\n'}:
     *
     * <pre>
     * arca-manifest 1
     * size SIZE
     * sha256 HASH
     * chunk HASH LENGTH      (one line per chunk, in file order)
     * </pre>
     *
     * Numbers are decimal without sign or leading zeros, hashes 64 lowercase hex digits.
     */
    public String encode() {
        StringBuilder s = new StringBuilder(64 + 80 * chunks.size());
        s.append(HEADER).append('\n');
        s.append("size ").append(size).append('\n');
        s.append("sha256 ").append(sha256).append('\n');
        for (ChunkRef chunk : chunks) {
            s.append("chunk ").append(chunk.sha256()).append(' ').append(chunk.length()).append('\n');
        }
        return s.toString();
    }

    /**
     * Reads the canonical text {@link #encode()} writes.
     *
     * @throws IllegalArgumentException naming the line and what is wrong with it, for anything
     *     else: another format or version, {@code "\r\n"} line ends, a missing final newline,
     *     extra spaces or lines, uppercase hex, signs or leading zeros, or a manifest the
     *     constructor refuses
     */
    public static FileManifest parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("manifest is empty");
        }
        if (text.charAt(text.length() - 1) != '\n') {
            throw new IllegalArgumentException("manifest must end with a newline");
        }
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].indexOf('\r') >= 0) {
                throw lineError(i, "carriage return; lines end with \\n alone", lines[i]);
            }
        }
        if (!lines[0].equals(HEADER)) {
            if (lines[0].startsWith(FORMAT_NAME)) {
                throw lineError(0, "unsupported manifest version, expected '" + HEADER + "'", lines[0]);
            }
            throw lineError(0, "not an Arca manifest, expected '" + HEADER + "'", lines[0]);
        }
        if (lines.length < 3) {
            throw new IllegalArgumentException(
                    "manifest ends after line " + lines.length + "; it needs 'size' and 'sha256' lines");
        }
        long size = parseDecimal(1, field(1, lines[1], "size ", "'size N'"), lines[1]);
        String sha256 = hash(2, field(2, lines[2], "sha256 ", "'sha256 HASH'"), lines[2]);
        List<ChunkRef> chunks = new ArrayList<>(lines.length - 3);
        for (int i = 3; i < lines.length; i++) {
            String rest = field(i, lines[i], "chunk ", "'chunk HASH LENGTH'");
            int space = rest.indexOf(' ');
            if (space < 0) {
                throw lineError(i, "expected 'chunk HASH LENGTH'", lines[i]);
            }
            String hash = hash(i, rest.substring(0, space), lines[i]);
            long length = parseDecimal(i, rest.substring(space + 1), lines[i]);
            if (length == 0 || length > Integer.MAX_VALUE) {
                throw lineError(i, "chunk length must be between 1 and " + Integer.MAX_VALUE, lines[i]);
            }
            chunks.add(new ChunkRef(hash, (int) length));
        }
        return new FileManifest(size, sha256, chunks);
    }

    /** Collects a manifest chunk by chunk, hashing each chunk and the whole file. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The manifest of the rest of {@code in}, cut with {@code cdc}. Reads the stream to its end
     * and does not close it. From the second chunk on, the chunks' hashes and the file's hash are
     * computed on other threads while this one cuts: on two cores a large file takes about half
     * the time, and at most {@value #HASHING} chunks wait in memory.
     */
    public static FileManifest of(InputStream in, FastCdc cdc) throws IOException {
        ChunkReader reader = cdc.reader(in);
        Chunk first = reader.next();
        Chunk second = first == null ? null : reader.next();
        if (second == null) {
            Builder builder = builder();
            if (first != null) {
                builder.add(first);
            }
            return builder.build();
        }
        try (Hashing hashing = new Hashing()) {
            hashing.add(first);
            hashing.add(second);
            for (Chunk chunk; (chunk = reader.next()) != null; ) {
                hashing.add(chunk);
            }
            return hashing.manifest();
        }
    }

    /**
     * Hashes a file's chunks on virtual threads, each chunk on its own and the whole file on one
     * thread in order, with at most {@value #HASHING} chunks waiting.
     */
    private static final class Hashing implements AutoCloseable {
        private final MessageDigest file = ContentHash.newSha256();
        private final List<Future<ChunkRef>> refs = new ArrayList<>();
        private final Semaphore room = new Semaphore(2 * HASHING);
        private final ExecutorService chunkHashes = Executors.newVirtualThreadPerTaskExecutor();
        private final ExecutorService fileHash = Executors.newSingleThreadExecutor(Thread.ofVirtual().factory());
        private long size;

        void add(Chunk chunk) throws IOException {
            byte[] bytes = chunk.bytes();
            size += bytes.length;
            try {
                room.acquire(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while hashing");
            }
            refs.add(chunkHashes.submit(() -> {
                try {
                    return new ChunkRef(ContentHash.sha256Hex(bytes), bytes.length);
                } finally {
                    room.release();
                }
            }));
            fileHash.execute(() -> {
                try {
                    file.update(bytes);
                } finally {
                    room.release();
                }
            });
        }

        /** The manifest, once every chunk is hashed. */
        FileManifest manifest() {
            close();
            List<ChunkRef> chunks = new ArrayList<>(refs.size());
            for (Future<ChunkRef> ref : refs) {
                chunks.add(ref.resultNow());
            }
            return new FileManifest(size, ContentHash.hex(file), chunks);
        }

        /** Waits for the hashing threads to finish what they were given. */
        @Override
        public void close() {
            chunkHashes.close();
            fileHash.close();
        }
    }

    /** Chunks of one file handed to the hashing threads and not yet hashed, at most. */
    private static final int HASHING = 8;

    /**
     * Builds a manifest from a file's chunks given in order. One builder builds one manifest;
     * it is not thread-safe.
     */
    public static final class Builder {

        private final MessageDigest fileDigest = ContentHash.newSha256();
        private final List<ChunkRef> chunks = new ArrayList<>();
        private long size;
        private boolean built;

        private Builder() {}

        /** Appends {@code b[off, off + len)} as the next chunk and returns its reference. */
        public ChunkRef add(byte[] b, int off, int len) {
            if (built) {
                throw new IllegalStateException("manifest already built");
            }
            Objects.checkFromIndexSize(off, len, b.length);
            ChunkRef ref = new ChunkRef(ContentHash.sha256Hex(b, off, len), len);
            fileDigest.update(b, off, len);
            chunks.add(ref);
            size += len;
            return ref;
        }

        /**
         * Appends a chunk from a {@link ChunkReader}.
         *
         * @throws IllegalArgumentException when the chunk does not start where the previous one
         *     ended
         */
        public ChunkRef add(Chunk chunk) {
            if (chunk.offset() != size) {
                throw new IllegalArgumentException(
                        "chunk at offset " + chunk.offset() + " does not follow the " + size + " bytes so far");
            }
            return add(chunk.bytes(), 0, chunk.length());
        }

        /** The bytes added so far. */
        public long size() {
            return size;
        }

        /** The manifest of the chunks added; after this the builder takes no more. */
        public FileManifest build() {
            if (built) {
                throw new IllegalStateException("manifest already built");
            }
            built = true;
            return new FileManifest(size, ContentHash.hex(fileDigest), chunks);
        }
    }

    /** {@code s} shortened for an error message. */
    static String excerpt(String s) {
        if (s == null) {
            return "null";
        }
        return "'" + (s.length() <= EXCERPT_LENGTH ? s : s.substring(0, EXCERPT_LENGTH) + "...") + "'";
    }

    private static String field(int line, String text, String prefix, String expected) {
        if (!text.startsWith(prefix)) {
            throw lineError(line, "expected " + expected, text);
        }
        return text.substring(prefix.length());
    }

    private static String hash(int line, String s, String text) {
        if (!ContentHash.isSha256Hex(s)) {
            throw lineError(line, "hash must be 64 lowercase hex digits", text);
        }
        return s;
    }

    private static long parseDecimal(int line, String s, String text) {
        if (!DECIMAL.matcher(s).matches()) {
            throw lineError(line, "expected a decimal number without sign or leading zeros", text);
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw lineError(line, "number too large", text);
        }
    }

    private static IllegalArgumentException lineError(int index, String problem, String text) {
        return new IllegalArgumentException(
                "manifest line " + (index + 1) + ": " + problem + ", got " + excerpt(text));
    }
}
