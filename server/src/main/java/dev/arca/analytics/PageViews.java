package dev.arca.analytics;

import dev.arca.platform.IpAddresses;
import dev.arca.platform.Secrets;
import dev.arca.platform.VisitorFacts;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Records page views and answers with aggregates. A view holds the page's path with every
 * segment that could be an id or a token replaced by {@code *}, the referring site's domain
 * (never its path), the time on the page, the browser's family, the language, the network
 * address truncated to its /24 (IPv4) or /48 (IPv6), and the day (not the time, which would
 * let views be chained). Nothing ties views to each other or to an account. Views are deleted
 * after {@link #KEEP}.
 */
@Service
public class PageViews {

    static final Duration KEEP = Duration.ofDays(14);
    /** Groups with fewer views than this are not shown: small counts can point at a person. */
    static final int SMALLEST_SHOWN = 5;
    private static final Pattern WORD = Pattern.compile("[a-z][a-z-]{0,23}");

    /** What the page's script reports. */
    record View(String path, String referrer, Long durationMs, String language) {}

    /** One aggregate line: what, and how many views, or null when fewer than {@link #SMALLEST_SHOWN}. */
    public record Count(String value, Long views) {}

    /** The operator's dashboard over the last days. */
    public record Report(int days, long views, List<Count> pages, List<Count> referrers, List<Count> browsers,
            List<Count> languages, Long medianSecondsOnPage) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    PageViews(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void record(View view, String userAgent, String address, String ownHost) {
        String referrer = known(VisitorFacts.referrerHost(view.referrer()));
        if (referrer != null && referrer.length() > 253) {
            referrer = null;
        }
        jdbc.sql("INSERT INTO analytics_hits (id, day, path, referrer_domain, duration_ms, browser, language, ip_prefix) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(Secrets.newId(), LocalDate.now(clock.withZone(ZoneOffset.UTC)).toString(), path(view.path()),
                        referrer == null || referrer.equals(ownHost) ? null : referrer,
                        view.durationMs() == null ? null : Math.clamp(view.durationMs(), 0, Duration.ofHours(2).toMillis()),
                        VisitorFacts.browserFamily(userAgent).replace("-", "other"),
                        known(VisitorFacts.language(view.language())),
                        address == null ? null : IpAddresses.truncate(address))
                .update();
    }

    Report report(int days) {
        String since = LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(days - 1L).toString();
        long views = jdbc.sql("SELECT COUNT(*) FROM analytics_hits WHERE day >= ?").param(since).query(Long.class).single();
        List<Long> durations = jdbc.sql("SELECT duration_ms FROM analytics_hits WHERE day >= ? AND duration_ms IS NOT NULL "
                + "ORDER BY duration_ms").param(since).query(Long.class).list();
        return new Report(days, views < SMALLEST_SHOWN ? 0 : views, counts("path", since), counts("referrer_domain", since),
                counts("browser", since), counts("language", since),
                durations.size() < SMALLEST_SHOWN ? null : durations.get(durations.size() / 2) / 1000);
    }

    private List<Count> counts(String column, String since) {
        List<Count> counts = new ArrayList<>();
        long small = 0;
        for (Count c : jdbc.sql("SELECT " + column + ", COUNT(*) FROM analytics_hits WHERE day >= ? AND " + column
                        + " IS NOT NULL GROUP BY " + column + " ORDER BY COUNT(*) DESC, " + column)
                .param(since).query((rs, n) -> new Count(rs.getString(1), rs.getLong(2))).list()) {
            if (c.views() >= SMALLEST_SHOWN) {
                counts.add(c);
            } else {
                small += c.views();
            }
        }
        if (small > 0) {
            // The rest together, as a count only when it is large enough itself.
            counts.add(new Count(null, small >= SMALLEST_SHOWN ? small : null));
        }
        return counts;
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    void forgetOld() {
        String oldestKept = LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(KEEP.toDays()).toString();
        jdbc.sql("DELETE FROM analytics_hits WHERE day < ?").param(oldestKept).update();
    }

    /** The path with segments that are not plain words replaced: ids, tokens and names never stored. */
    static String path(String path) {
        if (path == null || !path.startsWith("/")) {
            return "/";
        }
        String[] segments = path.split("[?#]", 2)[0].split("/");
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < segments.length && i <= 6; i++) {
            String s = segments[i].toLowerCase(Locale.ROOT);
            out.append('/').append(WORD.matcher(s).matches() ? s : "*");
        }
        return out.isEmpty() ? "/" : out.toString();
    }

    private static String known(String fact) {
        return "-".equals(fact) ? null : fact;
    }
}
