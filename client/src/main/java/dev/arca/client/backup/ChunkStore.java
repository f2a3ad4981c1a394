package dev.arca.client.backup;

import java.io.IOException;
import java.util.Set;

/**
 * Where a {@link BackupRepository} keeps chunks: one file per chunk in the clear (format 1,
 * {@link LooseChunks}) or sealed in packs with an index (format 2, {@link PackedChunks}).
 * Chunks are named by their SHA-256 here; how a store names them on disk is its own affair.
 */
interface ChunkStore {

    boolean has(String sha256);

    /** Stores a chunk unless it is there; true when it was written. Safe to call from several threads. */
    boolean put(String sha256, byte[] bytes, int length) throws IOException;

    /** A chunk's bytes, verified as {@link Repository#chunk} says. */
    byte[] get(String sha256) throws IOException;

    /** See {@link Repository#willRead}. */
    default void willRead(java.util.List<String> sha256InOrder) throws IOException {}

    /** Makes every chunk put so far durable and findable by a later open; called before a snapshot is saved. */
    void flush() throws IOException;

    /** Deletes every chunk whose hash is not in {@code used}; returns how many. Needs the exclusive lock. */
    long deleteNotIn(Set<String> used) throws IOException;
}
