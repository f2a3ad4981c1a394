package dev.arca.privacy;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Service;

/**
 * Cookie consent (II.7). Until a visitor chooses, only the session and CSRF cookies exist. The
 * choice is remembered in one strictly necessary first-party cookie holding nothing but the
 * choice; for a signed-in account it is also recorded in the consent ledger.
 */
@Service
public class CookieChoices {

    public static final String COOKIE = "arca_cookies";
    private static final Duration KEEP = Duration.ofDays(180);

    private final ConsentLedger ledger;
    private final PurposeGate gate;

    CookieChoices(ConsentLedger ledger, PurposeGate gate) {
        this.ledger = ledger;
        this.gate = gate;
    }

    /** The choice this browser made, if any. */
    public Optional<CookieChoice> of(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        return Arrays.stream(cookies).filter(c -> COOKIE.equals(c.getName())).findFirst()
                .flatMap(c -> CookieChoice.decode(c.getValue()));
    }

    /**
     * Whether this request may be counted by the site's own analytics (II.6): the browser chose
     * analytics, it sends neither Do Not Track nor Global Privacy Control, and a signed-in
     * account has not withdrawn its analytics consent elsewhere.
     *
     * @param subjectId the signed-in account, or null
     */
    public boolean analyticsAllowed(HttpServletRequest request, String subjectId) {
        if ("1".equals(request.getHeader("DNT")) || "1".equals(request.getHeader("Sec-GPC"))) {
            return false;
        }
        if (!of(request).map(CookieChoice::analytics).orElse(false)) {
            return false;
        }
        return subjectId == null || gate.permits(subjectId, Purpose.ANALYTICS_COOKIES);
    }

    /**
     * Remembers the choice in the browser and, for an account ({@code subjectId} not null), in
     * the ledger. Refusing is recorded exactly like accepting.
     */
    public void record(String subjectId, CookieChoice choice, HttpServletRequest request, HttpServletResponse response) {
        if (subjectId != null) {
            ledger.record(subjectId, Purpose.PREFERENCE_COOKIES, choice.preferences() ? Decision.GRANT : Decision.WITHDRAW,
                    Mechanism.COOKIE_BANNER, Origin.WEB, "subject");
            ledger.record(subjectId, Purpose.ANALYTICS_COOKIES, choice.analytics() ? Decision.GRANT : Decision.WITHDRAW,
                    Mechanism.COOKIE_BANNER, Origin.WEB, "subject");
        }
        ResponseCookie cookie = ResponseCookie.from(COOKIE, choice.encode())
                .path("/").maxAge(KEEP).httpOnly(true).secure(request.isSecure()).sameSite("Lax").build();
        response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
    }
}
