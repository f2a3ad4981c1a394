package dev.arca.web;

import dev.arca.platform.ArcaPrincipal;
import dev.arca.privacy.ConsentLedger;
import dev.arca.privacy.AccessLog;
import dev.arca.privacy.CookieChoices;
import dev.arca.privacy.Disclosures;
import dev.arca.privacy.EgressGate;
import dev.arca.privacy.ProcessorRegister;
import dev.arca.privacy.SubjectExport;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import dev.arca.privacy.PolicyVersions;
import java.util.List;
import org.springframework.ui.Model;
import dev.arca.platform.ApiProblem;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The public privacy policy, every version of it, and the signed-in privacy center. The policy
 * shows the version in force from its published snapshot, as {@code GET /api/v1/policy} does;
 * older versions show their text as published.
 */
@PageController
class PrivacyPage {

    private final PolicyVersions policies;
    private final SubjectExport export;
    private final ConsentLedger consents;
    private final CookieChoices cookies;
    private final ProcessorRegister register;
    private final EgressGate gate;
    private final AccessLog accessLog;
    private final Disclosures disclosures;

    PrivacyPage(PolicyVersions policies, SubjectExport export, ConsentLedger consents,
            CookieChoices cookies, ProcessorRegister register, EgressGate gate, AccessLog accessLog,
            Disclosures disclosures) {
        this.disclosures = disclosures;
        this.accessLog = accessLog;
        this.register = register;
        this.gate = gate;
        this.policies = policies;
        this.export = export;
        this.consents = consents;
        this.cookies = cookies;
    }

    /**
     * The privacy center: what is held about me, table by table from the data map with my row
     * counts; my consents at a glance; this browser's cookie choice; and the ways to act on them.
     */
    @GetMapping("/account/privacy")
    String center(@AuthenticationPrincipal ArcaPrincipal me, HttpServletRequest request, Model model) {
        model.addAttribute("holdings", export.holdings(me.accountId()));
        model.addAttribute("consents", List.copyOf(consents.state(me.accountId()).values()));
        model.addAttribute("cookies", cookies.of(request).orElse(null));
        model.addAttribute("transfers", gate.transfersOf(me.accountId()));
        model.addAttribute("processors", register.active());
        model.addAttribute("accesses", accessLog.of(me.accountId()));
        model.addAttribute("disclosures", disclosures.visibleTo(me.accountId()));
        model.addAttribute("policy", policies.current());
        return "privacy/center";
    }

    /** The policy in force; its recipients and the processors listed come from the register. */
    @GetMapping("/privacy")
    String policy(Model model) {
        model.addAttribute("policy", policies.current());
        model.addAttribute("processors", register.active());
        model.addAttribute("processorsOf", register.processorsOf(policies.current().snapshot()));
        model.addAttribute("versions", policies.all());
        return "privacy/policy";
    }

    /** Every version stays readable, exactly as published. */
    @GetMapping("/privacy/versions/{version}")
    String version(@PathVariable int version, Model model) {
        model.addAttribute("version", policies.version(version).orElseThrow(() -> ApiProblem.notFound("Policy version")));
        model.addAttribute("current", policies.current().version());
        return "privacy/version";
    }
}
