package dev.arca.platform;

import java.util.regex.Pattern;

/**
 * Removes from log text what has the shape of an identifier or of an e-mail address, whoever wrote
 * it (II.2d): a run of 32 or more letters, digits, {@code -} and {@code _} that holds a digit
 * (a UUID, a SHA-256 hash, a token) becomes {@value #ID}, an e-mail address {@value #ADDRESS}.
 *
 * <p>Arca's own log statements name no account, item, album, share, device, chunk or person in
 * the first place; this is the net under that rule for what libraries write: the request line in
 * the web server's parse errors, an exception's message in a stack trace. Names and file names
 * have no shape to recognise; only the rule keeps them out.
 */
public final class LogRedaction {

    static final String ID = "[id]";
    static final String ADDRESS = "[e-mail]";
    /** The shortest run taken for an identifier: a UUID without hyphens; Java names in stack traces are shorter or hold no digit. */
    private static final int SHORTEST_ID = 32;
    private static final Pattern EMAIL =
            Pattern.compile("[^\\s@<>()\\[\\],;:\"']{1,64}@[^\\s@<>()\\[\\],;:\"']{1,253}\\.[A-Za-z]{2,63}");

    private LogRedaction() {}

    /** The text with identifiers and addresses replaced; the same instance when there were none. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder redacted = null;
        int copied = 0;
        int i = 0;
        int length = text.length();
        while (i < length) {
            if (!inRun(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            boolean digit = false;
            for (char c; i < length && inRun(c = text.charAt(i)); i++) {
                digit |= c >= '0' && c <= '9';
            }
            if (digit && i - start >= SHORTEST_ID) {
                if (redacted == null) {
                    redacted = new StringBuilder(length);
                }
                redacted.append(text, copied, start).append(ID);
                copied = i;
            }
        }
        String result = redacted == null ? text : redacted.append(text, copied, length).toString();
        return result.indexOf('@') < 0 ? result : EMAIL.matcher(result).replaceAll(ADDRESS);
    }

    private static boolean inRun(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_';
    }
}
