package dev.arca.analytics;

import dev.arca.platform.ArcaPrincipal;
import dev.arca.privacy.CookieChoices;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where pages report a view ({@code /js/analytics.js}, loaded only for visitors who opted in).
 * The server checks the opt-in again: a report without it, or with Do Not Track or Global
 * Privacy Control, or from an account that withdrew its consent, is dropped unread.
 */
@RestController
class AnalyticsBeacon {

    private final PageViews views;
    private final CookieChoices cookies;

    AnalyticsBeacon(PageViews views, CookieChoices cookies) {
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
}
