package dev.arca.web;

import dev.arca.privacy.Processor;
import dev.arca.privacy.ProcessorRegister;
import dev.arca.privacy.Purpose;
import java.util.List;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The processor register for operators: every entry, a form to change its status, a form to register one. */
@PageController
class ProcessorPages {

    private final ProcessorRegister register;

    ProcessorPages(ProcessorRegister register) {
        this.register = register;
    }

    @GetMapping("/admin/processors")
    String processors(Model model) {
        model.addAttribute("processors", register.all());
        model.addAttribute("purposes", List.of(Purpose.values()));
        model.addAttribute("categories", List.copyOf(register.categories()));
        model.addAttribute("services", List.of(Processor.Service.values()));
        model.addAttribute("adequacies", List.of(Processor.Adequacy.values()));
        model.addAttribute("statuses", List.of(Processor.Status.values()));
        return "admin/processors";
    }
}
