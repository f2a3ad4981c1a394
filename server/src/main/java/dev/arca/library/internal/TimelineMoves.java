package dev.arca.library.internal;

import java.time.Clock;
import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The record of moves on the timeline (tables {@code timeline_clocks} and {@code timeline_moves},
 * docs/search.md, "Paging"), which lets a timeline page after the first list items where they
 * were when the first page was listed.
 */
@Component
public class TimelineMoves {

    /** Moves are kept this long: a timeline cursor keeps its order for a day. */
    public static final Duration KEPT = Duration.ofDays(1);

    private final JdbcClient jdbc;
    private final Clock clock;

    TimelineMoves(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Records, in the caller's transaction, that an item left the timeline position {@code from}.
     * The account's clock row is updated first and stays locked until the caller commits, so
     * the account's moves commit in the order of their numbers.
     */
    public void record(String accountId, String itemId, long from) {
        jdbc.sql("INSERT INTO timeline_clocks (account_id, seq) VALUES (?, 1) "
                + "ON CONFLICT (account_id) DO UPDATE SET seq = timeline_clocks.seq + 1").param(accountId).update();
        long seq = jdbc.sql("SELECT seq FROM timeline_clocks WHERE account_id = ?").param(accountId)
                .query(Long.class).single();
        jdbc.sql("INSERT INTO timeline_moves (account_id, seq, item_id, from_taken_at, moved_at) VALUES (?, ?, ?, ?, ?)")
                .params(accountId, seq, itemId, from, clock.millis()).update();
    }

    /** Forgets moves older than {@link #KEPT}. */
    @Scheduled(fixedDelayString = "${arca.library.moves-prune-interval:1h}", initialDelayString = "${arca.library.moves-prune-delay:10m}")
    public int prune() {
        return jdbc.sql("DELETE FROM timeline_moves WHERE moved_at < ?").param(clock.millis() - KEPT.toMillis())
                .update();
    }
}
