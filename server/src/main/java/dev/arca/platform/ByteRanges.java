package dev.arca.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code Range} header of RFC 9110 for bytes: {@code bytes=0-99}, {@code bytes=100-},
 * suffix ranges {@code bytes=-500}, several ranges separated by commas.
 */
public final class ByteRanges {

    /** Inclusive byte range within a representation. */
    public record Range(long first, long last) {
        public long length() {
            return last - first + 1;
        }
    }

    /** The header cannot be satisfied for this length: answer 416. */
    public static final class Unsatisfiable extends RuntimeException {
        public Unsatisfiable() {
            super("range not satisfiable", null, false, false);
        }
    }

    private static final int MAX_RANGES = 16;

    private ByteRanges() {}

    /**
     * The ranges asked for, clipped to {@code length}; empty when the header is absent or not a
     * byte range we understand (then the whole representation is sent, as the RFC allows).
     */
    public static Optional<List<Range>> parse(String header, long length) {
        if (header == null || !header.startsWith("bytes=")) {
            return Optional.empty();
        }
        List<Range> ranges = new ArrayList<>();
        for (String spec : header.substring(6).split(",", -1)) {
            spec = spec.strip();
            int dash = spec.indexOf('-');
            if (dash < 0 || ranges.size() >= MAX_RANGES) {
                return Optional.empty();
            }
            try {
                String a = spec.substring(0, dash);
                String b = spec.substring(dash + 1);
                if (a.isEmpty()) {
                    long suffix = Long.parseLong(b);
                    if (suffix > 0 && length > 0) {
                        ranges.add(new Range(Math.max(0, length - suffix), length - 1));
                    }
                } else {
                    long first = Long.parseLong(a);
                    long last = b.isEmpty() ? length - 1 : Math.min(Long.parseLong(b), length - 1);
                    if (first < 0 || (!b.isEmpty() && Long.parseLong(b) < first)) {
                        return Optional.empty();
                    }
                    if (first < length) {
                        ranges.add(new Range(first, last));
                    }
                }
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        if (ranges.isEmpty()) {
            throw new Unsatisfiable();
        }
        return Optional.of(ranges);
    }
}
