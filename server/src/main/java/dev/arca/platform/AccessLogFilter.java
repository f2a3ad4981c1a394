package dev.arca.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The access log (II.2d): time, truncated IP, method, path without query, status, duration,
 * referrer host, browser family and language. No account, no cookie, no query string (it may
 * carry tokens), so nothing in it links a request to a person.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class AccessLogFilter extends OncePerRequestFilter {

    private static final Logger ACCESS = LoggerFactory.getLogger("arca.access");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            if (ACCESS.isInfoEnabled()) {
                ACCESS.info("ip={} method={} path={} status={} ms={} referrer={} browser={} lang={}",
                        IpAddresses.truncate(request.getRemoteAddr()), request.getMethod(),
                        request.getRequestURI(), response.getStatus(), (System.nanoTime() - start) / 1_000_000,
                        referrerHost(request.getHeader("Referer")), browserFamily(request.getHeader("User-Agent")),
                        language(request.getHeader("Accept-Language")));
            }
        }
    }

    static String referrerHost(String referer) {
        if (referer == null || referer.isBlank()) {
            return "-";
        }
        try {
            String host = URI.create(referer.strip()).getHost();
            return host == null ? "-" : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "-";
        }
    }

    /** A coarse family only; the full user agent string can single a person out. */
    static String browserFamily(String userAgent) {
        if (userAgent == null) {
            return "-";
        }
        if (userAgent.contains("Edg/")) {
            return "Edge";
        }
        if (userAgent.contains("OPR/")) {
            return "Opera";
        }
        if (userAgent.contains("Firefox/")) {
            return "Firefox";
        }
        if (userAgent.contains("Chrome/") || userAgent.contains("Chromium/")) {
            return "Chrome";
        }
        if (userAgent.contains("Safari/")) {
            return "Safari";
        }
        if (userAgent.startsWith("arca/")) {
            return "arca-cli";
        }
        return "other";
    }

    static String language(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return "-";
        }
        String first = acceptLanguage.split(",", 2)[0].split(";", 2)[0].strip();
        return first.matches("[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})?") ? first.split("-")[0].toLowerCase(Locale.ROOT) : "-";
    }
}
