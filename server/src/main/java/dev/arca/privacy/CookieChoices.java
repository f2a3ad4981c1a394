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
 * choice is remembered in one strictly necessary first-party cookie holding the choice, the
 * policy version shown and a random visitor id, and recorded in the consent ledger: under the
 * account when one is signed in, else under that visitor id (a random id, tied to nothing else).
 * When a later policy version changes the notice of either cookie purpose, the stored choice no
 * longer counts and the banner asks again.
 */
@Service
public class CookieChoices {

    public static final String COOKIE = "arca_cookies";
    private static final Duration KEEP = Duration.ofDays(180);

    private static final String VISITOR = "visitor:";
    private static final java.util.List<Purpose> PURPOSES = java.util.List.of(Purpose.PREFERENCE_COOKIES,
            Purpose.ANALYTICS_COOKIES);

    private final ConsentLedger ledger;
    private final PurposeGate gate;
    private final PolicyVersions policies;

    CookieChoices(ConsentLedger ledger, PurposeGate gate, PolicyVersions policies) {
        this.ledger = ledger;
        this.gate = gate;
        this.policies = policies;
    }

    /** The choice this browser made, if any, and if it answered the cookie notices now in force. */
    public Optional<CookieChoice> of(HttpServletRequest request) {
        return stored(request).filter(this::current).map(CookieChoice.Stored::choice);
    }

    private boolean current(CookieChoice.Stored stored) {
        PolicyVersion now = policies.current();
        return stored.policyVersion() == now.version()
                || PURPOSES.stream().allMatch(p -> policies.shown(stored.policyVersion(), p).equals(NoticeShown.of(now, p)));
    }

    private static Optional<CookieChoice.Stored> stored(HttpServletRequest request) {
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
     * Remembers the choice in the browser and records it in the ledger, under the account
     * ({@code subjectId} not null) or the browser's visitor id. Refusing is recorded exactly like
     * accepting.
     *
     * @param shownVersion the policy version whose cookie notices the page showed
     * @throws NoticeChangedException when an acceptance answers notices no longer in force
     */
    public void record(String subjectId, CookieChoice choice, int shownVersion, HttpServletRequest request,
            HttpServletResponse response) {
        String visitorId = stored(request).map(CookieChoice.Stored::visitorId)
                .orElseGet(() -> dev.arca.platform.Secrets.newToken(""));
        String subject = subjectId != null ? subjectId : VISITOR + visitorId;
        ledger.record(subject, Purpose.PREFERENCE_COOKIES, choice.preferences() ? Decision.GRANT : Decision.WITHDRAW,
                Mechanism.COOKIE_BANNER, Origin.WEB, "subject", policies.shown(shownVersion, Purpose.PREFERENCE_COOKIES));
        ledger.record(subject, Purpose.ANALYTICS_COOKIES, choice.analytics() ? Decision.GRANT : Decision.WITHDRAW,
                Mechanism.COOKIE_BANNER, Origin.WEB, "subject", policies.shown(shownVersion, Purpose.ANALYTICS_COOKIES));
        setCookie(choice, visitorId, request, response);
    }

    /**
     * Remembers a refusal in the browser only, without a ledger entry: for a visitor whose network
     * has recorded too many choices. A refusal needs no proof, and refusing must never be harder
     * than accepting.
     *
     * @throws IllegalArgumentException when the choice accepts something
     */
    public void rememberRefusal(CookieChoice choice, HttpServletRequest request, HttpServletResponse response) {
        if (choice.preferences() || choice.analytics()) {
            throw new IllegalArgumentException("Only a refusal is remembered without a record");
        }
        String visitorId = stored(request).map(CookieChoice.Stored::visitorId)
                .orElseGet(() -> dev.arca.platform.Secrets.newToken(""));
        setCookie(choice, visitorId, request, response);
    }

    private void setCookie(CookieChoice choice, String visitorId, HttpServletRequest request,
            HttpServletResponse response) {
        ResponseCookie cookie = ResponseCookie.from(COOKIE, choice.encode(policies.current().version(), visitorId))
                .path("/").maxAge(KEEP).httpOnly(true).secure(request.isSecure()).sameSite("Lax").build();
        response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
    }
}
