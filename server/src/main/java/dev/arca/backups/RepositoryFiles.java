package dev.arca.backups;

import dev.arca.library.Admission;
import dev.arca.protocol.api.BackupObjects;
import dev.arca.storage.BlobNotFoundException;
import dev.arca.storage.ContentVault;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The files of the backup repositories a client encrypted (docs/backup-format.md, "On the
 * server"): the server stores them as opaque bytes, knows their kinds, names and sizes, and counts
 * them against the quota through {@link Admission} ({@link RepositoryBytes}). A file is written
 * once: names are random ids the client chooses and never reuses, so a second write of a name is
 * refused, and a file is replaced by writing another and deleting it.
 */
@Service
class RepositoryFiles {

    /** The largest file: a 16 MiB pack with room to spare, an index, a snapshot of a few million files. */
    static final int MAX_LENGTH = 64 << 20;
    /** Locks a repository may hold at once, each at most {@link #MAX_LOCK_LENGTH} bytes; they are outside the quota. */
    static final int MAX_LOCKS = 64;
    static final int MAX_LOCK_LENGTH = 1024;
    private static final Set<String> KINDS = Set.of("config", "keys", "index", "data", "snapshots", "locks");
    private static final Pattern REPOSITORY = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern NAME = Pattern.compile("[0-9a-f]{16}|[0-9a-f]{64}");

    /** A repository, kind or name outside the rules above; nothing was stored. */
    static final class InvalidNameException extends RuntimeException {
        InvalidNameException(String message) {
            super(message);
        }
    }

    private final JdbcClient jdbc;
    private final ContentVault vault;
    private final Admission admission;
    private final Clock clock;

    RepositoryFiles(JdbcClient jdbc, ContentVault vault, Admission admission, Clock clock) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.admission = admission;
        this.clock = clock;
    }

    /**
     * Stores a file unless its name is taken; false when it is. The bytes are durable before the
     * row that lists them exists, so a listed file can always be read.
     */
    boolean put(String accountId, String repository, String kind, String name, byte[] bytes) throws IOException {
        check(repository, kind, name);
        if (exists(accountId, repository, kind, name)) {
            return false;
        }
        if (isLock(kind, bytes.length)) {
            // A full account can still read and forget its backups, which take a lock; locks are
            // few and tiny, so they do not count against the quota.
            if (count(accountId, repository, kind) >= MAX_LOCKS) {
                throw new InvalidNameException("The repository has " + MAX_LOCKS
                        + " locks already; delete stale ones.");
            }
        } else {
            admission.admitFile(accountId, bytes.length);
        }
        vault.putOpaque(accountId, key(repository, kind, name), bytes);
        int inserted = jdbc.sql("INSERT INTO backup_objects (account_id, repository, kind, name, size, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .params(accountId, repository, kind, name, bytes.length, clock.millis()).update();
        return inserted == 1;
    }

    Optional<byte[]> get(String accountId, String repository, String kind, String name) {
        check(repository, kind, name);
        if (!exists(accountId, repository, kind, name)) {
            return Optional.empty();
        }
        try {
            return Optional.of(vault.getOpaque(accountId, key(repository, kind, name)));
        } catch (BlobNotFoundException e) {
            return Optional.empty();
        }
    }

    BackupObjects list(String accountId, String repository, String kind) {
        check(repository, kind, "config".equals(kind) ? "config" : "0000000000000000");
        return new BackupObjects(jdbc.sql("SELECT name, size FROM backup_objects WHERE account_id = ? "
                        + "AND repository = ? AND kind = ? ORDER BY name")
                .params(accountId, repository, kind)
                .query((rs, n) -> new BackupObjects.Entry(rs.getString(1), rs.getLong(2))).list());
    }

    /** Each repository of the account: files, bytes and the last write, all the server knows of it. */
    java.util.List<SnapshotView.Encrypted> summaries(String accountId) {
        return jdbc.sql("SELECT repository, COUNT(*), SUM(size), MAX(created_at) FROM backup_objects "
                        + "WHERE account_id = ? GROUP BY repository ORDER BY repository")
                .param(accountId)
                .query((rs, n) -> new SnapshotView.Encrypted(rs.getString(1), rs.getLong(2), rs.getLong(3),
                        java.time.Instant.ofEpochMilli(rs.getLong(4)).toString()))
                .list();
    }

    /** Deletes a file: the row first, so it is no longer listed, then the bytes. */
    boolean delete(String accountId, String repository, String kind, String name) {
        check(repository, kind, name);
        int deleted = jdbc.sql("DELETE FROM backup_objects WHERE account_id = ? AND repository = ? AND kind = ? "
                + "AND name = ?").params(accountId, repository, kind, name).update();
        if (deleted == 1) {
            vault.deleteOpaque(accountId, key(repository, kind, name));
        }
        return deleted == 1;
    }

    private static boolean isLock(String kind, int length) {
        return "locks".equals(kind) && length <= MAX_LOCK_LENGTH;
    }

    private int count(String accountId, String repository, String kind) {
        return jdbc.sql("SELECT COUNT(*) FROM backup_objects WHERE account_id = ? AND repository = ? AND kind = ?")
                .params(accountId, repository, kind).query(Integer.class).single();
    }

    private boolean exists(String accountId, String repository, String kind, String name) {
        return jdbc.sql("SELECT COUNT(*) FROM backup_objects WHERE account_id = ? AND repository = ? AND kind = ? "
                + "AND name = ?").params(accountId, repository, kind, name).query(Integer.class).single() > 0;
    }

    private static void check(String repository, String kind, String name) {
        if (!REPOSITORY.matcher(repository).matches()) {
            throw new InvalidNameException("A repository name is 1 to 63 lowercase letters, digits and hyphens.");
        }
        if (!KINDS.contains(kind)) {
            throw new InvalidNameException("The kind is one of " + String.join(", ", KINDS.stream().sorted().toList())
                    + ".");
        }
        if ("config".equals(kind) ? !"config".equals(name) : !NAME.matcher(name).matches()) {
            throw new InvalidNameException("A file's name is 16 or 64 lowercase hex digits (the config's is config).");
        }
    }

    private static String key(String repository, String kind, String name) {
        return "backup/" + repository + "/" + kind + "/" + name;
    }
}
