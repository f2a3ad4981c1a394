package dev.arca.web;

import dev.arca.privacy.DataMap;
import dev.arca.privacy.DataTable;
import dev.arca.privacy.Disclosures;
import java.util.List;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The disclosure register for the privacy officer, and the public transparency report. */
@PageController
class DisclosurePages {

    private final Disclosures disclosures;
    private final DataMap dataMap;

    DisclosurePages(Disclosures disclosures, DataMap dataMap) {
        this.disclosures = disclosures;
        this.dataMap = dataMap;
    }

    @GetMapping("/admin/disclosures")
    String register(Model model) {
        model.addAttribute("disclosures", disclosures.all());
        model.addAttribute("kinds", List.of(Disclosures.Kind.values()));
        model.addAttribute("decisions", List.of(Disclosures.Decision.values()));
        model.addAttribute("tables", dataMap.subjectTables().stream().map(DataTable::table).sorted().toList());
        return "admin/disclosures";
    }

    /** Requests of authorities per half-year, counted from the register; anyone may read it. */
    @GetMapping("/transparency")
    String transparency(Model model) {
        model.addAttribute("report", disclosures.report());
        return "privacy/transparency";
    }
}
