package dev.arca.accounts;

import java.util.Locale;
import java.util.regex.Pattern;

/** E-mail address rules: one normal form for storage and comparison, and a plain syntax check. */
final class Emails {

    private static final Pattern SYNTAX = Pattern.compile("[^@\\s\"<>()\\[\\],;:\\\\]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,63}");

    private Emails() {}

    static String normalise(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    static boolean valid(String email) {
        return email != null && email.length() <= 254 && SYNTAX.matcher(email.strip()).matches();
    }
}
