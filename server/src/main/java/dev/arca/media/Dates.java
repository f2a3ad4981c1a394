package dev.arca.media;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the date and time forms media files use; anything implausible or malformed reads as null. */
final class Dates {

    /** A local date and time, with the UTC offset when the source gives one. */
    record Local(LocalDateTime time, ZoneOffset offset) {}

    /** EXIF "2024:05:17 14:03:21", also with '-' or 'T' as some writers use, optionally an offset. */
    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{4})[:-](\\d{2})[:-](\\d{2})(?:[ T](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?)?\\s*(Z|[+-]\\d{2}:?\\d{2})?");
    private static final Pattern TIME = Pattern.compile(
            "(\\d{2}):?(\\d{2}):?(\\d{2})?(?:[.,]\\d+)?\\s*(Z|[+-]\\d{2}:?\\d{2})?");
    private static final Pattern OFFSET = Pattern.compile("([+-])(\\d{2}):?(\\d{2})");

    private Dates() {}

    /**
     * Reads EXIF and ISO 8601 date-times: {@code 2024:05:17 14:03:21}, {@code 2024-05-17T14:03:21.25+02:00},
     * or a date alone (then midnight). Null for blank, zeroed ({@code 0000:00:00}) or impossible dates.
     */
    static Local dateTime(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = DATE_TIME.matcher(text.strip());
        if (!m.matches()) {
            return null;
        }
        try {
            int year = Integer.parseInt(m.group(1));
            if (year < 1800) {
                return null;
            }
            LocalDate date = LocalDate.of(year, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            LocalTime time = LocalTime.MIDNIGHT;
            if (m.group(4) != null) {
                int nanos = m.group(7) == null ? 0 : Integer.parseInt((m.group(7) + "00000000").substring(0, 9));
                time = LocalTime.of(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                        m.group(6) == null ? 0 : Integer.parseInt(m.group(6)), nanos);
            }
            return new Local(LocalDateTime.of(date, time), offset(m.group(8)));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** An IPTC-style time of day, {@code 18:30:00+01:00} or {@code 183000+0100}; null if malformed. */
    static Local time(LocalDate date, String text) {
        if (date == null || text == null) {
            return null;
        }
        Matcher m = TIME.matcher(text.strip());
        if (!m.matches()) {
            return null;
        }
        try {
            LocalTime time = LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
            return new Local(LocalDateTime.of(date, time), offset(m.group(4)));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** {@code +02:00}, {@code -0330}, {@code Z}; null when absent or not a whole-minute offset up to ±18 h. */
    static ZoneOffset offset(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        if (t.equals("Z")) {
            return ZoneOffset.UTC;
        }
        Matcher m = OFFSET.matcher(t);
        if (!m.matches()) {
            return null;
        }
        try {
            int hours = Integer.parseInt(m.group(2));
            int minutes = Integer.parseInt(m.group(3));
            return m.group(1).equals("-") ? ZoneOffset.ofHoursMinutes(-hours, -minutes)
                    : ZoneOffset.ofHoursMinutes(hours, minutes);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
