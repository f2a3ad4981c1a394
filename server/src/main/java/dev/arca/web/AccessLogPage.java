package dev.arca.web;

import dev.arca.privacy.AccessLog;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The operator access log for the privacy officer: checked on every view, newest entries first. */
@PageController
class AccessLogPage {

    private final AccessLog log;

    AccessLogPage(AccessLog log) {
        this.log = log;
    }

    @GetMapping("/admin/access-log")
    String log(Model model) {
        model.addAttribute("integrity", log.verify());
        model.addAttribute("entries", log.recent(200));
        return "admin/access-log";
    }
}
