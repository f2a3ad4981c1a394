package dev.arca.storage;

import java.util.stream.Stream;

/**
 * Stores blobs: byte arrays of up to a few MiB (chunks) under path-like keys.
 *
 * <p>A key is one or more segments of {@code A-Z a-z 0-9 _ -} separated by single {@code /}, at
 * most 512 characters, for example {@code acct123/chunks/9f86d081}. Keys are case-sensitive.
 * Anything else ({@code ..}, a leading {@code /}, empty segments, backslashes, control
 * characters) is refused with {@link IllegalArgumentException} before any storage is touched.
 *
 * <p>A prefix is the start of a key, compared character by character: {@code acct123/} selects
 * every key of that first segment, {@code acct1} also selects {@code acct12/x}. It is empty or
 * made of the key characters and single {@code /} (a trailing {@code /} allowed).
 *
 * <p>Every stored object carries a checksum of its payload that each read verifies. Blob keys
 * name accounts: implementations never log them and keep them out of exception messages.
 * Implementations are thread-safe.
 */
public interface BlobStore {

    /**
     * Stores the bytes under the key, replacing any earlier blob. When it returns, the blob is
     * durable on every copy the store keeps. A concurrent reader sees the old or the new bytes,
     * never a mix or a part. When it throws, the key holds the old or the new bytes.
     *
     * @throws StorageException when a copy could not be written
     */
    void put(String key, byte[] bytes);

    /**
     * Returns the bytes stored under the key after verifying their checksum; a copy that fails
     * verification is skipped in favour of another.
     *
     * @throws BlobNotFoundException when no copy exists
     * @throws BlobCorruptException when copies exist and every one fails verification
     * @throws StorageException when no copy could be read for another reason
     */
    byte[] get(String key);

    /**
     * Returns {@code length} bytes of the blob's payload from {@code offset}, read from one copy
     * without verifying the blob's checksum: for callers that verify what they read themselves
     * (a chunk sealed in a pack carries its own authentication tag) and call {@link #get} for a
     * verified copy when it does not verify.
     *
     * @throws IllegalArgumentException when {@code offset} or {@code length} is negative
     * @throws BlobNotFoundException when no copy exists
     * @throws BlobCorruptException when the copies end before the range does
     * @throws StorageException when no copy could be read for another reason
     */
    byte[] getRange(String key, long offset, int length);

    /** Whether a copy is stored under the key; the copy is not verified. */
    boolean exists(String key);

    /** Removes the blob, every copy of it. Removing an absent blob does nothing. */
    void delete(String key);

    /**
     * Removes every blob whose key starts with the prefix, which must not be empty. Blobs written
     * while this runs may survive it.
     */
    void deletePrefix(String prefix);

    /**
     * Lists the blobs whose key starts with the prefix (empty for all), each once, in no
     * particular order. The stream reads lazily; failures while it is consumed are
     * {@link StorageException}s. Content is not verified.
     */
    Stream<BlobInfo> list(String prefix);

    /** Checks each location the store writes to; never throws for an unavailable location. */
    StorageHealth health();

    /**
     * Verifies every stored copy of every blob. With {@code repair}, rewrites missing, corrupt and
     * stale copies from a good one (atomically: a damaged copy is replaced, never deleted first)
     * and removes leftovers of interrupted writes. Runs while the store is in use.
     */
    ScrubReport scrub(boolean repair);
}
