package dev.arca.web;

import dev.arca.limits.RateLimits;
import dev.arca.platform.IpAddresses;
import org.springframework.beans.factory.annotation.Value;

import dev.arca.platform.ArcaPrincipal;
import dev.arca.privacy.CookieChoice;
import dev.arca.privacy.ConsentLedger;
import dev.arca.privacy.CookieChoices;
import dev.arca.privacy.NoticeChangedException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The public home page and the cookie choice (banner and footer link). */
@PageController
class WebPages {

    private final CookieChoices cookies;
    private final ConsentLedger ledger;
    private final RateLimits limits;
    private final RateLimits.Limit visitorChoices;

    WebPages(CookieChoices cookies, ConsentLedger ledger, RateLimits limits,
            @Value("${arca.privacy.visitor-choices-per-network:60}") int visitorChoicesPerNetwork) {
        this.cookies = cookies;
        this.ledger = ledger;
        this.limits = limits;
        this.visitorChoices = visitorChoiceLimit(visitorChoicesPerNetwork);
    }

    /**
     * How many cookie choices visitors without an account may record per network and hour. The
     * ledger keeps every entry for good, so an unlimited form would let anyone fill the disk.
     * Over the limit an acceptance is answered 429; a refusal is still remembered in the browser,
     * only not recorded.
     */
    static RateLimits.Limit visitorChoiceLimit(int perNetwork) {
        return new RateLimits.Limit("cookie-choices/network", perNetwork, java.time.Duration.ofHours(1));
    }

    @GetMapping("/")
    String home() {
        return "web/home";
    }

    /** The operator pages, each with its title's key: the start page lists those the visitor's roles open. */
    private static final java.util.List<String> ADMIN_PAGES = java.util.List.of("users", "storage", "corrections",
            "mail", "newsletter", "analytics", "processors", "disclosures", "records", "access-log", "roles");

    /** The operator's pages; each module adds its own under {@code /admin/}. */
    @GetMapping("/admin")
    String admin(@org.springframework.security.core.annotation.AuthenticationPrincipal dev.arca.platform.ArcaPrincipal me,
            org.springframework.ui.Model model) {
        model.addAttribute("pages", ADMIN_PAGES.stream()
                .filter(page -> dev.arca.platform.OperatorAccess.allows(me, "/admin/" + page)).toList());
        model.addAttribute("ledger", ledger.integrity());
        return "web/admin";
    }

    @GetMapping("/cookies")
    String cookieChoices(HttpServletRequest request, org.springframework.ui.Model model) {
        model.addAttribute("choice", cookies.of(request).orElse(new CookieChoice(false, false)));
        return "web/cookies";
    }

    /**
     * Records the visitor's choice; "refuse" and "accept" are one button each. Returns to the
     * page the banner was on (a local path only).
     */
    @PostMapping("/cookies")
    String choose(@RequestParam(defaultValue = "custom") String action,
            @RequestParam(defaultValue = "false") boolean preferences,
            @RequestParam(defaultValue = "false") boolean analytics,
            @RequestParam(defaultValue = "/") String returnTo,
            @RequestParam(defaultValue = "0") int policyVersion,
            @AuthenticationPrincipal ArcaPrincipal me, HttpServletRequest request, HttpServletResponse response) {
        CookieChoice choice = switch (action) {
            case "accept" -> new CookieChoice(true, true);
            case "refuse" -> new CookieChoice(false, false);
            default -> new CookieChoice(preferences, analytics);
        };
        boolean local = returnTo.startsWith("/") && !returnTo.startsWith("//") && !returnTo.contains("\\");
        if (me == null && !limits.hit(visitorChoices, IpAddresses.truncate(request.getRemoteAddr()))) {
            if (choice.preferences() || choice.analytics()) {
                throw new RateLimits.Exceeded("Too many cookie choices from your network. Try again in "
                        + Math.max(1, limits.retryAfter(visitorChoices).toMinutes()) + " minutes.",
                        limits.retryAfter(visitorChoices));
            }
            cookies.rememberRefusal(choice, request, response); // refusing is never limited
            return "redirect:" + (local ? returnTo : "/");
        }
        try {
            cookies.record(me == null ? null : me.accountId(), choice, policyVersion, request, response);
        } catch (NoticeChangedException changed) {
            // The notices changed while the page was open: back to it, where the banner shows the new ones.
        }
        return "redirect:" + (local ? returnTo : "/");
    }
}
