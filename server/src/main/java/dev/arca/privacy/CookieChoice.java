package dev.arca.privacy;

import java.util.Optional;

/** A visitor's choice of optional cookies. Strictly necessary cookies need no choice. */
public record CookieChoice(boolean preferences, boolean analytics) {

    /** The value of the choice cookie: "p" and "a" each followed by 1 (accepted) or 0. */
    String encode() {
        return "p" + (preferences ? 1 : 0) + "a" + (analytics ? 1 : 0);
    }

    static Optional<CookieChoice> decode(String value) {
        if (value == null || !value.matches("p[01]a[01]")) {
            return Optional.empty();
        }
        return Optional.of(new CookieChoice(value.charAt(1) == '1', value.charAt(3) == '1'));
    }
}
