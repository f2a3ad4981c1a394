package dev.arca.sharing;

import dev.arca.limits.RateLimits;
import dev.arca.platform.IpAddresses;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Limits share password attempts: at most {@value #LIMIT} per share and per network (/24 or /48)
 * and share in a {@link #WINDOW}. Each attempt is counted before the password is checked, in
 * one atomic step, so parallel guesses cannot get past the limit; a right password takes its
 * attempt back. Counted in the database, shared by every node.
 */
@Component
class PasswordAttempts {

    static final int LIMIT = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);
    private static final RateLimits.Limit PER_SHARE = new RateLimits.Limit("share-password", LIMIT, WINDOW);
    private static final RateLimits.Limit PER_NETWORK = new RateLimits.Limit("share-password/network", LIMIT, WINDOW);

    private final RateLimits limits;

    PasswordAttempts(RateLimits limits) {
        this.limits = limits;
    }

    /**
     * Counts an attempt at the share's password.
     *
     * @throws RateLimits.Exceeded when a limit was already reached
     */
    void attempt(String shareId, String address) {
        limits.require("wrong passwords", new RateLimits.Check(PER_SHARE, shareId),
                new RateLimits.Check(PER_NETWORK, network(address) + "/" + shareId));
    }

    /** The password was right: the attempt does not count. */
    void succeeded(String shareId, String address) {
        limits.release(PER_SHARE, shareId);
        limits.release(PER_NETWORK, network(address) + "/" + shareId);
    }

    private static String network(String address) {
        return IpAddresses.truncate(address == null ? "" : address);
    }
}
