package dev.arca.accounts;

import dev.arca.platform.ArcaPrincipal;
import dev.arca.platform.WebSessions;
import jakarta.servlet.http.HttpServletRequest;
import dev.arca.platform.ApiProblem;
import dev.arca.privacy.ConsentLedger;
import dev.arca.privacy.NoticeChangedException;
import dev.arca.privacy.Decision;
import dev.arca.privacy.Mechanism;
import dev.arca.privacy.Origin;
import dev.arca.privacy.PolicyVersions;
import dev.arca.privacy.Purpose;
import dev.arca.privacy.SubjectExport;
import dev.arca.web.PageController;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The account pages: sign up, sign in, verification, password reset, and the account itself. */
@PageController
class AccountPages {

    private final AccountService accounts;
    private final ApiTokens tokens;
    private final CorrectionRequests corrections;
    private final PolicyVersions policies;
    private final ConsentLedger ledger;
    private final SubjectExport export;

    AccountPages(AccountService accounts, ApiTokens tokens, CorrectionRequests corrections, PolicyVersions policies,
            ConsentLedger ledger, SubjectExport export) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.corrections = corrections;
        this.policies = policies;
        this.ledger = ledger;
        this.export = export;
    }

    @GetMapping("/signup")
    String signup(Model model) {
        return signupPage(model, SignupForm.empty(), Map.of());
    }

    @PostMapping("/signup")
    String register(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String password, @RequestParam(defaultValue = "") String country,
            @RequestParam(defaultValue = "") String language, @RequestParam(defaultValue = "") String productSerial,
            @RequestParam(defaultValue = "false") boolean acceptTerms,
            @RequestParam(required = false) List<Purpose> consents, @RequestParam(required = false) Integer policyVersion,
            Model model) {
        Set<Purpose> chosen = consents == null || consents.isEmpty() ? Set.of() : EnumSet.copyOf(consents);
        try {
            accounts.register(new AccountService.Registration(name, email, password, country, language, productSerial,
                    acceptTerms, chosen, policyVersion), Origin.WEB);
        } catch (InvalidFieldsException e) {
            Map<String, String> errors = errorKeys(e);
            // Ticks that answered notices no longer in force are not carried over: nothing is pre-ticked.
            return signupPage(model, new SignupForm(name, email, country, language, productSerial,
                    errors.containsKey("policyVersion") ? Set.of() : chosen), errors);
        }
        return message(model, "signup.sent", "/login");
    }

    private String signupPage(Model model, SignupForm form, Map<String, String> errors) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("policy", policies.current());
        model.addAttribute("purposes", Purpose.consentBased());
        return "accounts/signup";
    }

    @GetMapping("/login")
    String login(@RequestParam(required = false) String error, @RequestParam(required = false) String throttled,
            Model model) {
        model.addAttribute("error", error != null ? "login.error.wrong"
                : throttled != null ? "login.error.throttled" : null);
        return "accounts/login";
    }

    @GetMapping("/verify")
    String verify(@RequestParam(defaultValue = "") String token, Model model) {
        try {
            accounts.verify(token);
            return message(model, "verify.done", "/account");
        } catch (ErrorResponseException e) {
            return message(model, "verify.invalid", "/login");
        }
    }

    /** The link mailed to a new address: the change takes effect. */
    @GetMapping("/email-change/confirm")
    String confirmEmailChange(@RequestParam(defaultValue = "") String token, Model model) {
        try {
            accounts.confirmEmailChange(token);
            return message(model, "emailChange.done", "/account");
        } catch (ErrorResponseException e) {
            return message(model, "emailChange.invalid", "/account");
        }
    }

    /**
     * The link mailed to the old address: the old address comes back, every sign-in ends, and
     * the page asks for a new password at once.
     */
    @GetMapping("/email-change/undo")
    String undoEmailChange(@RequestParam(defaultValue = "") String token, Model model) {
        try {
            model.addAttribute("token", accounts.undoEmailChange(token));
            model.addAttribute("error", null);
            model.addAttribute("notice", "emailChange.undone");
            return "accounts/reset-confirm";
        } catch (ErrorResponseException e) {
            return message(model, "emailChange.invalid", "/login");
        }
    }

    @GetMapping("/password-reset")
    String resetRequestForm() {
        return "accounts/reset-request";
    }

    @PostMapping("/password-reset")
    String requestReset(@RequestParam(defaultValue = "") String email, Model model) {
        accounts.requestPasswordReset(email);
        return message(model, "reset.sent", null);
    }

    @GetMapping("/password-reset/confirm")
    String resetForm(@RequestParam(defaultValue = "") String token, Model model) {
        model.addAttribute("token", token);
        model.addAttribute("error", null);
        model.addAttribute("notice", null);
        return "accounts/reset-confirm";
    }

    @PostMapping("/password-reset/confirm")
    String reset(@RequestParam(defaultValue = "") String token, @RequestParam(defaultValue = "") String password,
            Model model) {
        try {
            accounts.resetPassword(token, password);
        } catch (InvalidFieldsException e) {
            model.addAttribute("token", token);
            model.addAttribute("error", errorKeys(e).get("password"));
            model.addAttribute("notice", null);
            return "accounts/reset-confirm";
        } catch (ErrorResponseException e) {
            return message(model, "reset.invalid", "/password-reset");
        }
        return message(model, "reset.done", "/login");
    }

    @GetMapping("/account")
    String account(@AuthenticationPrincipal ArcaPrincipal me, Model model) {
        return accountPage(me, model, Map.of(), null);
    }

    /**
     * @param errors field name to the message key of its error
     * @param flash the message key of what just happened, or null
     */
    private String accountPage(ArcaPrincipal me, Model model, Map<String, String> errors, String flash) {
        Account account = accounts.find(me.accountId()).orElseThrow(() -> ApiProblem.notFound("Account"));
        model.addAttribute("account", account);
        model.addAttribute("tokens", tokens.list(me.accountId()));
        model.addAttribute("policy", policies.current());
        model.addAttribute("consents", ledger.state(me.accountId()));
        model.addAttribute("history", ledger.history(me.accountId()));
        model.addAttribute("corrections", corrections.of(me.accountId()));
        model.addAttribute("errors", errors);
        model.addAttribute("flash", flash);
        return "accounts/account";
    }

    @PostMapping("/account/profile")
    String amend(@AuthenticationPrincipal ArcaPrincipal me, @RequestParam String name, @RequestParam String email,
            @RequestParam String country, @RequestParam String language,
            @RequestParam(defaultValue = "") String productSerial, @RequestParam(defaultValue = "") String newPassword,
            @RequestParam(defaultValue = "") String currentPassword, HttpServletRequest request, Model model) {
        AccountService.Amended amended;
        try {
            amended = accounts.amend(me, new AccountService.ProfileChange(name, email, country, language,
                    productSerial, newPassword.isEmpty() ? null : newPassword,
                    currentPassword.isEmpty() ? null : currentPassword));
        } catch (InvalidFieldsException e) {
            return accountPage(me, model, errorKeys(e), null);
        }
        WebSessions.keep(request, amended.principal());
        return accountPage(me, model, Map.of(),
                amended.emailChangePending() ? "account.flash.emailPending" : "account.flash.saved");
    }

    @PostMapping("/account/email-verification")
    String resendVerification(@AuthenticationPrincipal ArcaPrincipal me, Model model) {
        if (accounts.find(me.accountId()).filter(a -> !a.emailVerified()).isPresent()) {
            accounts.resendVerification(me.accountId());
        }
        return accountPage(me, model, Map.of(), "account.flash.verificationSent");
    }

    /** One button grants, one button withdraws: withdrawing is as easy as granting (I.2a). */
    @PostMapping("/account/consents")
    String decide(@AuthenticationPrincipal ArcaPrincipal me, @RequestParam Purpose purpose,
            @RequestParam Decision decision, @RequestParam(defaultValue = "0") int policyVersion, Model model) {
        if (!purpose.needsConsent() || decision == Decision.DENY) {
            throw ApiProblem.badRequest("Not a consent decision");
        }
        try {
            ledger.record(me.accountId(), purpose, decision, Mechanism.TOGGLE, Origin.WEB, "subject",
                    policies.shown(policyVersion, purpose));
        } catch (NoticeChangedException changed) {
            return accountPage(me, model, Map.of(), "account.flash.noticeChanged");
        }
        return "redirect:/account#consents";
    }

    @PostMapping("/account/policy-acknowledgement")
    String acknowledge(@AuthenticationPrincipal ArcaPrincipal me, @RequestParam int version) {
        if (version == policies.current().version()) {
            policies.acknowledge(me.accountId(), version);
        }
        return "redirect:/account";
    }

    @PostMapping("/account/tokens/{id}/revoke")
    String revoke(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id) {
        if (!tokens.revoke(me.accountId(), id)) {
            throw ApiProblem.notFound("Token");
        }
        return "redirect:/account#devices";
    }

    @PostMapping("/account/corrections")
    String fileCorrection(@AuthenticationPrincipal ArcaPrincipal me, @RequestParam(defaultValue = "") String subject,
            @RequestParam(defaultValue = "") String details, Model model) {
        if (subject.isBlank() || details.isBlank() || subject.length() > 200 || details.length() > 4000) {
            return accountPage(me, model, Map.of("correction", "account.error.correction"), null);
        }
        corrections.file(me.accountId(), subject, details);
        return accountPage(me, model, Map.of(), "account.flash.correctionSent");
    }

    @GetMapping("/account/export")
    void export(@AuthenticationPrincipal ArcaPrincipal me, HttpServletResponse response) throws IOException {
        response.setContentType("application/zip");
        response.setHeader("Content-Disposition", "attachment; filename=\"arca-export.zip\"");
        export.write(me.accountId(), response.getOutputStream());
    }

    @PostMapping("/account/delete")
    String delete(@AuthenticationPrincipal ArcaPrincipal me, @RequestParam(defaultValue = "") String password,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        try {
            accounts.erase(me.accountId(), password);
        } catch (ErrorResponseException e) {
            return accountPage(me, model, Map.of("delete", "account.error.delete"), null);
        }
        new SecurityContextLogoutHandler().logout(request, response, null);
        return "redirect:/?deleted";
    }

    /** Field name to the message key of its error: {@code error.} and the error's code. */
    private static Map<String, String> errorKeys(InvalidFieldsException e) {
        Map<String, String> keys = new HashMap<>();
        e.codes().forEach((field, code) -> keys.put(field, "error." + code));
        return keys;
    }

    /**
     * The message page of {@code key}: its texts are {@code key.title}, {@code key.text} and, with
     * a link, {@code key.link}.
     */
    private static String message(Model model, String key, String linkHref) {
        model.addAttribute("title", key + ".title");
        model.addAttribute("message", key + ".text");
        model.addAttribute("linkText", linkHref == null ? null : key + ".link");
        model.addAttribute("linkHref", linkHref);
        return "layout/message";
    }
}
