package dev.arca.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
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
                        loggedPath(request.getRequestURI()), response.getStatus(), (System.nanoTime() - start) / 1_000_000,
                        VisitorFacts.referrerHost(request.getHeader("Referer")), VisitorFacts.browserFamily(request.getHeader("User-Agent")),
                        VisitorFacts.language(request.getHeader("Accept-Language")));
            }
        }
    }

    /** Path segments that hold a secret (a share link's token) or can name a person (a tag). */
    private static final java.util.regex.Pattern SENSITIVE =
            java.util.regex.Pattern.compile("^(/s|/api/v1/public/shares|/api/v1/tags)/[^/]+");

    /** The path as logged: those segments become {@code *}; the query is never logged. */
    static String loggedPath(String path) {
        return SENSITIVE.matcher(path).replaceFirst("$1/*");
    }
}
