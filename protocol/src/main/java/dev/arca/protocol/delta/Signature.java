package dev.arca.protocol.delta;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The block checksums of a chunk: for each block of {@link #BLOCK} bytes (the last may be
 * shorter), a rolling checksum to find candidates cheaply and the first 8 bytes of its SHA-256
 * to confirm them.
 *
 * <p>Encoding: the ASCII magic {@code ASIG1}, then big-endian {@code int blockSize},
 * {@code int length} (of the chunk), then per block {@code int rolling} and 8 bytes of SHA-256.
 */
public record Signature(int blockSize, int length, int[] rolling, long[] strong) {

    /** Block size: small enough that a one-byte change costs little, large enough that the signature stays small. */
    public static final int BLOCK = 2048;

    private static final byte[] MAGIC = {'A', 'S', 'I', 'G', '1'};

    public Signature {
        if (blockSize < 1 || length < 0 || rolling.length != strong.length
                || rolling.length != (length + blockSize - 1) / blockSize) {
            throw new IllegalArgumentException("inconsistent signature");
        }
    }

    /** The signature of {@code chunk}. */
    public static Signature of(byte[] chunk) {
        int blocks = (chunk.length + BLOCK - 1) / BLOCK;
        int[] rolling = new int[blocks];
        long[] strong = new long[blocks];
        MessageDigest sha = sha256();
        for (int i = 0; i < blocks; i++) {
            int from = i * BLOCK;
            int len = Math.min(BLOCK, chunk.length - from);
            rolling[i] = Rolling.of(chunk, from, len).value();
            strong[i] = strong(sha, chunk, from, len);
        }
        return new Signature(BLOCK, chunk.length, rolling, strong);
    }

    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(13 + rolling.length * 12);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeInt(blockSize);
            out.writeInt(length);
            for (int i = 0; i < rolling.length; i++) {
                out.writeInt(rolling[i]);
                out.writeLong(strong[i]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException when {@code encoded} is not a signature */
    public static Signature decode(byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(encoded))) {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IllegalArgumentException("not a chunk signature");
            }
            int blockSize = in.readInt();
            int length = in.readInt();
            if (blockSize < 1 || length < 0 || encoded.length != 13 + 12L * ((length + (long) blockSize - 1) / blockSize)) {
                throw new IllegalArgumentException("a chunk signature of the wrong size");
            }
            int blocks = (length + blockSize - 1) / blockSize;
            int[] rolling = new int[blocks];
            long[] strong = new long[blocks];
            for (int i = 0; i < blocks; i++) {
                rolling[i] = in.readInt();
                strong[i] = in.readLong();
            }
            return new Signature(blockSize, length, rolling, strong);
        } catch (IOException e) {
            throw new IllegalArgumentException("a truncated chunk signature", e);
        }
    }

    /** The length of block {@code i}. */
    int blockLength(int i) {
        return Math.min(blockSize, length - i * blockSize);
    }

    static long strong(MessageDigest sha, byte[] bytes, int from, int len) {
        sha.reset();
        sha.update(bytes, from, len);
        byte[] d = sha.digest();
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (d[i] & 0xff);
        }
        return v;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Signature s && s.blockSize == blockSize && s.length == length
                && Arrays.equals(s.rolling, rolling) && Arrays.equals(s.strong, strong);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * blockSize + length) + Arrays.hashCode(rolling);
    }

    @Override
    public String toString() {
        return "Signature[" + rolling.length + " blocks of " + blockSize + ", length " + length + "]";
    }
}
