package dev.arca.web;

import dev.arca.privacy.DataMap;
import dev.arca.privacy.PolicyVersions;
import dev.arca.privacy.Purpose;
import java.util.List;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The public privacy policy, rendered from the same registry and data map as {@code GET /api/v1/policy}. */
@PageController
class PrivacyPage {

    private final PolicyVersions policies;
    private final DataMap dataMap;

    PrivacyPage(PolicyVersions policies, DataMap dataMap) {
        this.policies = policies;
        this.dataMap = dataMap;
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
