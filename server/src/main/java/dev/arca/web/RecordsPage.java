package dev.arca.web;

import dev.arca.privacy.RecordsOfProcessing;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The records of processing (Art. 30) for the privacy officer, generated from the code and the register. */
@PageController
class RecordsPage {

    private final RecordsOfProcessing records;

    RecordsPage(RecordsOfProcessing records) {
        this.records = records;
    }

    @GetMapping("/admin/records")
    String records(Model model) {
        model.addAttribute("records", records.records());
        return "admin/records";
    }
}
