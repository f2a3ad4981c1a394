package dev.arca.accounts;

import dev.arca.limits.RateLimits;
import dev.arca.platform.IpAddresses;
import dev.arca.platform.SignInThrottledException;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Limits sign-in attempts per e-mail address and per truncated network, in fixed windows. Every
 * attempt is counted before the password is checked, in one atomic step with the check, so
 * parallel guesses cannot get past the limit; a correct password takes its attempt back. Keys
 * are of the address as typed, registered or not, so the limit reveals nothing about which
 * addresses have accounts. Counters are in the database, shared by every node.
 */
@Component
class SignInLimiter {

    private final RateLimits limits;
    private final RateLimits.Limit perAccount;
    private final RateLimits.Limit perNetwork;

    SignInLimiter(RateLimits limits, @Value("${arca.sign-in.failures-per-account:5}") int perAccount,
            @Value("${arca.sign-in.failures-per-network:50}") int perNetwork,
            @Value("${arca.sign-in.window:15m}") Duration window) {
        this.limits = limits;
        this.perAccount = new RateLimits.Limit("sign-in/address", perAccount, window);
        this.perNetwork = new RateLimits.Limit("sign-in/network", perNetwork, window);
    }

    /**
     * Counts an attempt.
     *
     * @throws SignInThrottledException when either limit was already reached
     */
    void attempt(String email, String ip) {
        boolean address = limits.hit(perAccount, Emails.normalise(email));
        boolean network = limits.hit(perNetwork, IpAddresses.truncate(ip));
        if (!address || !network) {
            throw new SignInThrottledException(limits.retryAfter(address ? perNetwork : perAccount));
        }
    }

    /** The attempt was right: the address starts afresh, and the network gets its attempt back. */
    void succeeded(String email, String ip) {
        limits.clear(perAccount, Emails.normalise(email));
        limits.release(perNetwork, IpAddresses.truncate(ip));
    }
}
