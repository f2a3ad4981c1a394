package dev.arca.web;

import dev.arca.platform.ArcaPrincipal;
import dev.arca.privacy.ConsentLedger;
import dev.arca.privacy.CookieChoices;
import dev.arca.privacy.DataMap;
import dev.arca.privacy.SubjectExport;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import dev.arca.privacy.PolicyVersions;
import dev.arca.privacy.Purpose;
import java.util.List;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The public privacy policy, rendered from the same registry and data map as {@code GET /api/v1/policy},
 * and the signed-in privacy center.
 */
@PageController
class PrivacyPage {

    private final PolicyVersions policies;
    private final DataMap dataMap;
    private final SubjectExport export;
    private final ConsentLedger consents;
    private final CookieChoices cookies;

    PrivacyPage(PolicyVersions policies, DataMap dataMap, SubjectExport export, ConsentLedger consents,
            CookieChoices cookies) {
        this.policies = policies;
        this.dataMap = dataMap;
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
        model.addAttribute("policy", policies.current());
        return "privacy/center";
    }

    @GetMapping("/privacy")
    String policy(Model model) {
        model.addAttribute("policy", policies.current());
        model.addAttribute("versions", policies.all());
        model.addAttribute("purposes", List.of(Purpose.values()));
        model.addAttribute("tables", dataMap.tables());
        return "privacy/policy";
    }
}
