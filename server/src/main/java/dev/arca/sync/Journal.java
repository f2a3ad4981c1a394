package dev.arca.sync;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Each account's append-only change journal. {@link #append} runs inside the transaction of the
 * change it records; sequence numbers come from the account's counter row, whose lock serialises
 * appends, so they follow commit order without gaps.
 */
@Component
class Journal {

    /** One change. {@code from} is the old path of a move. */
    record Entry(long seq, String folder, String path, String kind, String from, String itemId, int version,
            String sha256, long size, long mtime, String deviceId, long at) {}

    /** Entries after a cursor; {@code cursor} is where the next question starts. */
    record Page(long cursor, boolean more, List<Entry> entries) {}

    private static final long SLICE_MILLIS = 1_000;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ConcurrentHashMap<String, Object> signals = new ConcurrentHashMap<>();

    Journal(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records a change; call inside its transaction, then {@link #signal} after the commit. */
    Entry append(String accountId, String folder, String path, String kind, String from, String itemId, int version,
            String sha256, long size, long mtime, String deviceId) {
        jdbc.sql("INSERT INTO sync_accounts (account_id, last_seq) VALUES (?, 1) "
                        + "ON CONFLICT (account_id) DO UPDATE SET last_seq = sync_accounts.last_seq + 1")
                .param(accountId).update();
        long seq = lastSeq(accountId);
        long at = clock.millis();
        jdbc.sql("INSERT INTO sync_journal (account_id, seq, folder, path, kind, from_path, item_id, version_no, "
                        + "sha256, size, mtime, device_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(accountId, seq, folder, path, kind, from, itemId, version, sha256, size, mtime, deviceId, at)
                .update();
        return new Entry(seq, folder, path, kind, from, itemId, version, sha256, size, mtime, deviceId, at);
    }

    /** Wakes the requests of this account waiting for changes. */
    void signal(String accountId) {
        Object signal = signals.get(accountId);
        if (signal != null) {
            synchronized (signal) {
                signal.notifyAll();
            }
        }
    }

    /**
     * The entries after {@code after}, of one folder or (null) of all. When there are none and
     * {@code wait} is positive, waits that long for one. Waiting re-reads the database every
     * second as well, so changes committed by another server node arrive too.
     */
    Page changes(String accountId, long after, String folder, int limit, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        Object signal = signals.computeIfAbsent(accountId, k -> new Object());
        while (true) {
            Page page = read(accountId, after, folder, limit);
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (!page.entries().isEmpty() || left <= 0) {
                return page;
            }
            synchronized (signal) {
                signal.wait(Math.min(left, SLICE_MILLIS));
            }
        }
    }

    private Page read(String accountId, long after, String folder, int limit) {
        long last = lastSeq(accountId);
        List<Entry> entries = jdbc.sql("SELECT seq, folder, path, kind, from_path, item_id, version_no, sha256, size, "
                        + "mtime, device_id, at FROM sync_journal WHERE account_id = ? AND seq > ? AND seq <= ? "
                        + (folder == null ? "" : "AND folder = ? ") + "ORDER BY seq LIMIT ?")
                .params(folder == null ? List.of(accountId, after, last, limit + 1)
                        : List.of(accountId, after, last, folder, limit + 1))
                .query((rs, n) -> new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getInt(7), rs.getString(8), rs.getLong(9), rs.getLong(10),
                        rs.getString(11), rs.getLong(12)))
                .list();
        boolean more = entries.size() > limit;
        if (more) {
            entries = entries.subList(0, limit);
            return new Page(entries.getLast().seq(), true, entries);
        }
        return new Page(Math.max(after, last), false, entries);
    }

    private long lastSeq(String accountId) {
        return jdbc.sql("SELECT last_seq FROM sync_accounts WHERE account_id = ?").param(accountId)
                .query(Long.class).optional().orElse(0L);
    }

    /** A revoked device's entries stay in the history, no longer saying which device made them. */
    @org.springframework.context.event.EventListener
    void forget(dev.arca.devices.DeviceRevoked revoked) {
        jdbc.sql("UPDATE sync_journal SET device_id = NULL WHERE account_id = ? AND device_id = ?")
                .params(revoked.accountId(), revoked.deviceId()).update();
    }
}
