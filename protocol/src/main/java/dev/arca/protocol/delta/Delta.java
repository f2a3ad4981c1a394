package dev.arca.protocol.delta;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A chunk described as copies of the blocks of a base chunk and literal bytes.
 *
 * <p>Encoding: the ASCII magic {@code ADLT1}, varints of the base's block size and of the target
 * length, then operations
 * until {@code 0}: {@code 1, varint firstBlock, varint count} copies that many consecutive base
 * blocks; {@code 2, varint n, n bytes} appends literal bytes. Varints are unsigned LEB128.
 */
public final class Delta {

    private static final byte[] MAGIC = {'A', 'D', 'L', 'T', '1'};
    private static final int END = 0;
    private static final int COPY = 1;
    private static final int LITERAL = 2;

    private Delta() {}

    /** Encodes {@code target} against the base chunk whose signature is {@code base}. */
    public static byte[] encode(byte[] target, Signature base) {
        int block = base.blockSize();
        Writer out = new Writer(block, target.length);
        Map<Integer, int[]> candidates = new HashMap<>();
        int fullBlocks = base.length() / block;
        for (int i = 0; i < fullBlocks; i++) {
            int[] known = candidates.get(base.rolling()[i]);
            int[] more = known == null ? new int[] {i} : Arrays.copyOf(known, known.length + 1);
            more[more.length - 1] = i;
            candidates.put(base.rolling()[i], more);
        }
        MessageDigest sha = Signature.sha256();
        int literalFrom = 0;
        int at = 0;
        Rolling window = target.length >= block && fullBlocks > 0 ? Rolling.of(target, 0, block) : null;
        while (window != null && at + block <= target.length) {
            int match = -1;
            int[] found = candidates.get(window.value());
            if (found != null) {
                long strong = Signature.strong(sha, target, at, block);
                for (int i : found) {
                    if (base.strong()[i] == strong) {
                        match = i;
                        break;
                    }
                }
            }
            if (match >= 0) {
                out.literal(target, literalFrom, at);
                out.copy(match);
                at += block;
                literalFrom = at;
                window = at + block <= target.length ? Rolling.of(target, at, block) : null;
            } else {
                if (at + block < target.length) {
                    window.roll(target[at], target[at + block]);
                }
                at++;
            }
        }
        // The tail: the base's short last block may match it exactly.
        int lastBlock = base.rolling().length - 1;
        int tail = target.length - literalFrom;
        if (lastBlock >= 0 && base.blockLength(lastBlock) < block && tail >= base.blockLength(lastBlock)) {
            int len = base.blockLength(lastBlock);
            int from = target.length - len;
            if (base.strong()[lastBlock] == Signature.strong(sha, target, from, len)
                    && base.rolling()[lastBlock] == Rolling.of(target, from, len).value()) {
                out.literal(target, literalFrom, from);
                out.copy(lastBlock);
                literalFrom = target.length;
            }
        }
        out.literal(target, literalFrom, target.length);
        return out.finish();
    }

    /**
     * Rebuilds the target from the base chunk and a delta.
     *
     * @param maxLength the longest target accepted
     * @throws IllegalArgumentException when the delta is malformed or names blocks the base lacks
     */
    public static byte[] apply(byte[] base, byte[] delta, int maxLength) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(delta))) {
            if (!Arrays.equals(in.readNBytes(MAGIC.length), MAGIC)) {
                throw new IllegalArgumentException("not a delta");
            }
            long blockSize = varint(in);
            long length = varint(in);
            if (blockSize < 64 || blockSize > (1 << 20)) {
                throw new IllegalArgumentException("a delta with an unusable block size");
            }
            if (length > maxLength) {
                throw new IllegalArgumentException("the delta describes more than " + maxLength + " bytes");
            }
            byte[] target = new byte[(int) length];
            int at = 0;
            int block = (int) blockSize;
            for (int op = in.read(); op != END; op = in.read()) {
                switch (op) {
                    case COPY -> {
                        long first = varint(in);
                        long count = varint(in);
                        long from = first * block;
                        long to = Math.min(base.length, (first + count) * block);
                        if (count < 1 || from >= base.length || (first + count - 1) * block >= base.length
                                || at + (to - from) > target.length) {
                            throw new IllegalArgumentException("a copy outside the base or the target");
                        }
                        System.arraycopy(base, (int) from, target, at, (int) (to - from));
                        at += (int) (to - from);
                    }
                    case LITERAL -> {
                        long n = varint(in);
                        if (n < 1 || at + n > target.length) {
                            throw new IllegalArgumentException("literal bytes beyond the target");
                        }
                        in.readFully(target, at, (int) n);
                        at += (int) n;
                    }
                    default -> throw new IllegalArgumentException("an unknown delta operation");
                }
            }
            if (at != target.length || in.read() != -1) {
                throw new IllegalArgumentException("the delta does not fill its target exactly");
            }
            return target;
        } catch (IOException e) {
            throw new IllegalArgumentException("a truncated delta", e);
        }
    }

    private static long varint(DataInputStream in) throws IOException {
        long value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("a varint too long");
    }

    /** Builds the encoding, merging runs of consecutive block copies. */
    private static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int runFirst = -1;
        private int runCount;

        Writer(int blockSize, int targetLength) {
            out.writeBytes(MAGIC);
            varint(blockSize);
            varint(targetLength);
        }

        void copy(int blockIndex) {
            if (runFirst >= 0 && runFirst + runCount == blockIndex) {
                runCount++;
                return;
            }
            flushRun();
            runFirst = blockIndex;
            runCount = 1;
        }

        void literal(byte[] bytes, int from, int to) {
            if (to <= from) {
                return;
            }
            flushRun();
            out.write(LITERAL);
            varint(to - from);
            out.write(bytes, from, to - from);
        }

        byte[] finish() {
            flushRun();
            out.write(END);
            return out.toByteArray();
        }

        private void flushRun() {
            if (runFirst >= 0) {
                out.write(COPY);
                varint(runFirst);
                varint(runCount);
                runFirst = -1;
            }
        }

        private void varint(long value) {
            long v = value;
            while (v >= 0x80) {
                out.write((int) (v & 0x7f) | 0x80);
                v >>>= 7;
            }
            out.write((int) v);
        }
    }
}
