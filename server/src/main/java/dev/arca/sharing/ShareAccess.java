package dev.arca.sharing;

import dev.arca.library.Item;
import dev.arca.platform.ApiProblem;
import dev.arca.platform.Secrets;
import dev.arca.protocol.api.ProblemTypes;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Who may see a share: anyone with a link that exists and has not expired, and, when the share
 * has a password, who gave it: in the page, once (a cookie for this link only, for 12 hours);
 * through the API, with each request ({@code Arca-Share-Password}). Wrong passwords are limited
 * by {@link PasswordAttempts}.
 */
@Component
class ShareAccess {

    static final String COOKIE = "arca_share";
    static final String PASSWORD_HEADER = "Arca-Share-Password";
    private static final Duration UNLOCKED = Duration.ofHours(12);

    /** The share wants its password. */
    static final class LockedException extends RuntimeException {
        LockedException() {
            super("locked", null, false, false);
        }
    }

    private record Unlock(String shareId, long until) {}

    private final Shares shares;
    private final Members members;
    private final PasswordAttempts attempts;
    private final Clock clock;
    private final ConcurrentHashMap<String, Unlock> unlocks = new ConcurrentHashMap<>();

    ShareAccess(Shares shares, Members members, PasswordAttempts attempts, Clock clock) {
        this.shares = shares;
        this.members = members;
        this.attempts = attempts;
        this.clock = clock;
    }

    /** A share the account is a member of: 404 when it is not (or no such share), 410 when it expired. */
    Shares.Found forMember(String accountId, String shareId) {
        if (members.role(accountId, shareId).isEmpty()) {
            throw ApiProblem.notFound("Share");
        }
        Shares.Found found = shares.byId(shareId).orElseThrow(() -> ApiProblem.notFound("Share"));
        if (found.expired(clock)) {
            throw new ApiProblem(HttpStatus.GONE, ProblemTypes.GONE, "This share has expired.");
        }
        return found;
    }

    /** The live share of a link: 404 when there is none (or it was revoked), 410 when it expired. */
    Shares.Found live(String token) {
        Shares.Found found = shares.byToken(token).orElseThrow(() -> ApiProblem.notFound("Share"));
        if (found.expired(clock)) {
            throw new ApiProblem(HttpStatus.GONE, ProblemTypes.GONE, "This share has expired.");
        }
        return found;
    }

    /** The live share, when the request may see it; {@link LockedException} when it needs the password. */
    Shares.Found open(String token, HttpServletRequest request) {
        Shares.Found found = live(token);
        if (!found.share().hasPassword() || unlockedByCookie(found, request)) {
            return found;
        }
        String password = request.getHeader(PASSWORD_HEADER);
        if (password == null) {
            throw new LockedException();
        }
        check(found, password, request.getRemoteAddr());
        return found;
    }

    /** Checks the password; returns the value of the cookie that keeps this link unlocked. */
    String unlock(Shares.Found found, String password, String address) {
        check(found, password, address);
        String value = Secrets.newToken("");
        unlocks.put(value, new Unlock(found.share().id(), clock.millis() + UNLOCKED.toMillis()));
        unlocks.values().removeIf(u -> u.until() < clock.millis());
        return value;
    }

    private void check(Shares.Found found, String password, String address) {
        attempts.attempt(found.share().id(), address);
        if (!shares.passwordMatches(found, password)) {
            throw new ApiProblem(HttpStatus.UNAUTHORIZED, ProblemTypes.BAD_CREDENTIALS, "That is not the password.");
        }
        attempts.succeeded(found.share().id(), address);
    }

    private boolean unlockedByCookie(Shares.Found found, HttpServletRequest request) {
        if (request.getCookies() == null) {
            return false;
        }
        for (Cookie cookie : request.getCookies()) {
            if (COOKIE.equals(cookie.getName())) {
                Unlock unlock = unlocks.get(cookie.getValue());
                if (unlock != null && unlock.shareId().equals(found.share().id()) && unlock.until() > clock.millis()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A shared item with its position in the share; 404 for anything the share does not hold. */
    Positioned item(Shares.Found found, String itemId) {
        List<Item> items = shares.items(found);
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).id().equals(itemId)) {
                return new Positioned(items.get(i), i);
            }
        }
        throw ApiProblem.notFound("Item");
    }

    record Positioned(Item item, int position) {}
}
