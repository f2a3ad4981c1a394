package dev.arca.library.internal;

import java.text.Normalizer;

/**
 * Makes a file name given by a client safe to store and to show: the last path segment
 * only, Unicode NFC, no control or bidirectional-override characters, at most 255
 * characters. Names are only ever shown and sent back in headers; they never become paths.
 */
public final class Filenames {

    public static final String UNNAMED = "unnamed";
    private static final int MAX = 255;

    private Filenames() {}

    public static String clean(String given) {
        if (given == null) {
            return UNNAMED;
        }
        String name = given;
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        if (slash >= 0) {
            name = name.substring(slash + 1);
        }
        name = Normalizer.normalize(name, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(name.length());
        name.codePoints().filter(Filenames::allowed).forEach(out::appendCodePoint);
        String cleaned = out.toString().strip();
        if (cleaned.isEmpty() || cleaned.equals(".") || cleaned.equals("..")) {
            return UNNAMED;
        }
        if (cleaned.length() > MAX) {
            int end = MAX;
            if (Character.isHighSurrogate(cleaned.charAt(end - 1))) {
                end--;
            }
            cleaned = cleaned.substring(0, end);
        }
        return cleaned;
    }

    private static boolean allowed(int cp) {
        if (Character.isISOControl(cp)) {
            return false;
        }
        int type = Character.getType(cp);
        // Format characters include the bidirectional overrides that disguise extensions.
        return type != Character.FORMAT && type != Character.UNASSIGNED && type != Character.SURROGATE
                && type != Character.PRIVATE_USE;
    }
}
