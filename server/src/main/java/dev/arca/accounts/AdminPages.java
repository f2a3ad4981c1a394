package dev.arca.accounts;

import dev.arca.platform.ArcaPrincipal;
import dev.arca.platform.StaffRole;
import dev.arca.privacy.Access;
import dev.arca.privacy.AccessLog;
import dev.arca.web.PageController;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The operator's pages about accounts: the users (with their quota and the operator's
 * newsletter unsubscribe), and the correction requests to answer. Changes go through the
 * admin API on the session. Which role reaches which page is {@code OperatorAccess}'s.
 */
@PageController
class AdminPages {

    static final int USERS_PER_PAGE = 100;

    private final AccountStore store;
    private final CorrectionRequests corrections;
    private final AccessLog accessLog;
    private final StaffRoles roles;

    AdminPages(AccountStore store, CorrectionRequests corrections, AccessLog accessLog, StaffRoles roles) {
        this.store = store;
        this.corrections = corrections;
        this.accessLog = accessLog;
        this.roles = roles;
    }

    /**
     * The accounts, a page at a time: without a reason, no name or address (an account is its
     * id's start, its age and quota); with one, names and addresses, each account shown written
     * to the access log with that reason, for its owner to read.
     */
    @GetMapping("/admin/users")
    String users(@AuthenticationPrincipal ArcaPrincipal me, @RequestParam(defaultValue = "0") int page,
            @RequestParam(required = false) String reason, Model model) {
        int p = Math.max(page, 0);
        long total = store.count();
        List<Account> accounts = store.page(p * USERS_PER_PAGE, USERS_PER_PAGE);
        boolean reveal = reason != null && !reason.isBlank();
        if (reveal) {
            String why = AccessLog.requireReason(Access.LISTED_ACCOUNT, reason);
            accounts.forEach(a -> accessLog.record(me, StaffRole.SUPPORT, Access.LISTED_ACCOUNT, a.id(), why));
        }
        model.addAttribute("accounts", accounts);
        model.addAttribute("reveal", reveal);
        model.addAttribute("reason", reveal ? reason.strip() : "");
        // One query for every role holder, not one per account listed.
        model.addAttribute("staff", roles.staff().keySet());
        model.addAttribute("total", total);
        model.addAttribute("page", p);
        model.addAttribute("more", (long) (p + 1) * USERS_PER_PAGE < total);
        return "admin/users";
    }

    /** Who holds which operator role, by account id, with a form to change an account's roles. */
    @GetMapping("/admin/roles")
    String roles(Model model) {
        model.addAttribute("staff", roles.staff());
        model.addAttribute("roles", List.of(StaffRole.values()));
        return "admin/roles";
    }

    @GetMapping("/admin/corrections")
    String corrections(@AuthenticationPrincipal ArcaPrincipal me,
            @RequestParam(defaultValue = "OPEN") CorrectionRequest.Status status, Model model) {
        model.addAttribute("status", status);
        model.addAttribute("requests", corrections.read(me, status));
        return "admin/corrections";
    }
}
