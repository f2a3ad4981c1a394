package dev.arca.newsletter;

import dev.arca.privacy.NoticeChangedException;
import dev.arca.privacy.PolicyVersions;
import dev.arca.privacy.Purpose;
import dev.arca.web.PageController;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The links in newsletter mail. Opening a link (GET) never changes anything, because mail
 * scanners open links: it shows one button. The button, or a one-click unsubscribe (RFC 8058: a
 * POST of {@code List-Unsubscribe=One-Click}), does it, without a session or a form token.
 */
@PageController
class NewsletterPages {

    private final Newsletter newsletter;

    private final PolicyVersions policies;

    NewsletterPages(Newsletter newsletter, PolicyVersions policies) {
        this.newsletter = newsletter;
        this.policies = policies;
    }

    @GetMapping("/newsletter/confirm")
    String confirmPage(@RequestParam(required = false) String token, HttpServletResponse response, Model model) {
        if (!newsletter.pending(token)) {
            return message(response, model, 404, "newsletter.used");
        }
        model.addAttribute("token", token);
        model.addAttribute("policy", policies.current());
        return "newsletter/confirm";
    }

    @PostMapping("/newsletter/confirm")
    String confirm(@RequestParam(required = false) String token, @RequestParam(defaultValue = "0") int policyVersion,
            HttpServletResponse response, Model model) {
        boolean confirmed;
        try {
            confirmed = newsletter.confirm(token, policies.shown(policyVersion, Purpose.NEWSLETTER));
        } catch (NoticeChangedException changed) {
            return confirmPage(token, response, model);
        }
        if (!confirmed) {
            return message(response, model, 404, "newsletter.used");
        }
        return message(response, model, 200, "newsletter.subscribed");
    }

    @GetMapping("/newsletter/unsubscribe")
    String unsubscribePage(@RequestParam(required = false) String token, Model model) {
        model.addAttribute("token", token == null ? "" : token);
        return "newsletter/unsubscribe";
    }

    @PostMapping("/newsletter/unsubscribe")
    String unsubscribe(@RequestParam(required = false) String token, HttpServletResponse response, Model model) {
        if (!newsletter.unsubscribe(token)) {
            return message(response, model, 404, "newsletter.incomplete");
        }
        return message(response, model, 200, "newsletter.unsubscribed");
    }

    /** The message page of {@code key}: its texts are {@code key.title} and {@code key.text}. */
    private static String message(HttpServletResponse response, Model model, int status, String key) {
        response.setStatus(status);
        model.addAttribute("title", key + ".title");
        model.addAttribute("message", key + ".text");
        return "layout/message";
    }
}
