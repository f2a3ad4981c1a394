package dev.arca.newsletter;

import dev.arca.web.PageController;
import java.time.Instant;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The operator's newsletter page: write an issue in English and German, and the issues sent. */
@PageController
class NewsletterAdminPage {

    private final Newsletter newsletter;

    NewsletterAdminPage(Newsletter newsletter) {
        this.newsletter = newsletter;
    }

    @GetMapping("/admin/newsletter")
    String page(Model model) {
        model.addAttribute("issues", newsletter.issues().stream()
                .map(i -> new NewsletterIssue(i.subject(), i.sent(), i.skipped(), Instant.ofEpochMilli(i.createdAt())))
                .toList());
        return "admin/newsletter";
    }
}
