package dev.arca.protocol.chunk;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * Content-defined chunking with normalised FastCDC (Xia et al., "The Design of Fast
 * Content-Defined Chunking for Data Deduplication Based Storage Systems", IEEE TPDS 2020), at
 * normalisation level 2.
 *
 * <p>A chunk boundary is a position where the gear fingerprint of the bytes before it has all
 * bits of a mask clear. The fingerprint is {@code fp = (fp << 1) + GEAR[b]} over 64-bit longs,
 * so bit {@code k} of it depends on the last {@code k + 1} bytes only; the masks therefore take
 * the <em>highest</em> bits, whose window is the longest (up to {@value #WINDOW} bytes). For a
 * chunk of length {@code L}:
 *
 * <ul>
 *   <li>{@code L < minSize}: never a boundary (all but the last {@value #WINDOW} - 1 of these
 *       bytes are skipped, not hashed);
 *   <li>{@code minSize <= L < avgSize}: boundary if {@code (fp & maskS) == 0}, where {@code maskS}
 *       has {@code log2(avgSize) + 2} bits (harder than average);
 *   <li>{@code avgSize <= L < maxSize}: boundary if {@code (fp & maskL) == 0}, where {@code maskL}
 *       has {@code log2(avgSize) - 2} bits (easier than average);
 *   <li>{@code L == maxSize}: always a boundary.
 * </ul>
 *
 * <p>Hashing starts {@value #WINDOW} bytes before the first candidate boundary, so the decision
 * at every candidate is a function of exactly the {@value #WINDOW} bytes before it, never of
 * where the chunk started. After an insertion or deletion, boundaries past the edit therefore
 * fall where they fell before, and all later chunks are shared.
 *
 * <p>The gear table is fixed: {@code GEAR[i]} is the first 8 bytes, read big-endian, of
 * SHA-256 over the ASCII label {@value #GEAR_LABEL} followed by the single byte {@code i}. Client
 * and server must cut identical chunks, so neither the table, the masks nor {@link #DEFAULT} may
 * change without a new storage format version.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class FastCdc {

    /** Bytes that decide each boundary; the width of the fingerprint. */
    static final int WINDOW = 64;
    /** The label hashed to derive the gear table. */
    static final String GEAR_LABEL = "arca-fastcdc-gear-v1";

    /** Smallest allowed average: below it a mask would have too few bits to normalise. */
    public static final int MIN_AVG_SIZE = 256;
    /** Largest allowed maximum, so that a reader's buffer of twice the maximum fits an array. */
    public static final int MAX_MAX_SIZE = 256 << 20;

    private static final long[] GEAR = gearTable();

    /**
     * The parameters Arca stores files with: 256 KiB minimum, 1 MiB average, 4 MiB maximum. See
     * {@code docs/storage-format.md} for the measurements that chose them.
     */
    public static final FastCdc DEFAULT = new FastCdc(256 << 10, 1 << 20, 4 << 20);

    private final int minSize;
    private final int avgSize;
    private final int maxSize;
    private final long maskS;
    private final long maskL;

    /**
     * @param minSize no chunk but the last is shorter; at least {@value #WINDOW}
     * @param avgSize the target average, a power of two of at least {@value #MIN_AVG_SIZE};
     *     greater than {@code minSize}
     * @param maxSize no chunk is longer; greater than {@code avgSize}, at most
     *     {@value #MAX_MAX_SIZE}
     * @throws IllegalArgumentException when the parameters break these rules
     */
    public FastCdc(int minSize, int avgSize, int maxSize) {
        if (avgSize < MIN_AVG_SIZE || Integer.bitCount(avgSize) != 1) {
            throw new IllegalArgumentException(
                    "avgSize must be a power of two of at least " + MIN_AVG_SIZE + ", got " + avgSize);
        }
        if (minSize < WINDOW || minSize >= avgSize) {
            throw new IllegalArgumentException("minSize must be at least " + WINDOW
                    + " and less than avgSize " + avgSize + ", got " + minSize);
        }
        if (maxSize <= avgSize || maxSize > MAX_MAX_SIZE) {
            throw new IllegalArgumentException("maxSize must be greater than avgSize " + avgSize
                    + " and at most " + MAX_MAX_SIZE + ", got " + maxSize);
        }
        this.minSize = minSize;
        this.avgSize = avgSize;
        this.maxSize = maxSize;
        int bits = Integer.numberOfTrailingZeros(avgSize);
        this.maskS = highBits(bits + 2);
        this.maskL = highBits(bits - 2);
    }

    public int minSize() {
        return minSize;
    }

    public int avgSize() {
        return avgSize;
    }

    public int maxSize() {
        return maxSize;
    }

    /**
     * The length of the chunk that starts at {@code from}.
     *
     * <p>The result depends only on {@code buf[from, from + maxSize)}: when more bytes are given,
     * the rest is not read. When fewer are given, the caller must say whether they are all that
     * is left; a chunk cut from a complete input is then the same as if the input went on, except
     * that the last chunk ends with the input.
     *
     * @param buf the data
     * @param from where the chunk starts
     * @param to the end (exclusive) of the bytes available
     * @param endOfInput whether the input ends at {@code to}; when false, at least
     *     {@link #maxSize()} bytes must be available
     * @return the chunk length: between {@link #minSize()} and {@link #maxSize()}, or all the
     *     available bytes when the input ends before a boundary (0 only when none are available)
     * @throws IllegalArgumentException when {@code endOfInput} is false and fewer than
     *     {@link #maxSize()} bytes are available
     * @throws IndexOutOfBoundsException when {@code [from, to)} is not within {@code buf}
     */
    public int cut(byte[] buf, int from, int to, boolean endOfInput) {
        Objects.checkFromToIndex(from, to, buf.length);
        int available = to - from;
        if (available < maxSize && !endOfInput) {
            throw new IllegalArgumentException("need at least maxSize " + maxSize
                    + " bytes unless at the end of the input, got " + available);
        }
        if (available <= minSize) {
            return available;
        }
        // i is the index of the last byte of a chunk of length i + 1 - from.
        int end = from + Math.min(available, maxSize);
        int normalEnd = Math.min(from + avgSize - 1, end);
        int i = from + minSize - WINDOW;
        int firstCandidate = from + minSize - 1;
        long[] gear = GEAR;
        long fp = 0;
        for (; i < firstCandidate; i++) {
            fp = (fp << 1) + gear[buf[i] & 0xff];
        }
        long mask = maskS;
        for (; i < normalEnd; i++) {
            fp = (fp << 1) + gear[buf[i] & 0xff];
            if ((fp & mask) == 0) {
                return i + 1 - from;
            }
        }
        mask = maskL;
        for (; i < end; i++) {
            fp = (fp << 1) + gear[buf[i] & 0xff];
            if ((fp & mask) == 0) {
                return i + 1 - from;
            }
        }
        return end - from;
    }

    /**
     * A reader that cuts {@code in} into chunks. The reader buffers {@code 2 * maxSize} bytes,
     * however long the stream. It closes {@code in} only when it is closed itself.
     */
    public ChunkReader reader(InputStream in) {
        return new ChunkReader(this, in);
    }

    /** {@code GEAR[i]}, exposed so that tests can pin the table. */
    static long gear(int i) {
        return GEAR[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FastCdc other
                && minSize == other.minSize
                && avgSize == other.avgSize
                && maxSize == other.maxSize;
    }

    @Override
    public int hashCode() {
        return Objects.hash(minSize, avgSize, maxSize);
    }

    @Override
    public String toString() {
        return "FastCdc[min=" + minSize + ", avg=" + avgSize + ", max=" + maxSize + "]";
    }

    private static long highBits(int n) {
        return -1L << (Long.SIZE - n);
    }

    private static long[] gearTable() {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
        byte[] label = GEAR_LABEL.getBytes(StandardCharsets.US_ASCII);
        long[] table = new long[256];
        for (int i = 0; i < table.length; i++) {
            sha256.update(label);
            sha256.update((byte) i);
            byte[] d = sha256.digest();
            long v = 0;
            for (int k = 0; k < Long.BYTES; k++) {
                v = (v << 8) | (d[k] & 0xff);
            }
            table[i] = v;
        }
        return table;
    }
}
