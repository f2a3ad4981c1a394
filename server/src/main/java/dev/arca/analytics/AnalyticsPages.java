package dev.arca.analytics;

import dev.arca.platform.ArcaPrincipal;
import dev.arca.privacy.CookieChoices;
import dev.arca.web.PageController;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * Where pages report a view ({@code /js/analytics.js}, loaded only for visitors who opted in),
 * and the operator's dashboard of aggregates. The server checks the opt-in again: a report
 * without it, or with Do Not Track or Global Privacy Control, is dropped unread.
 */
@PageController
class AnalyticsPages {

    private final PageViews views;
    private final CookieChoices cookies;

    AnalyticsPages(PageViews views, CookieChoices cookies) {
        this.views = views;
        this.cookies = cookies;
    }

    @PostMapping("/analytics/view")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void view(@RequestBody PageViews.View view, @AuthenticationPrincipal ArcaPrincipal me, HttpServletRequest request) {
        if (cookies.analyticsAllowed(request, me == null ? null : me.accountId())) {
            views.record(view, request.getHeader("User-Agent"), request.getRemoteAddr(), request.getServerName());
        }
    }

    @GetMapping("/admin/analytics")
    String dashboard(Model model) {
        model.addAttribute("report", views.report(30));
        return "admin/analytics";
    }
}
