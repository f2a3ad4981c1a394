package dev.arca.limits;

import dev.arca.platform.ApiProblem;
import dev.arca.platform.KeyDirectory;
import dev.arca.platform.Secrets;
import dev.arca.protocol.api.ProblemTypes;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counts hits per key in fixed windows ({@code rate_counts}). {@link #hit} counts and answers in
 * one statement, so however many requests arrive at once on however many nodes, no more than
 * {@code max} of them are let through in a window. Keys are keyed hashes: the table holds no
 * address, network or account id.
 */
@Component
public class RateLimits {

    /**
     * A limit: at most {@code max} hits per key in each {@code window}.
     *
     * @param name distinguishes the limit's keys from other limits' keys
     */
    public record Limit(String name, int max, Duration window) {}

    /** A limit was reached; {@code 429} with {@code Retry-After}. */
    public static final class Exceeded extends ApiProblem {

        private final Duration retryAfter;

        public Exceeded(String detail, Duration retryAfter) {
            super(HttpStatus.TOO_MANY_REQUESTS, ProblemTypes.RATE_LIMITED, detail);
            this.retryAfter = retryAfter;
            getHeaders().set("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds())));
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final byte[] key;

    RateLimits(JdbcClient jdbc, Clock clock, KeyDirectory keys) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.key = keys.secret("rate-limits");
    }

    /**
     * Counts a hit; true when it is within the limit, false when the limit was already reached.
     * Not inside a transaction: a refusal that rolled the caller back would roll the count back
     * with it, and the limit would never be reached.
     */
    public boolean hit(Limit limit, String value) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Rate limits are counted outside transactions");
        }
        int hits = jdbc.sql("""
                        INSERT INTO rate_counts (bucket, window_start, hits) VALUES (?, ?, 1)
                        ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_counts.hits + 1
                        RETURNING hits""")
                .params(bucket(limit, value), windowStart(limit)).query(Integer.class).single();
        return hits <= limit.max();
    }

    /**
     * Counts a hit for every key, and throws when any limit was already reached.
     *
     * @throws Exceeded naming {@code what} was limited
     */
    public void require(String what, Check... checks) {
        Duration wait = null;
        for (Check check : checks) {
            if (!hit(check.limit(), check.value())) {
                Duration left = retryAfter(check.limit());
                wait = wait == null || left.compareTo(wait) > 0 ? left : wait;
            }
        }
        if (wait != null) {
            throw new Exceeded("Too many " + what + ". Try again in " + Math.max(1, wait.toMinutes()) + " minutes.",
                    wait);
        }
    }

    /** One limit applied to one value. */
    public record Check(Limit limit, String value) {}

    /** Hits counted for the key in the current window. */
    public int hits(Limit limit, String value) {
        return jdbc.sql("SELECT hits FROM rate_counts WHERE bucket = ? AND window_start = ?")
                .params(bucket(limit, value), windowStart(limit)).query(Integer.class).optional().orElse(0);
    }

    /** Forgets the key's hits in the current window (e.g. after a successful sign-in). */
    public void clear(Limit limit, String value) {
        jdbc.sql("DELETE FROM rate_counts WHERE bucket = ? AND window_start = ?")
                .params(bucket(limit, value), windowStart(limit)).update();
    }

    /** Takes back one hit (an attempt that turned out not to count, such as a correct password). */
    public void release(Limit limit, String value) {
        jdbc.sql("UPDATE rate_counts SET hits = hits - 1 WHERE bucket = ? AND window_start = ? AND hits > 0")
                .params(bucket(limit, value), windowStart(limit)).update();
    }

    /** Time until the current window of the limit ends. */
    public Duration retryAfter(Limit limit) {
        long now = clock.millis();
        return Duration.ofMillis(windowStart(limit) + limit.window().toMillis() - now);
    }

    /** Windows that ended are of no use; any node may delete them, more than once. */
    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    void forgetEnded() {
        // The longest window in use is a day; anything older has ended.
        jdbc.sql("DELETE FROM rate_counts WHERE window_start < ?").param(clock.millis() - Duration.ofDays(2).toMillis())
                .update();
    }

    private long windowStart(Limit limit) {
        long size = limit.window().toMillis();
        return clock.millis() / size * size;
    }

    private String bucket(Limit limit, String value) {
        return HexFormat.of().formatHex(Secrets.hmacSha256(key, limit.name() + "\u0000" + (value == null ? "" : value)));
    }
}
