package dev.arca.protocol.manifest;

import dev.arca.protocol.chunk.ContentHash;

/**
 * One chunk of a file as a manifest lists it: its SHA-256 ({@link ContentHash} form) and length.
 *
 * @throws IllegalArgumentException when the hash is not 64 lowercase hex digits or the length
 *     is not positive
 */
public record ChunkRef(String sha256, int length) {

    public ChunkRef {
        if (!ContentHash.isSha256Hex(sha256)) {
            throw new IllegalArgumentException(
                    "chunk sha256 must be 64 lowercase hex digits, got " + FileManifest.excerpt(sha256));
        }
        if (length <= 0) {
            throw new IllegalArgumentException("chunk length must be positive, got " + length);
        }
    }
}
