package dev.arca.protocol.chunk;

import java.io.IOException;
import java.io.InputStream;

/** Test inputs that are the same on every platform and Java version. */
public final class TestData {

    private TestData() {}

    /**
     * {@code length} pseudo-random bytes: the little-endian outputs of SplitMix64 seeded with
     * {@code seed}. Written out here rather than taken from {@code java.util} so that pinned
     * chunk boundaries never depend on a library's generator.
     */
    public static byte[] random(long seed, int length) {
        byte[] b = new byte[length];
        long state = seed;
        for (int i = 0; i < length; i += 8) {
            state += 0x9E3779B97F4A7C15L;
            long z = state;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z ^= z >>> 31;
            for (int k = 0; k < 8 && i + k < length; k++) {
                b[i + k] = (byte) (z >>> (8 * k));
            }
        }
        return b;
    }

    /** A stream over {@code b} that returns at most {@code step} bytes per read. */
    public static InputStream trickle(byte[] b, int step) {
        return new InputStream() {
            private int pos;

            @Override
            public int read() {
                return pos < b.length ? b[pos++] & 0xff : -1;
            }

            @Override
            public int read(byte[] dst, int off, int len) {
                if (len == 0) {
                    return 0;
                }
                if (pos == b.length) {
                    return -1;
                }
                int n = Math.min(Math.min(len, step), b.length - pos);
                System.arraycopy(b, pos, dst, off, n);
                pos += n;
                return n;
            }
        };
    }

    /** A stream that counts the bytes read from it and whether it was closed. */
    public static final class CountingStream extends InputStream {
        private final InputStream in;
        public long bytesRead;
        public boolean closed;

        public CountingStream(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int c = in.read();
            if (c >= 0) {
                bytesRead++;
            }
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                bytesRead += n;
            }
            return n;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
