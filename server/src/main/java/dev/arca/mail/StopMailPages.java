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
        String key = stopped ? "mail.stopped" : "mail.incomplete";
        model.addAttribute("title", key + ".title");
        model.addAttribute("message", key + ".text");
        return "layout/message";
    }
}
