package dev.arca.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * The access log (II.2d): time, truncated IP, method, route, status, duration, referrer host,
 * browser family and language. No account, no cookie, no query string (it may carry tokens) and
 * no concrete path: the route is the template the request was mapped to, such as
 * {@code /api/v1/items/{id}}, so no line names an item, album, share, device or chunk.
 *
 * <p>A request no route template matched (a static file, a 404, one answered by a filter before
 * any controller, such as a refused sign-in) is logged as its path with every segment that is not
 * a word of this server's own, a literal segment of one of its routes or the name of a file or
 * folder it ships, replaced by {@code *}. A value a client chose can therefore only appear when it
 * equals such a word, which says nothing about anyone.
 *
 * <p>Each request also gets a correlation id under {@link #REQUEST_ID} in the logging context, so
 * that the lines one request caused can be read together: 60 random bits in 12 base32 characters,
 * derived from nothing, stored nowhere but in the log lines, removed when the request ends.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class AccessLogFilter extends OncePerRequestFilter implements SmartInitializingSingleton {

    /** The logging context key of the request's correlation id; the log pattern shows it. */
    static final String REQUEST_ID = "req";

    private static final Logger ACCESS = LoggerFactory.getLogger("arca.access");
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    /** Where the files the server ships lie on the class path, each followed by their paths as served. */
    private static final String[] SHIPPED = {"classpath*:static/**", "classpath*:META-INF/resources/**"};

    private final ObjectProvider<RequestMappingInfoHandlerMapping> mappings;
    /** The server's own words; empty until every handler mapping exists, so that nothing is logged before. */
    private volatile Set<String> words = Set.of();

    AccessLogFilter(ObjectProvider<RequestMappingInfoHandlerMapping> mappings) {
        this.mappings = mappings;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Set<String> known = new HashSet<>();
        mappings.orderedStream().forEach(mapping -> mapping.getHandlerMethods().keySet()
                .forEach(info -> info.getPatternValues().forEach(pattern -> addWords(known, pattern))));
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        for (String location : SHIPPED) {
            String root = location.substring("classpath*:".length(), location.length() - "**".length());
            try {
                for (Resource resource : resolver.getResources(location)) {
                    String url = resource.getURL().toString();
                    int at = url.lastIndexOf(root);
                    if (at >= 0) {
                        addWords(known, url.substring(at + root.length()));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("The class path cannot be listed", e);
            }
        }
        words = Set.copyOf(known);
    }

    private static void addWords(Set<String> known, String path) {
        for (String segment : path.split("/")) {
            if (!segment.isEmpty() && segment.indexOf('{') < 0 && segment.indexOf('*') < 0) {
                known.add(segment);
            }
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        MDC.put(REQUEST_ID, newRequestId());
        try {
            chain.doFilter(request, response);
        } finally {
            try {
                if (ACCESS.isInfoEnabled()) {
                    ACCESS.info("ip={} method={} path={} status={} ms={} referrer={} browser={} lang={}",
                            IpAddresses.truncate(request.getRemoteAddr()), request.getMethod(), route(request),
                            response.getStatus(), (System.nanoTime() - start) / 1_000_000,
                            VisitorFacts.referrerHost(request.getHeader("Referer")),
                            VisitorFacts.browserFamily(request.getHeader("User-Agent")),
                            VisitorFacts.language(request.getHeader("Accept-Language")));
                }
            } finally {
                MDC.remove(REQUEST_ID);
            }
        }
    }

    /**
     * The route template the request was handled under; for a catch-all (static files, which
     * every unknown path also reaches) or none, the path with only the server's own words.
     */
    private String route(HttpServletRequest request) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        if (pattern != null) {
            String template = pattern.toString();
            if (!template.contains("**")) {
                return template;
            }
        }
        return ownWordsOnly(request.getRequestURI(), words);
    }

    /** The path with each segment that is not one of {@code words} replaced by {@code *}; empty segments stay. */
    static String ownWordsOnly(String path, Set<String> words) {
        StringBuilder logged = new StringBuilder(path.length());
        int start = path.startsWith("/") ? 1 : 0;
        if (start == 1) {
            logged.append('/');
        }
        while (start <= path.length()) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            if (end > start) {
                String segment = path.substring(start, end);
                logged.append(words.contains(segment) ? segment : "*");
            }
            if (end < path.length()) {
                logged.append('/');
            }
            start = end + 1;
        }
        return logged.toString();
    }

    /** 12 base32 characters from 60 random bits: unique enough within a log, and shaped like no stored id. */
    static String newRequestId() {
        long bits = ThreadLocalRandom.current().nextLong();
        char[] id = new char[12];
        for (int i = 0; i < id.length; i++) {
            id[i] = BASE32[(int) (bits >>> (5 * i)) & 31];
        }
        return new String(id);
    }
}
