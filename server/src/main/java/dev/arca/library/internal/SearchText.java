package dev.arca.library.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The word rules of text search (docs/search.md). Text is cut into words at everything that is
 * not a letter or a digit; Chinese and Japanese characters are words of their own. A word is
 * folded: lower case, accents removed, ß as ss, æ as ae and the like. A word with a German
 * umlaut is also kept spelt out (Müller: muller and mueller), so either spelling finds it.
 *
 * <p>The same rules fold a query, whose words are prefixes: "harb" finds "Harbour". Terms are
 * compared as code points (UTF-8 bytes) by both databases, so a prefix is one range of the index.
 */
public final class SearchText {

    /** Raise when the rules change: items indexed under older rules are indexed again. */
    public static final int VERSION = 1;

    /** Longer words are cut to this many characters, in the index and in queries alike. */
    public static final int MAX_TERM = 48;

    /** A query's words beyond this many are ignored. */
    public static final int MAX_QUERY_WORDS = 8;

    private SearchText() {}

    /** The terms of an item's texts (null texts are skipped), each once. */
    public static Set<String> terms(List<String> texts) {
        Set<String> terms = new LinkedHashSet<>();
        for (String text : texts) {
            if (text == null) {
                continue;
            }
            for (String word : words(text)) {
                terms.add(fold(word));
                if (word.indexOf('ä') >= 0 || word.indexOf('ö') >= 0 || word.indexOf('ü') >= 0) {
                    terms.add(fold(word.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")));
                }
            }
        }
        terms.remove("");
        return terms;
    }

    /** A query's folded words, each to be matched as a prefix; empty when it has none. */
    public static List<String> query(String text) {
        List<String> folded = new ArrayList<>();
        for (String word : words(text)) {
            String term = fold(word);
            if (!term.isEmpty() && !folded.contains(term)) {
                folded.add(term);
            }
            if (folded.size() == MAX_QUERY_WORDS) {
                break;
            }
        }
        return folded;
    }

    /**
     * The least string above every string that starts with {@code prefix}, in code point order:
     * {@code term >= prefix AND term < after(prefix)} is the prefix's range.
     */
    public static String after(String prefix) {
        int last = prefix.codePointBefore(prefix.length());
        int next = last + 1 == Character.MIN_SURROGATE ? Character.MAX_SURROGATE + 1 : last + 1;
        return prefix.substring(0, prefix.length() - Character.charCount(last)) + Character.toString(next);
    }

    /** The words of a text, lower case and composed (NFC), before folding. */
    private static List<String> words(String text) {
        String lower = Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < lower.length(); ) {
            int c = lower.codePointAt(i);
            i += Character.charCount(c);
            if (ideograph(c)) {
                flush(word, words);
                words.add(Character.toString(c));
            } else if (Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK
                    || Character.getType(c) == Character.COMBINING_SPACING_MARK) {
                word.appendCodePoint(c);
            } else {
                flush(word, words);
            }
        }
        flush(word, words);
        return words;
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (!word.isEmpty()) {
            words.add(word.toString());
            word.setLength(0);
        }
    }

    private static boolean ideograph(int c) {
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA;
    }

    /** Accents off, ligatures and letters without a decomposition spelt out, cut to MAX_TERM. */
    private static String fold(String word) {
        String decomposed = Normalizer.normalize(word, Normalizer.Form.NFKD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); ) {
            int c = decomposed.codePointAt(i);
            i += Character.charCount(c);
            int type = Character.getType(c);
            if (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                    || type == Character.ENCLOSING_MARK) {
                continue;
            }
            switch (c) {
                case 'ß' -> out.append("ss");
                case 'æ' -> out.append("ae");
                case 'œ' -> out.append("oe");
                case 'ø' -> out.append('o');
                case 'ł' -> out.append('l');
                case 'đ', 'ð' -> out.append('d');
                case 'þ' -> out.append("th");
                case 'ı' -> out.append('i');
                default -> out.appendCodePoint(Character.toLowerCase(c));
            }
        }
        return out.length() <= MAX_TERM ? out.toString()
                : out.substring(0, Character.isHighSurrogate(out.charAt(MAX_TERM - 1)) ? MAX_TERM - 1 : MAX_TERM);
    }
}
