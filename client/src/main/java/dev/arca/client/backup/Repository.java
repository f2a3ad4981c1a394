package dev.arca.client.backup;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Where backups go: chunks by SHA-256 and snapshots that name them. A {@link BackupRepository} in
 * a local folder (no account needed; encrypted unless made otherwise) or on the signed-in server
 * (always encrypted on the client), or the snapshots the server kept in the clear before
 * ({@link ServerRepository}); see docs/backup-format.md.
 */
public interface Repository extends AutoCloseable {

    /** The repository cannot be used as asked; the message says why. */
    class RepositoryException extends IOException {
        public RepositoryException(String message) {
            super(message);
        }
    }

    boolean hasChunk(String sha256) throws IOException;

    /** The hashes among {@code hashes} the repository does not hold. */
    default java.util.Set<String> missing(java.util.Collection<String> hashes) throws IOException {
        java.util.Set<String> missing = new java.util.HashSet<>();
        for (String hash : hashes) {
            if (!hasChunk(hash)) {
                missing.add(hash);
            }
        }
        return missing;
    }

    /**
     * The chunks this command reads next, in the order it reads them: a repository whose reads are
     * slow one at a time (the server's) fetches ahead. A hint only; nothing else changes.
     */
    default void willRead(List<String> sha256InOrder) throws IOException {}

    /** Stores a chunk under its hash unless it is there; true when it was written. */
    boolean putChunk(String sha256, byte[] bytes, int length) throws IOException;

    /**
     * A chunk's bytes, verified: against its hash, or, sealed, by its authentication tag (which
     * binds the bytes to the chunk's keyed id).
     */
    byte[] chunk(String sha256) throws IOException;

    /**
     * Deletes every chunk whose SHA-256 is not in {@code used}, for pruning; returns how many.
     * Where the repository collects unused chunks itself (the server does, once no snapshot
     * holds them), deletes none.
     */
    long deleteChunksNotIn(java.util.Set<String> used) throws IOException;

    void saveSnapshot(Snapshot snapshot) throws IOException;

    /** All snapshots, oldest first. */
    List<Snapshot> snapshots() throws IOException;

    /**
     * All snapshots, oldest first, without their entries: what choosing one needs (id, time, host,
     * source), read without parsing every file list.
     */
    default List<Snapshot> headers() throws IOException {
        return snapshots();
    }

    /** The snapshot with exactly this id, entries included. */
    default Snapshot load(String id) throws IOException {
        return snapshots().stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new RepositoryException("No snapshot " + id + "."));
    }

    void deleteSnapshot(String id) throws IOException;

    @Override
    void close() throws IOException;

    /** The snapshot with this id, a unique prefix of it, or {@code latest}. */
    default Snapshot snapshot(String idOrPrefix) throws IOException {
        List<Snapshot> all = headers();
        if ("latest".equals(idOrPrefix)) {
            if (all.isEmpty()) {
                throw new RepositoryException("The repository has no snapshot yet.");
            }
            return load(all.getLast().id());
        }
        List<Snapshot> matching = all.stream().filter(s -> s.id().startsWith(idOrPrefix)).toList();
        if (matching.size() != 1) {
            throw new RepositoryException(matching.isEmpty() ? "No snapshot " + idOrPrefix + "."
                    : "More than one snapshot starts with " + idOrPrefix + "; give more of its id.");
        }
        return load(matching.getFirst().id());
    }

    /** The latest snapshot of the same folder from the same host, to compare a new backup with. */
    default Optional<Snapshot> parentFor(String host, String source) throws IOException {
        Optional<Snapshot> latest = headers().reversed().stream()
                .filter(s -> s.host().equals(host) && s.source().equals(source)).findFirst();
        return latest.isEmpty() ? latest : Optional.of(load(latest.get().id()));
    }

    /** A new random id: 16 hex digits. */
    static String randomId() {
        byte[] id = new byte[8];
        new SecureRandom().nextBytes(id);
        return HexFormat.of().formatHex(id);
    }
}
