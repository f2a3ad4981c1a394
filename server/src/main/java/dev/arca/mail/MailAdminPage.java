package dev.arca.mail;

import dev.arca.web.PageController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The operator's mail page: messages waiting or failed (kinds and subjects, no addresses), and counts sent per day. */
@PageController
class MailAdminPage {

    private final MailQueue queue;

    MailAdminPage(MailQueue queue) {
        this.queue = queue;
    }

    @GetMapping("/admin/mail")
    String mail(Model model) {
        model.addAttribute("waiting", queue.waiting());
        model.addAttribute("sent", queue.sentByDay());
        return "admin/mail";
    }
}
