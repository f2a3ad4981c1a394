package dev.arca.mail;

import dev.arca.web.PageController;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The "stop all mail from this server" link in mail to people without an account. Opening it
 * shows one button (mail scanners open links); the button suppresses the address for good.
 */
@PageController
class StopMailPages {

    private final MailQueue queue;

    StopMailPages(MailQueue queue) {
        this.queue = queue;
    }

    @GetMapping("/mail/stop")
    String page(@RequestParam(defaultValue = "") String token, Model model) {
        model.addAttribute("token", token);
        return "mail/stop";
    }

    @PostMapping("/mail/stop")
    String stop(@RequestParam(defaultValue = "") String token, HttpServletResponse response, Model model) {
        boolean stopped = queue.stopByToken(token);
        response.setStatus(stopped ? 200 : 404);
        model.addAttribute("title", stopped ? "No more mail" : "This link is not complete");
        model.addAttribute("message", stopped ? "This server will send no more mail to your address."
                : "Copy the whole link from the message, or ask the operator of this server.");
        return "layout/message";
    }
}
