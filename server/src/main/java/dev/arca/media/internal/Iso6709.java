package dev.arca.media.internal;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads ISO 6709 point locations as QuickTime stores them ({@code ©xyz} user data and the
 * {@code com.apple.quicktime.location.ISO6709} key), e.g. {@code +48.8584+002.2945+035.000/}.
 *
 * <p>Latitude and longitude may be given in degrees ({@code ±DD.D}, {@code ±DDD.D}), degrees and minutes
 * ({@code ±DDMM.M}, {@code ±DDDMM.M}) or degrees, minutes and seconds ({@code ±DDMMSS.S},
 * {@code ±DDDMMSS.S}); the number of digits before the point tells which.
 */
public final class Iso6709 {

    /** A point: decimal degrees, and metres when the string gives a height. */
    public record Location(double latitude, double longitude, Double altitude) {}

    private static final Pattern POINT = Pattern.compile(
            "([+-])(\\d{2,6})(\\.\\d+)?([+-])(\\d{3,7})(\\.\\d+)?(?:([+-]\\d+(?:\\.\\d+)?))?(?:CRS[^/]*)?/?");

    private Iso6709() {}

    public static Optional<Location> parse(String text) {
        if (text == null || text.length() > 100) {
            return Optional.empty();
        }
        Matcher m = POINT.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        Double latitude = degrees(m.group(1), m.group(2), m.group(3), 2);
        Double longitude = degrees(m.group(4), m.group(5), m.group(6), 3);
        if (latitude == null || longitude == null || Math.abs(latitude) > 90 || Math.abs(longitude) > 180) {
            return Optional.empty();
        }
        Double altitude = m.group(7) == null ? null : Double.parseDouble(m.group(7));
        return Optional.of(new Location(latitude, longitude, altitude));
    }

    private static Double degrees(String sign, String whole, String fraction, int degreeDigits) {
        String f = fraction == null ? "" : fraction;
        double value;
        int extra = whole.length() - degreeDigits;
        if (extra == 0) {
            value = Double.parseDouble(whole + f);
        } else if (extra == 2) {
            double minutes = Double.parseDouble(whole.substring(degreeDigits) + f);
            value = Integer.parseInt(whole.substring(0, degreeDigits)) + minutes / 60;
            if (minutes >= 60) {
                return null;
            }
        } else if (extra == 4) {
            int minutes = Integer.parseInt(whole.substring(degreeDigits, degreeDigits + 2));
            double seconds = Double.parseDouble(whole.substring(degreeDigits + 2) + f);
            if (minutes >= 60 || seconds >= 60) {
                return null;
            }
            value = Integer.parseInt(whole.substring(0, degreeDigits)) + minutes / 60.0 + seconds / 3600;
        } else {
            return null;
        }
        return sign.equals("-") ? -value : value;
    }
}
