package dev.arca.accounts;

import dev.arca.web.PageController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The operator's pages about accounts: the users (with their quota and the operator's
 * newsletter unsubscribe), and the correction requests to answer. Changes go through the
 * admin API on the session. Only administrators reach {@code /admin/**}.
 */
@PageController
class AdminPages {

    static final int USERS_PER_PAGE = 100;

    private final AccountStore store;
    private final CorrectionRequests corrections;

    AdminPages(AccountStore store, CorrectionRequests corrections) {
        this.store = store;
        this.corrections = corrections;
    }

    @GetMapping("/admin/users")
    String users(@RequestParam(defaultValue = "0") int page, Model model) {
        int p = Math.max(page, 0);
        long total = store.count();
        model.addAttribute("accounts", store.page(p * USERS_PER_PAGE, USERS_PER_PAGE));
        model.addAttribute("total", total);
        model.addAttribute("page", p);
        model.addAttribute("more", (long) (p + 1) * USERS_PER_PAGE < total);
        return "admin/users";
    }

    @GetMapping("/admin/corrections")
    String corrections(@RequestParam(defaultValue = "OPEN") CorrectionRequest.Status status, Model model) {
        model.addAttribute("status", status);
        model.addAttribute("requests", corrections.withStatus(status));
        return "admin/corrections";
    }
}
