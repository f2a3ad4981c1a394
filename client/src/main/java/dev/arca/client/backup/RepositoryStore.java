package dev.arca.client.backup;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * The files of a repository, wherever they are kept: a local folder ({@link FolderStore}) or the
 * signed-in server's backup objects ({@link ServerStore}). The repository chooses every name (a
 * random id) and never writes one twice, so a file, once there, never changes; a store only has to
 * make each write whole and durable before it returns, and list complete files only.
 */
interface RepositoryStore extends AutoCloseable {

    /** The kinds of file, each in a folder of its own. */
    enum Kind {
        KEYS, INDEX, DATA, SNAPSHOTS, LOCKS;

        String folder() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Where this store is, for messages. */
    String describe();

    /** The config's bytes; null when there is no repository here. */
    byte[] config() throws IOException;

    /** Writes the config unless one exists; false when one did (another command made the repository). */
    boolean createConfig(byte[] bytes) throws IOException;

    /** Holds the repository, shared (backups, reads) or exclusive (forget, prune), until {@link #close()}. */
    void lock(boolean exclusive) throws IOException;

    /** A file's bytes; {@link Repository.RepositoryException} naming it when it is missing. */
    byte[] read(Kind kind, String name) throws IOException;

    /** {@code length} bytes of a file from {@code offset}: a chunk in a pack. */
    byte[] read(Kind kind, String name, long offset, int length) throws IOException;

    void write(Kind kind, String name, byte[] bytes) throws IOException;

    /** The names of the complete files of a kind. */
    List<String> list(Kind kind) throws IOException;

    void delete(Kind kind, String name) throws IOException;

    /** The files of a kind that will be read next, in order; a store may fetch them ahead. */
    default void willRead(Kind kind, List<String> names) throws IOException {}

    /** Deletes what killed commands left half written; only under the exclusive lock. */
    default void deleteUnfinished() throws IOException {}

    /** A new pack, written piece by piece and stored under {@code name} when finished. */
    PackOutput newPack(String name) throws IOException;

    /** A pack being written: nothing is stored under its name before {@link #finish()}. */
    interface PackOutput {
        void append(byte[] bytes) throws IOException;

        /** Stores the pack whole and durably under its name. */
        void finish() throws IOException;

        /** Drops what was written. */
        void discard() throws IOException;
    }

    @Override
    void close() throws IOException;
}
