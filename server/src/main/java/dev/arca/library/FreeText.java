package dev.arca.library;

import dev.arca.platform.ApiProblem;

/**
 * The rule for text people give the library and its shares: names and titles are one line of
 * printable characters; descriptions may also hold line breaks and tabs. A NUL or any other
 * control character, or a lone half of a surrogate pair, is refused with {@code 400}: such text
 * cannot be stored alike on both databases (PostgreSQL refuses NUL outright) and would hide or
 * garble what pages, mails and exports show. Text is stripped of surrounding white space first.
 */
public final class FreeText {

    private FreeText() {}

    /** One line of at most {@code max} characters, stripped; null stays null. */
    public static String line(String field, String value, int max) {
        return checked(field, value, max, false);
    }

    /** A tag: one line of 1 to 100 characters. */
    static String tag(String value) {
        String tag = line("a tag", value == null ? "" : value, 100);
        if (tag.isEmpty()) {
            throw ApiProblem.badRequest("a tag must be 1 to 100 printable characters");
        }
        return tag;
    }

    /** Text of at most {@code max} characters that may hold line breaks and tabs, stripped; null stays null. */
    public static String text(String field, String value, int max) {
        return checked(field, value, max, true);
    }

    private static String checked(String field, String value, int max, boolean lines) {
        if (value == null) {
            return null;
        }
        String text = value.strip();
        if (text.length() > max) {
            throw ApiProblem.badRequest(field + " must be at most " + max + " characters");
        }
        boolean refused = text.codePoints().anyMatch(cp -> Character.getType(cp) == Character.SURROGATE
                || Character.isISOControl(cp) && !(lines && (cp == '\n' || cp == '\r' || cp == '\t')));
        if (refused) {
            throw ApiProblem.badRequest(field + (lines ? " must not hold control characters other than line breaks "
                    + "and tabs" : " must be one line without control characters"));
        }
        return text;
    }
}
