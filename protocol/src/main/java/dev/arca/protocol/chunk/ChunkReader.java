package dev.arca.protocol.chunk;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * Cuts a stream into the chunks {@link FastCdc#cut} defines, in order.
 *
 * <p>Memory stays flat for any input: the reader holds one buffer of at most {@code 2 * maxSize}
 * bytes (a small stream only a small one) and the chunk it returns. It reads the stream in large blocks and copies at most
 * {@code maxSize} bytes inside its buffer per block. The chunks do not depend on how the stream
 * splits its reads.
 *
 * <p>The reader does not close the stream when it reaches the end; only {@link #close()} does.
 * A caller that owns the stream can thus either close the reader or close the stream itself.
 * Not thread-safe.
 */
public final class ChunkReader implements Closeable {

    private final FastCdc cdc;
    private final InputStream in;
    /** Grows from {@value #INITIAL} bytes to {@code 2 * maxSize} as the stream proves long enough. */
    private byte[] buf;
    /** The unread bytes are {@code buf[start, end)}. */
    private int start;
    private int end;
    /** Offset in the stream of {@code buf[start]}. */
    private long offset;
    private boolean endOfInput;
    private boolean closed;

    /** A small file costs a small buffer: most files of a photo folder's sidecars and documents are. */
    private static final int INITIAL = 64 * 1024;

    ChunkReader(FastCdc cdc, InputStream in) {
        this.cdc = Objects.requireNonNull(cdc, "cdc");
        this.in = Objects.requireNonNull(in, "in");
        this.buf = new byte[Math.min(INITIAL, 2 * cdc.maxSize())];
    }

    /**
     * The next chunk, or null when the stream has ended (and on every call after that).
     *
     * @throws IOException when the stream fails, or the reader was closed
     */
    public Chunk next() throws IOException {
        if (closed) {
            throw new IOException("chunk reader is closed");
        }
        if (!endOfInput && end - start < cdc.maxSize()) {
            fill();
        }
        if (start == end) {
            return null;
        }
        int length = cdc.cut(buf, start, end, endOfInput);
        Chunk chunk = new Chunk(offset, Arrays.copyOfRange(buf, start, start + length));
        start += length;
        offset += length;
        return chunk;
    }

    /** Closes the underlying stream. Calling it again has no effect. */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            in.close();
        }
    }

    /**
     * Moves the unread bytes (fewer than maxSize) to the front and reads until the buffer is
     * full or the stream ends, so that at least maxSize bytes are consumed before the next move.
     */
    private void fill() throws IOException {
        int unread = end - start;
        System.arraycopy(buf, start, buf, 0, unread);
        start = 0;
        end = unread;
        while (true) {
            if (end == buf.length) {
                if (buf.length >= 2 * cdc.maxSize()) {
                    return;
                }
                buf = Arrays.copyOf(buf, Math.min(2 * cdc.maxSize(), buf.length * 2));
            }
            int n = in.read(buf, end, buf.length - end);
            if (n < 0) {
                endOfInput = true;
                return;
            }
            end += n;
        }
    }
}
