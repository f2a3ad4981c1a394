package dev.arca.client.backup;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import java.util.Arrays;

/**
 * What an encrypted repository seals: one byte saying how the rest is stored, {@code 0} as it is
 * or {@code 1} zstd (level 3, one frame that states its size), and the bytes. Photos and videos
 * are compressed already; a chunk that does not shrink by at least 3 % is stored as it is, so
 * restoring it costs nothing extra, and a chunk whose first 16 KiB do not shrink is not tried
 * further, so backing media up costs little more than storing them.
 */
final class Compression {

    private static final byte STORED = 0;
    private static final byte ZSTD = 1;
    private static final int LEVEL = 3;

    private Compression() {}

    /** How much of a chunk is tried first: incompressible media show it in their first bytes. */
    private static final int SAMPLE = 16 * 1024;

    static byte[] frame(byte[] plain, int offset, int length) {
        if (length > 2 * SAMPLE && !shrinks(plain, offset, SAMPLE)) {
            return stored(plain, offset, length);
        }
        byte[] compressed = new byte[1 + (int) Zstd.compressBound(length)];
        long size = Zstd.compressByteArray(compressed, 1, compressed.length - 1, plain, offset, length, LEVEL, false);
        if (!Zstd.isError(size) && size < length - length / 33) {
            compressed[0] = ZSTD;
            return Arrays.copyOf(compressed, 1 + (int) size);
        }
        return stored(plain, offset, length);
    }

    private static byte[] stored(byte[] plain, int offset, int length) {
        byte[] out = new byte[1 + length];
        out[0] = STORED;
        System.arraycopy(plain, offset, out, 1, length);
        return out;
    }

    /** Whether the sample compresses by the 3 % a whole chunk must: most of the time of media goes here. */
    private static boolean shrinks(byte[] plain, int offset, int length) {
        byte[] sample = new byte[(int) Zstd.compressBound(length)];
        long size = Zstd.compressByteArray(sample, 0, sample.length, plain, offset, length, 1, false);
        return !Zstd.isError(size) && size < length - length / 33;
    }

    /**
     * The bytes a frame holds, at most {@code limit} of them (a frame that claims more is damaged,
     * not a reason to allocate).
     */
    static byte[] unframe(byte[] framed, long limit, String what) throws Repository.RepositoryException {
        if (framed.length == 0) {
            throw new Repository.RepositoryException(what + " is damaged: it is empty.");
        }
        if (framed[0] == STORED) {
            return Arrays.copyOfRange(framed, 1, framed.length);
        }
        if (framed[0] != ZSTD) {
            throw new Repository.RepositoryException(what + " is damaged: unknown compression.");
        }
        byte[] compressed = Arrays.copyOfRange(framed, 1, framed.length);
        long size = Zstd.getFrameContentSize(compressed);
        if (size < 0 || size > limit) {
            throw new Repository.RepositoryException(what + " is damaged: its compressed size is not plausible.");
        }
        try {
            byte[] plain = Zstd.decompress(compressed, (int) size);
            if (plain.length != size) {
                throw new Repository.RepositoryException(what + " is damaged: it decompresses short.");
            }
            return plain;
        } catch (ZstdException e) {
            throw new Repository.RepositoryException(what + " is damaged: it does not decompress.");
        }
    }
}
