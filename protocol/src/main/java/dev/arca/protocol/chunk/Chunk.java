package dev.arca.protocol.chunk;

import java.util.Arrays;
import java.util.Objects;

/**
 * A piece of a file: {@code bytes} found at {@code offset}. The record takes the array as it is,
 * without a copy; whoever creates a chunk hands the array over and must not change it afterwards.
 * Two chunks are equal when offsets and contents are.
 */
public record Chunk(long offset, byte[] bytes) {

    public Chunk {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, got " + offset);
        }
        Objects.requireNonNull(bytes, "bytes");
    }

    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Chunk other && offset == other.offset && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(offset) + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Chunk[offset=" + offset + ", length=" + bytes.length + "]";
    }
}
