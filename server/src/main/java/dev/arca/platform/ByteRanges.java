package dev.arca.platform;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code Range} header of RFC 9110 for bytes: {@code bytes=0-99}, {@code bytes=100-},
 * suffix ranges {@code bytes=-500}, several ranges separated by commas. The unit is read without
 * regard to case, positions are digits only.
 *
 * <p>What is served is what the ranges cover, once: overlapping and adjacent ranges are merged
 * and the result is in ascending order, so no request gets a byte twice (RFC 9110 section 14.2
 * lets a server coalesce them). A header with more than {@value #MAX_RANGES} ranges is ignored
 * and the whole representation sent, as the RFC allows for many small or overlapping ranges.
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

    /** The most ranges one header may ask for; browsers and players ask for one. */
    public static final int MAX_RANGES = 8;

    private ByteRanges() {}

    /**
     * The ranges asked for, clipped to {@code length}, merged and in ascending order; empty when
     * the header is absent, not a byte range we understand, or asks for more than
     * {@value #MAX_RANGES} ranges (then the whole representation is sent, as the RFC allows).
     *
     * @throws Unsatisfiable when no range asked for lies within {@code length}
     */
    public static Optional<List<Range>> parse(String header, long length) {
        if (header == null || !header.toLowerCase(Locale.ROOT).startsWith("bytes=")) {
            return Optional.empty();
        }
        String[] specs = header.substring(6).split(",", -1);
        if (specs.length > MAX_RANGES) {
            return Optional.empty();
        }
        List<Range> ranges = new ArrayList<>();
        for (String raw : specs) {
            String spec = raw.strip();
            int dash = spec.indexOf('-');
            if (dash < 0) {
                return Optional.empty();
            }
            String a = spec.substring(0, dash);
            String b = spec.substring(dash + 1);
            if (a.isEmpty() && b.isEmpty() || !digits(a) || !digits(b)) {
                return Optional.empty();
            }
            Long first = a.isEmpty() ? null : number(a);
            Long last = b.isEmpty() ? null : number(b);
            if (first == null) {
                // A suffix: the last n bytes.
                if (last != null && last > 0 && length > 0) {
                    ranges.add(new Range(Math.max(0, length - last), length - 1));
                }
            } else if (last != null && last < first) {
                return Optional.empty();
            } else if (first < length) {
                ranges.add(new Range(first, last == null ? length - 1 : Math.min(last, length - 1)));
            }
        }
        if (ranges.isEmpty()) {
            throw new Unsatisfiable();
        }
        return Optional.of(merged(ranges));
    }

    /** The ranges in ascending order, with overlapping and adjacent ones joined. */
    static List<Range> merged(List<Range> ranges) {
        List<Range> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingLong(Range::first));
        List<Range> merged = new ArrayList<>();
        for (Range r : sorted) {
            Range previous = merged.isEmpty() ? null : merged.getLast();
            if (previous != null && r.first() <= previous.last() + 1) {
                merged.set(merged.size() - 1, new Range(previous.first(), Math.max(previous.last(), r.last())));
            } else {
                merged.add(r);
            }
        }
        return merged;
    }

    private static boolean digits(String s) {
        return s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** A position; one too large for a long is past any representation. */
    private static long number(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
