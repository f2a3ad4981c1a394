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
            return message(response, model, 404, "This link is used or unknown",
                    "The subscription is confirmed already, or the link is not complete.");
        }
        model.addAttribute("token", token);
        return "newsletter/confirm";
    }

    @PostMapping("/newsletter/confirm")
    String confirm(@RequestParam(required = false) String token, HttpServletResponse response, Model model) {
        if (!newsletter.confirm(token)) {
            return message(response, model, 404, "This link is used or unknown",
                    "The subscription is confirmed already, or the link is not complete.");
        }
        return message(response, model, 200, "Subscribed", "Thank you: the newsletter will come to you. Every issue "
                + "has a link to unsubscribe at once.");
    }

    @GetMapping("/newsletter/unsubscribe")
    String unsubscribePage(@RequestParam(required = false) String token, Model model) {
        model.addAttribute("token", token == null ? "" : token);
        return "newsletter/unsubscribe";
    }

    @PostMapping("/newsletter/unsubscribe")
    String unsubscribe(@RequestParam(required = false) String token, HttpServletResponse response, Model model) {
        if (!newsletter.unsubscribe(token)) {
            return message(response, model, 404, "This link is not complete",
                    "Unsubscribe from your account page, or ask the operator of this server.");
        }
        return message(response, model, 200, "Unsubscribed", "You will receive no more newsletters from this server.");
    }

    private static String message(HttpServletResponse response, Model model, int status, String title,
            String message) {
        response.setStatus(status);
        model.addAttribute("title", title);
        model.addAttribute("message", message);
        return "layout/message";
    }
}
