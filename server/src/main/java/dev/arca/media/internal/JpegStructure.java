package dev.arca.media.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks that a JPEG is whole: that its segments and entropy-coded scans run to the end-of-image
 * marker. Metadata readers stop at the first scan, so without this a file cut off during upload would
 * pass as fine. Data after the end-of-image marker (motion photo videos, maker trailers) is allowed.
 */
public final class JpegStructure {

    private JpegStructure() {}

    /** Whether the file starts a JPEG and reaches its end-of-image marker. Reads the file once. */
    public static boolean complete(Path file) throws IOException {
        try (Bytes in = new Bytes(Files.newInputStream(file))) {
            if (in.read() != 0xFF || in.read() != 0xD8) {
                return false;
            }
            int marker = nextMarker(in);
            while (marker >= 0) {
                if (marker == 0xD9) {
                    return true;
                }
                if (marker == 0x01 || marker >= 0xD0 && marker <= 0xD7) {
                    marker = nextMarker(in);
                    continue;
                }
                int high = in.read();
                int low = in.read();
                if (low < 0 || high < 0) {
                    return false;
                }
                int length = high << 8 | low;
                if (length < 2 || !in.skip(length - 2)) {
                    return false;
                }
                marker = marker == 0xDA ? afterScan(in) : nextMarker(in);
            }
            return false;
        }
    }

    /** The marker after segment data: 0xFF fill bytes, then the marker byte; -1 at the end. */
    private static int nextMarker(Bytes in) throws IOException {
        int b = in.read();
        if (b != 0xFF) {
            return -1;
        }
        while (b == 0xFF) {
            b = in.read();
        }
        return b;
    }

    /**
     * Skips entropy-coded data, where 0xFF is followed by 0x00 (a stuffed byte) or a restart marker,
     * up to the first real marker; -1 at the end of the file.
     */
    private static int afterScan(Bytes in) throws IOException {
        int b = in.read();
        while (b >= 0) {
            if (b == 0xFF) {
                int next = in.read();
                while (next == 0xFF) {
                    next = in.read();
                }
                if (next < 0) {
                    return -1;
                }
                if (next != 0x00 && !(next >= 0xD0 && next <= 0xD7)) {
                    return next;
                }
            }
            b = in.read();
        }
        return -1;
    }

    /** An unsynchronised buffered byte reader: the scan looks at every byte of the file. */
    private static final class Bytes implements AutoCloseable {
        private final InputStream in;
        private final byte[] buffer = new byte[64 * 1024];
        private int at;
        private int end;

        Bytes(InputStream in) {
            this.in = in;
        }

        int read() throws IOException {
            if (at == end) {
                end = in.read(buffer, 0, buffer.length);
                at = 0;
                if (end <= 0) {
                    end = 0;
                    return -1;
                }
            }
            return buffer[at++] & 0xFF;
        }

        /** Skips {@code n} bytes; false when the file ends first. */
        boolean skip(long n) throws IOException {
            long left = n;
            int buffered = Math.min(end - at, (int) Math.min(left, Integer.MAX_VALUE));
            at += buffered;
            left -= buffered;
            while (left > 0) {
                if (read() < 0) {
                    return false;
                }
                left--;
                int chunk = (int) Math.min(left, end - at);
                at += chunk;
                left -= chunk;
            }
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
