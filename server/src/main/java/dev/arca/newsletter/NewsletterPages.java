package dev.arca.newsletter;

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

    NewsletterPages(Newsletter newsletter) {
        this.newsletter = newsletter;
    }

    @GetMapping("/newsletter/confirm")
    String confirmPage(@RequestParam(required = false) String token, HttpServletResponse response, Model model) {
        if (!newsletter.pending(token)) {
            return message(response, model, 404, "newsletter.used");
        }
        model.addAttribute("token", token);
        return "newsletter/confirm";
    }

    @PostMapping("/newsletter/confirm")
    String confirm(@RequestParam(required = false) String token, HttpServletResponse response, Model model) {
        if (!newsletter.confirm(token)) {
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
