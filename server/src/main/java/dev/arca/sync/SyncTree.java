package dev.arca.sync;

import dev.arca.library.ItemStored;
import dev.arca.library.Library;
import dev.arca.protocol.manifest.FileManifest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The synced folders of each account: commits of new file contents, moves and deletes, each
 * checked against the version the client based it on and recorded in the {@link Journal}. A
 * file's content is a library item, so synced photos are in the library, identical content is
 * stored once, replaced contents stay in the item's versions and deleted files go to the trash.
 */
@Service
class SyncTree {

    /** A path's current state. */
    record Current(long revision, String itemId, int version, String sha256, long size, long mtime) {}

    /** The change was based on another version than the current one; {@code current} is null when the path is free. */
    static final class ConflictException extends RuntimeException {
        final Current current;

        ConflictException(String message, Current current) {
            super(message, null, false, false);
            this.current = current;
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final TransactionTemplate nested;
    private final Library library;
    private final Journal journal;

    SyncTree(JdbcClient jdbc, TransactionTemplate tx, PlatformTransactionManager transactions, Library library,
            Journal journal) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.nested = new TransactionTemplate(transactions);
        this.nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.library = library;
        this.journal = journal;
    }

    /**
     * Runs {@code each} on every element inside one transaction, each in a nested one (a
     * savepoint): an element that throws is undone alone and answered by {@code failed}; the others
     * commit together.
     */
    <T> List<Object> inOneTransaction(String accountId, List<T> elements, java.util.function.Function<T, Object> each,
            java.util.function.Function<RuntimeException, Object> failed) {
        List<Object> results = tx.execute(status -> {
            List<Object> done = new java.util.ArrayList<>();
            for (T element : elements) {
                try {
                    done.add(nested.execute(inner -> each.apply(element)));
                } catch (RuntimeException e) {
                    done.add(failed.apply(e));
                }
            }
            return done;
        });
        journal.signal(accountId);
        return results;
    }

    Optional<Current> current(String accountId, String folder, String path) {
        return jdbc.sql("SELECT f.revision, f.item_id, i.version_no, i.sha256, i.size, f.mtime FROM sync_files f "
                        + "JOIN items i ON i.id = f.item_id WHERE f.account_id = ? AND f.folder = ? AND f.path = ?")
                .params(accountId, folder, path)
                .query((rs, n) -> new Current(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                        rs.getLong(5), rs.getLong(6)))
                .optional();
    }

    /**
     * Checks the content of a commit to {@code path} before its transaction (see
     * {@link Library#check}); null when the path has this content already, which needs no check.
     */
    Library.Checked check(String accountId, String folder, String path, FileManifest manifest) {
        boolean same = current(accountId, folder, path).map(c -> c.sha256().equals(manifest.sha256())).orElse(false);
        return same ? null : library.check(accountId, manifest);
    }

    /**
     * Commits new content at {@code path}, {@link #check checked} before. {@code baseRevision} 0
     * means the client saw no file there. Repeating a commit whose answer was lost changes nothing
     * and answers the same.
     *
     * @return the journal entry, or empty when the path already had this content
     */
    Optional<Journal.Entry> put(String accountId, String folder, String path, FileManifest manifest,
            Library.Checked checked, long baseRevision, long mtime, String deviceId) {
        Optional<Current> current = current(accountId, folder, path);
        if (current.isPresent() && current.get().sha256().equals(manifest.sha256())) {
            return Optional.empty();
        }
        check(current, baseRevision, path);
        if (checked == null) {
            throw new ConflictException("Another change to " + path + " was committed first.", current.orElse(null));
        }
        Journal.Entry[] entry = new Journal.Entry[1];
        library.commitManifest(accountId, current.map(Current::itemId).orElse(null), SyncPaths.basename(path), checked,
                stored -> entry[0] = record(accountId, folder, path, stored, manifest, baseRevision, mtime, deviceId));
        journal.signal(accountId);
        return Optional.of(entry[0]);
    }

    /** Inside the commit: moves the path to its new revision, unless another commit came first. */
    private Journal.Entry record(String accountId, String folder, String path, ItemStored stored, FileManifest manifest,
            long baseRevision, long mtime, String deviceId) {
        Journal.Entry entry = journal.append(accountId, folder, path, "put", null, stored.itemId(), stored.version(),
                manifest.sha256(), manifest.size(), mtime, deviceId);
        int changed = baseRevision == 0
                ? jdbc.sql("INSERT INTO sync_files (account_id, folder, path, item_id, revision, mtime) "
                                + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
                        .params(accountId, folder, path, stored.itemId(), entry.seq(), mtime).update()
                : jdbc.sql("UPDATE sync_files SET revision = ?, mtime = ? WHERE account_id = ? AND folder = ? "
                                + "AND path = ? AND revision = ?")
                        .params(entry.seq(), mtime, accountId, folder, path, baseRevision).update();
        if (changed == 0) {
            throw new ConflictException("Another change to " + path + " was committed first.", null);
        }
        return entry;
    }

    /** Moves a file without moving its content; the target must be free. */
    Journal.Entry move(String accountId, String folder, String from, String to, long baseRevision, String deviceId) {
        Journal.Entry entry = tx.execute(status -> {
            Current current = current(accountId, folder, from)
                    .orElseThrow(() -> new ConflictException("There is no file at " + from + " any more.", null));
            check(Optional.of(current), baseRevision, from);
            current(accountId, folder, to).ifPresent(taken -> {
                throw new ConflictException("There is a file at " + to + " already.", taken);
            });
            Journal.Entry moved = journal.append(accountId, folder, to, "move", from, current.itemId(),
                    current.version(), current.sha256(), current.size(), current.mtime(), deviceId);
            jdbc.sql("UPDATE sync_files SET path = ?, revision = ? WHERE account_id = ? AND folder = ? AND path = ?")
                    .params(to, moved.seq(), accountId, folder, from).update();
            if (!SyncPaths.basename(from).equals(SyncPaths.basename(to))) {
                library.update(accountId, current.itemId(),
                        new Library.Changes(Map.of("filename", SyncPaths.basename(to))));
            }
            return moved;
        });
        journal.signal(accountId);
        return entry;
    }

    /** Deletes a file from the folder; its item goes to the library's trash, where it can be restored. */
    Journal.Entry delete(String accountId, String folder, String path, long baseRevision, String deviceId) {
        Journal.Entry entry = tx.execute(status -> {
            Current current = current(accountId, folder, path)
                    .orElseThrow(() -> new ConflictException("There is no file at " + path + " any more.", null));
            check(Optional.of(current), baseRevision, path);
            Journal.Entry deleted = journal.append(accountId, folder, path, "delete", null, current.itemId(),
                    current.version(), current.sha256(), current.size(), current.mtime(), deviceId);
            jdbc.sql("DELETE FROM sync_files WHERE account_id = ? AND folder = ? AND path = ?")
                    .params(accountId, folder, path).update();
            library.trash(accountId, current.itemId());
            return deleted;
        });
        journal.signal(accountId);
        return entry;
    }

    private static void check(Optional<Current> current, long baseRevision, String path) {
        long actual = current.map(Current::revision).orElse(0L);
        if (actual != baseRevision) {
            throw new ConflictException(current.isPresent()
                    ? path + " is at version " + actual + ", not " + baseRevision + "."
                    : "There is no file at " + path + " any more.", current.orElse(null));
        }
    }

    /** The current content of an item the account synced, for clients fetching a journal entry's file. */
    Optional<FileManifest> manifest(String accountId, String itemId, int version) {
        return library.manifest(accountId, itemId, version);
    }
}
