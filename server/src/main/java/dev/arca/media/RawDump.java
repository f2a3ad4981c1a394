package dev.arca.media;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Collects the full tag dump of a file: directory name to (tag name to value as text), in the order
 * read. Bounded so that a file with absurd numbers of tags or huge values cannot blow up what is
 * stored: at most {@value #MAX_DIRECTORIES} directories and {@value #MAX_TAGS} tags, values cut to
 * {@value #MAX_VALUE} characters and freed of control characters. A repeated directory name gets a number: {@code XMP (2)}.
 */
final class RawDump {

    static final int MAX_DIRECTORIES = 200;
    static final int MAX_TAGS = 5000;
    static final int MAX_VALUE = 1000;

    private final Map<String, Object> directories = new LinkedHashMap<>();
    private int tags;

    /** Starts a new directory; tags put into the returned map are bounded like the rest. */
    Directory directory(String name) {
        if (directories.size() >= MAX_DIRECTORIES) {
            return new Directory(null);
        }
        String unique = name;
        for (int n = 2; directories.containsKey(unique); n++) {
            unique = name + " (" + n + ")";
        }
        Map<String, String> entries = new LinkedHashMap<>();
        directories.put(unique, entries);
        return new Directory(entries);
    }

    /** One directory of the dump; a directory over the limits silently takes nothing more. */
    final class Directory {
        private final Map<String, String> entries;

        private Directory(Map<String, String> entries) {
            this.entries = entries;
        }

        Directory put(String tag, Object value) {
            if (entries == null || value == null || tags >= MAX_TAGS || tag == null) {
                return this;
            }
            String text = printable(value.toString());
            String key = tag;
            for (int n = 2; entries.containsKey(key); n++) {
                key = tag + " (" + n + ")";
            }
            entries.put(key, text);
            tags++;
            return this;
        }
    }

    /**
     * The value cut to {@link #MAX_VALUE} characters, without control characters other than tab and
     * line breaks: tags often end in NUL padding, which text columns of databases refuse.
     */
    private static String printable(String value) {
        StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_VALUE));
        for (int i = 0; i < value.length() && out.length() < MAX_VALUE; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The dump, without directories that stayed empty. */
    Map<String, Object> build() {
        Map<String, Object> result = new LinkedHashMap<>();
        directories.forEach((name, entries) -> {
            if (!((Map<?, ?>) entries).isEmpty()) {
                result.put(name, entries);
            }
        });
        return result;
    }
}
