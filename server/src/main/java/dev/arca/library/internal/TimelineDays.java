package dev.arca.library.internal;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How many items each day of an account's timeline has (table {@code timeline_days}), kept by the
 * writers that add, move, trash and restore items, in their transactions.
 */
@Component
public class TimelineDays {

    private static final long DAY = 86_400_000L;

    /** A day (days since 1970-01-01, UTC) and how many items it has. */
    public record Day(long day, long items) {}

    private record Change(String accountId, long day, int delta) {}

    private final JdbcClient jdbc;
    /** Changes, summed per day and written once per transaction. */
    private final AtCommit<Change> changes = new AtCommit<>(this::write);

    TimelineDays(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds {@code delta} (+1 or -1) items to the day of {@code takenAt}, written with the caller's
     * transaction, just before it commits.
     */
    public void add(String accountId, long takenAt, int delta) {
        changes.add(List.of(new Change(accountId, Math.floorDiv(takenAt, DAY), delta)));
    }

    private void write(List<Change> list) {
        java.util.Map<Change, Integer> summed = new java.util.LinkedHashMap<>();
        list.forEach(c -> summed.merge(new Change(c.accountId(), c.day(), 0), c.delta(), Integer::sum));
        summed.forEach((day, delta) -> {
            if (delta != 0) {
                jdbc.sql("INSERT INTO timeline_days (account_id, day, items) VALUES (?, ?, ?) "
                        + "ON CONFLICT (account_id, day) DO UPDATE SET items = timeline_days.items + excluded.items")
                        .params(day.accountId(), day.day(), delta).update();
            }
        });
    }

    /** The account's days with items, newest first. */
    public List<Day> of(String accountId) {
        changes.flush();
        return jdbc.sql("SELECT day, items FROM timeline_days WHERE account_id = ? AND items > 0 ORDER BY day DESC")
                .param(accountId).query((rs, n) -> new Day(rs.getLong(1), rs.getLong(2))).list();
    }

    /** Counts the account's days anew from its items, for rows written around the writers (an import). */
    public void recount(String accountId) {
        changes.flush();
        jdbc.sql("DELETE FROM timeline_days WHERE account_id = ?").param(accountId).update();
        jdbc.sql("INSERT INTO timeline_days (account_id, day, items) SELECT account_id, day, COUNT(*) FROM ("
                + "SELECT account_id, CASE WHEN taken_at < 0 AND taken_at % 86400000 <> 0 THEN taken_at / 86400000 - 1 "
                + "ELSE taken_at / 86400000 END AS day FROM items WHERE account_id = ? AND trashed_at IS NULL) d "
                + "GROUP BY account_id, day").param(accountId).update();
    }
}
