package dev.arca.privacy;

import dev.arca.platform.ApiProblem;
import java.util.Arrays;
import java.util.Locale;

/** Checks of request fields the registers share; each failure is a 400 naming the field. */
final class Fields {

    private Fields() {}

    /** Required text of one line, stripped, at most {@code max} characters. */
    static String text(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw ApiProblem.badRequest(field + " is required");
        }
        String v = value.strip();
        if (v.length() > max || v.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            throw ApiProblem.badRequest(field + " must be at most " + max + " characters, without control characters");
        }
        return v;
    }

    /** One of the constants of {@code type}, in any case. */
    static <E extends Enum<E>> E choice(Class<E> type, String value, String field) {
        try {
            return Enum.valueOf(type, value == null ? "" : value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(field + " must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }
}
