package dev.arca.platform;

import java.net.URI;
import java.util.Locale;

/**
 * The coarse facts about a visitor that the access log and the site analytics keep: the
 * referring site's host (never its path or query), the browser's family (never the full user
 * agent, which can single a person out), and the primary language. Each answers "-" when the
 * request does not say.
 */
public final class VisitorFacts {

    private VisitorFacts() {}

    public static String referrerHost(String referer) {
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
    public static String browserFamily(String userAgent) {
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

    public static String language(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return "-";
        }
        String first = acceptLanguage.split(",", 2)[0].split(";", 2)[0].strip();
        return first.matches("[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})?") ? first.split("-")[0].toLowerCase(Locale.ROOT) : "-";
    }
}
