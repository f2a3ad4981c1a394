package dev.arca.privacy;

import java.util.Optional;

/** A visitor's choice of optional cookies. Strictly necessary cookies need no choice. */
public record CookieChoice(boolean preferences, boolean analytics) {

    private static final java.util.regex.Pattern COOKIE =
            java.util.regex.Pattern.compile("p([01])a([01])\\.v([0-9]{1,6})\\.([A-Za-z0-9_-]{16,64})");

    /**
     * The value of the choice cookie: "p" and "a" each followed by 1 (accepted) or 0, the policy
     * version whose notices were shown, and the visitor's random id, under which the choice is
     * in the consent ledger: {@code p1a0.v3.<id>}.
     */
    String encode(int policyVersion, String visitorId) {
        return "p" + (preferences ? 1 : 0) + "a" + (analytics ? 1 : 0) + ".v" + policyVersion + "." + visitorId;
    }

    /** A decoded choice cookie. */
    record Stored(CookieChoice choice, int policyVersion, String visitorId) {}

    static Optional<Stored> decode(String value) {
        java.util.regex.Matcher m = value == null ? null : COOKIE.matcher(value);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Stored(new CookieChoice(m.group(1).equals("1"), m.group(2).equals("1")),
                Integer.parseInt(m.group(3)), m.group(4)));
    }
}
