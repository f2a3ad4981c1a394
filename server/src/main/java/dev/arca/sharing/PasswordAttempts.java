package dev.arca.sharing;

import dev.arca.platform.IpAddresses;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Limits wrong share passwords: at most {@value #LIMIT} per share and per network (/24 or /48)
 * in {@link #WINDOW}. Held in this process; after a restart the count starts again.
 */
@Component
class PasswordAttempts {

    static final int LIMIT = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final ConcurrentHashMap<String, Deque<Long>> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    PasswordAttempts(Clock clock) {
        this.clock = clock;
    }

    /** Seconds until another attempt is allowed, or 0 when one is allowed now. */
    long retryAfter(String shareId, String address) {
        return Math.max(wait(shareId), wait(network(address) + "/" + shareId));
    }

    void failed(String shareId, String address) {
        long now = clock.millis();
        for (String key : new String[] {shareId, network(address) + "/" + shareId}) {
            Deque<Long> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
            synchronized (times) {
                times.addLast(now);
            }
        }
    }

    private long wait(String key) {
        Deque<Long> times = failures.get(key);
        if (times == null) {
            return 0;
        }
        long now = clock.millis();
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst() <= now - WINDOW.toMillis()) {
                times.removeFirst();
            }
            if (times.size() < LIMIT) {
                return 0;
            }
            return Math.max(1, (times.peekFirst() + WINDOW.toMillis() - now + 999) / 1000);
        }
    }

    private static String network(String address) {
        return IpAddresses.truncate(address == null ? "" : address);
    }
}
