package dev.arca.web;

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

    WebPages(CookieChoices cookies, ConsentLedger ledger) {
        this.cookies = cookies;
        this.ledger = ledger;
    }

    @GetMapping("/")
    String home() {
        return "web/home";
    }

    /** The operator's pages; each module adds its own under {@code /admin/}. */
    @GetMapping("/admin")
    String admin(org.springframework.ui.Model model) {
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
        try {
            cookies.record(me == null ? null : me.accountId(), choice, policyVersion, request, response);
        } catch (NoticeChangedException changed) {
            // The notices changed while the page was open: back to it, where the banner shows the new ones.
        }
        return "redirect:" + (local ? returnTo : "/");
    }
}
