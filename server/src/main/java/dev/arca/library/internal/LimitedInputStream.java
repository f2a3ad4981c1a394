package dev.arca.library.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Fails with {@link TooLargeException} as soon as more than {@code max} bytes are read. */
public final class LimitedInputStream extends FilterInputStream {

    /** The stream is longer than allowed. */
    public static final class TooLargeException extends IOException {
        public TooLargeException() {
            super("larger than the maximum upload size");
        }
    }

    private final long max;
    private long count;

    public LimitedInputStream(InputStream in, long max) {
        super(in);
        this.max = max;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    private void counted(int n) throws TooLargeException {
        count += n;
        if (count > max) {
            throw new TooLargeException();
        }
    }
}
