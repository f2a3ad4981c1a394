package dev.arca.accounts;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.arca.platform.IpAddresses;
import dev.arca.platform.Secrets;
import dev.arca.platform.SignInThrottledException;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Limits failed sign-ins per e-mail address and per truncated network. A counter is forgotten
 * once a whole window passes without a failure, so a steady guesser stays locked out. Keys
 * are hashes of the address as typed, registered or not, so the limit reveals nothing about
 * which addresses have accounts. Counters live in this process (one node; see ARCHITECTURE.md).
 */
@Component
class SignInLimiter {

    private final int perAccount;
    private final int perNetwork;
    private final Duration window;
    private final Cache<String, Integer> failures;

    SignInLimiter(@Value("${arca.sign-in.failures-per-account:5}") int perAccount,
            @Value("${arca.sign-in.failures-per-network:50}") int perNetwork,
            @Value("${arca.sign-in.window:15m}") Duration window) {
        this.perAccount = perAccount;
        this.perNetwork = perNetwork;
        this.window = window;
        this.failures = Caffeine.newBuilder().expireAfterWrite(window).maximumSize(100_000).build();
    }

    /** @throws SignInThrottledException when either limit is reached */
    void check(String email, String ip) {
        if (count(accountKey(email)) >= perAccount || count(networkKey(ip)) >= perNetwork) {
            throw new SignInThrottledException(window);
        }
    }

    void failed(String email, String ip) {
        failures.asMap().merge(accountKey(email), 1, Integer::sum);
        failures.asMap().merge(networkKey(ip), 1, Integer::sum);
    }

    void succeeded(String email) {
        failures.invalidate(accountKey(email));
    }

    private int count(String key) {
        Integer n = failures.getIfPresent(key);
        return n == null ? 0 : n;
    }

    private static String accountKey(String email) {
        return "a:" + Secrets.sha256Hex(Emails.normalise(email));
    }

    private static String networkKey(String ip) {
        return "n:" + IpAddresses.truncate(ip);
    }
}
