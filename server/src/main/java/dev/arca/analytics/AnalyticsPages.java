package dev.arca.analytics;

import dev.arca.web.PageController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The operator's dashboard of page views: aggregates only (see {@link AnalyticsBeacon} for what is counted). */
@PageController
class AnalyticsPages {

    private final PageViews views;

    AnalyticsPages(PageViews views) {
        this.views = views;
    }

    @GetMapping("/admin/analytics")
    String dashboard(Model model) {
        model.addAttribute("report", views.report(30));
        return "admin/analytics";
    }
}
