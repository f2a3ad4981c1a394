package dev.arca.accounts;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a valid profile field is (I.2b: only what the account needs). Used by the API and the
 * pages alike, so both reject the same input: the API with the English words, the pages with
 * the stable code of each error, which names their text in the message bundles.
 */
final class ProfileRules {

    static final int MIN_PASSWORD = 10;
    /** Argon2 hashes the whole input; an unbounded password is a cheap way to burn our CPU. */
    static final int MAX_PASSWORD = 256;
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());

    private ProfileRules() {}

    /** Collects field errors; empty means valid. */
    static final class Errors {
        private final Map<String, String> byField = new LinkedHashMap<>();
        private final Map<String, String> codes = new LinkedHashMap<>();

        Errors name(String name) {
            if (name == null || name.isBlank() || name.strip().length() > 200 || name.chars().anyMatch(Character::isISOControl)) {
                add("name", "name.invalid", "Enter a name of 1 to 200 characters.");
            }
            return this;
        }

        boolean has(String field) {
            return byField.containsKey(field);
        }

        Errors email(String email) {
            if (!Emails.valid(email)) {
                add("email", "email.invalid", "Enter a valid e-mail address.");
            }
            return this;
        }

        Errors password(String field, String password) {
            if (password == null || password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
                add(field, "password.length",
                        "Choose a password of " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters.");
            }
            return this;
        }

        Errors country(String country) {
            if (country == null || !COUNTRIES.contains(country.strip().toUpperCase(Locale.ROOT))) {
                add("country", "country.invalid", "Choose a country (ISO 3166 code such as DE or US).");
            }
            return this;
        }

        Errors language(String language) {
            if (language == null || !LANGUAGES.contains(language.strip().toLowerCase(Locale.ROOT))) {
                add("language", "language.invalid", "Choose a language (ISO 639 code such as en or de).");
            }
            return this;
        }

        Errors serial(String serial) {
            if (serial != null && !serial.isBlank() && !serial.strip().matches("[A-Za-z0-9-]{5,64}")) {
                add("productSerial", "productSerial.invalid",
                        "A product serial has 5 to 64 letters, digits and dashes.");
            }
            return this;
        }

        /**
         * @param code what is wrong, stable across releases and languages (such as
         *     {@code email.invalid}); the pages show the bundle text {@code error.<code>}
         * @param message the English words the API answers with
         */
        Errors add(String field, String code, String message) {
            byField.put(field, message);
            codes.put(field, code);
            return this;
        }

        boolean any() {
            return !byField.isEmpty();
        }

        Map<String, String> byField() {
            return Map.copyOf(byField);
        }

        /** Field name to error code. */
        Map<String, String> codes() {
            return Map.copyOf(codes);
        }

        InvalidFieldsException exception() {
            return new InvalidFieldsException(byField(), codes());
        }
    }

    static String country(String country) {
        return country.strip().toUpperCase(Locale.ROOT);
    }

    static String language(String language) {
        return language.strip().toLowerCase(Locale.ROOT);
    }

    static String serial(String serial) {
        return serial == null || serial.isBlank() ? null : serial.strip().toUpperCase(Locale.ROOT);
    }
}
