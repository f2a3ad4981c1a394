package dev.arca.client.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * What this device knows about its synced folders, in {@code sync.db} (SQLite) in the client's
 * config directory: per folder the server's tree as the journal last said ({@code remote}), the
 * tree both sides agreed on at the last sync ({@code base}), a cache of the local files' hashes
 * and manifests keyed by size, mtime and inode ({@code local}), and the journal cursor. Every
 * change is committed as soon as the action it records is done, so an interrupted sync resumes
 * from where it stopped. One connection, used by one thread at a time (transfers run in
 * parallel and record their results here).
 */
final class SyncState implements AutoCloseable {

    record Remote(String path, long revision, String itemId, int version, String sha256, long size, long mtime) {}

    /** What both sides agreed on; {@code manifest} is that content's chunk list, the base for deltas. */
    record Base(String path, long revision, String sha256, String manifest) {}

    /** A local file's hash as of {@code checkedAt}. */
    record Cached(String path, long size, long mtime, long inode, String sha256, String manifest, long checkedAt) {}

    private final Connection db;
    final long folderId;

    private SyncState(Connection db, long folderId) {
        this.db = db;
        this.folderId = folderId;
    }

    /** Opens the state of the pair (local root, remote folder) on this server, creating it the first time. */
    static SyncState open(Path configDir, String server, Path root, String remoteFolder) throws IOException {
        Files.createDirectories(configDir);
        try {
            Connection db = DriverManager.getConnection("jdbc:sqlite:" + configDir.resolve("sync.db"));
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("PRAGMA busy_timeout=10000");
                s.execute("CREATE TABLE IF NOT EXISTS folders (id INTEGER PRIMARY KEY, root TEXT NOT NULL, "
                        + "server TEXT NOT NULL, remote TEXT NOT NULL, cursor INTEGER NOT NULL DEFAULT 0, "
                        + "UNIQUE (root, server, remote))");
                s.execute("CREATE TABLE IF NOT EXISTS remote (folder_id INTEGER NOT NULL, path TEXT NOT NULL, "
                        + "revision INTEGER NOT NULL, item_id TEXT NOT NULL, version INTEGER NOT NULL, "
                        + "sha256 TEXT NOT NULL, size INTEGER NOT NULL, mtime INTEGER NOT NULL, PRIMARY KEY (folder_id, path))");
                s.execute("CREATE TABLE IF NOT EXISTS base (folder_id INTEGER NOT NULL, path TEXT NOT NULL, "
                        + "revision INTEGER NOT NULL, sha256 TEXT NOT NULL, manifest TEXT NOT NULL, PRIMARY KEY (folder_id, path))");
                s.execute("CREATE TABLE IF NOT EXISTS local (folder_id INTEGER NOT NULL, path TEXT NOT NULL, "
                        + "size INTEGER NOT NULL, mtime INTEGER NOT NULL, inode INTEGER NOT NULL, sha256 TEXT NOT NULL, "
                        + "manifest TEXT NOT NULL, checked_at INTEGER NOT NULL, PRIMARY KEY (folder_id, path))");
            }
            String rootName = root.toAbsolutePath().normalize().toString();
            try (PreparedStatement insert = db.prepareStatement(
                    "INSERT OR IGNORE INTO folders (root, server, remote) VALUES (?, ?, ?)")) {
                insert.setString(1, rootName);
                insert.setString(2, server);
                insert.setString(3, remoteFolder);
                insert.executeUpdate();
            }
            long id;
            try (PreparedStatement select = db.prepareStatement(
                    "SELECT id FROM folders WHERE root = ? AND server = ? AND remote = ?")) {
                select.setString(1, rootName);
                select.setString(2, server);
                select.setString(3, remoteFolder);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            return new SyncState(db, id);
        } catch (SQLException e) {
            throw new IOException("cannot open the sync state in " + configDir + ": " + e.getMessage(), e);
        }
    }

    synchronized long cursor() throws IOException {
        return query("SELECT cursor FROM folders WHERE id = ?", rs -> rs.next() ? rs.getLong(1) : 0L);
    }

    synchronized void cursor(long cursor) throws IOException {
        update("UPDATE folders SET cursor = ? WHERE id = ?", cursor, folderId);
    }

    synchronized Map<String, Remote> remote() throws IOException {
        return query("SELECT path, revision, item_id, version, sha256, size, mtime FROM remote WHERE folder_id = ?", rs -> {
            Map<String, Remote> tree = new HashMap<>();
            while (rs.next()) {
                tree.put(rs.getString(1), new Remote(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getInt(4),
                        rs.getString(5), rs.getLong(6), rs.getLong(7)));
            }
            return tree;
        });
    }

    synchronized void putRemote(Remote r) throws IOException {
        update("INSERT OR REPLACE INTO remote (folder_id, path, revision, item_id, version, sha256, size, mtime) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", folderId, r.path(), r.revision(), r.itemId(), r.version(),
                r.sha256(), r.size(), r.mtime());
    }

    synchronized void removeRemote(String path) throws IOException {
        update("DELETE FROM remote WHERE folder_id = ? AND path = ?", folderId, path);
    }

    synchronized Map<String, Base> base() throws IOException {
        return query("SELECT path, revision, sha256, manifest FROM base WHERE folder_id = ?", rs -> {
            Map<String, Base> tree = new HashMap<>();
            while (rs.next()) {
                tree.put(rs.getString(1), new Base(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4)));
            }
            return tree;
        });
    }

    synchronized void putBase(String path, long revision, String sha256, String manifest) throws IOException {
        update("INSERT OR REPLACE INTO base (folder_id, path, revision, sha256, manifest) VALUES (?, ?, ?, ?, ?)",
                folderId, path, revision, sha256, manifest);
    }

    synchronized void removeBase(String path) throws IOException {
        update("DELETE FROM base WHERE folder_id = ? AND path = ?", folderId, path);
    }

    synchronized Map<String, Cached> cache() throws IOException {
        return query("SELECT path, size, mtime, inode, sha256, manifest, checked_at FROM local WHERE folder_id = ?", rs -> {
            Map<String, Cached> tree = new HashMap<>();
            while (rs.next()) {
                tree.put(rs.getString(1), new Cached(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getString(5), rs.getString(6), rs.getLong(7)));
            }
            return tree;
        });
    }

    synchronized void putCache(Cached c) throws IOException {
        update("INSERT OR REPLACE INTO local (folder_id, path, size, mtime, inode, sha256, manifest, checked_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", folderId, c.path(), c.size(), c.mtime(), c.inode(), c.sha256(),
                c.manifest(), c.checkedAt());
    }

    synchronized void removeCache(String path) throws IOException {
        update("DELETE FROM local WHERE folder_id = ? AND path = ?", folderId, path);
    }

    /**
     * Runs {@code work} in one transaction: many small writes cost one disk sync. Inside another
     * call, {@code work} joins the outer transaction.
     */
    synchronized void inTransaction(IoWork work) throws IOException {
        try {
            if (!db.getAutoCommit()) {
                work.run();
                return;
            }
            db.setAutoCommit(false);
            try {
                work.run();
                db.commit();
            } catch (IOException | RuntimeException e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IOException("sync state: " + e.getMessage(), e);
        }
    }

    interface IoWork {
        void run() throws IOException;
    }

    private interface Rows<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> T query(String sql, Rows<T> rows) throws IOException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setLong(1, folderId);
            try (ResultSet rs = statement.executeQuery()) {
                return rows.read(rs);
            }
        } catch (SQLException e) {
            throw new IOException("sync state: " + e.getMessage(), e);
        }
    }

    private void update(String sql, Object... params) throws IOException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IOException("sync state: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            db.close();
        } catch (SQLException e) {
            throw new IOException("sync state: " + e.getMessage(), e);
        }
    }
}
