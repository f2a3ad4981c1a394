package dev.arca.media;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects normalised fields from the readers of one file. The first value offered for a field wins,
 * so readers offer their sources in order of trust; blank or out-of-range values are not taken.
 */
final class MetadataBuilder {

    /** Normalised text fields are cut to this many characters. */
    static final int MAX_TEXT = 2000;
    /** At most this many keywords are kept. */
    static final int MAX_KEYWORDS = 200;

    private Instant capturedAt;
    private String capturedOffset;
    private Double latitude;
    private Double longitude;
    private Double altitude;
    private String make;
    private String model;
    private String lens;
    private String exposureTime;
    private Double fNumber;
    private Integer iso;
    private Double focalLength;
    private Integer orientation;
    private Integer width;
    private Integer height;
    private String title;
    private String description;
    private List<String> keywords;
    private Integer rating;
    private Long durationMillis;
    private Double frameRate;
    private String videoCodec;
    private String audioCodec;
    private Integer bitrate;
    private Integer sampleRate;
    private Integer channels;
    private String artist;
    private String album;
    private String genre;
    private Integer track;
    private Integer year;
    private Boolean hasCover;

    /** Text without control characters or surrounding blanks, cut to {@link #MAX_TEXT}; null if blank. */
    static String clean(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_TEXT));
        for (int i = 0; i < text.length() && out.length() < MAX_TEXT; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c != 0x7F || c == '\n' || c == '\t') {
                out.append(c);
            }
        }
        String s = out.toString().strip();
        return s.isEmpty() ? null : s;
    }

    /** A local capture time with, when known, the UTC offset at the place of capture. */
    MetadataBuilder captured(LocalDateTime local, ZoneOffset offset) {
        if (capturedAt == null && local != null) {
            capturedAt = local.toInstant(offset == null ? ZoneOffset.UTC : offset);
            capturedOffset = offset == null ? null : offsetText(offset);
        }
        return this;
    }

    /** A capture moment known in UTC, with the place's offset when known. */
    MetadataBuilder capturedInstant(Instant instant, ZoneOffset offset) {
        if (capturedAt == null && instant != null) {
            capturedAt = instant;
            capturedOffset = offset == null ? null : offsetText(offset);
        }
        return this;
    }

    boolean hasCapturedAt() {
        return capturedAt != null;
    }

    static String offsetText(ZoneOffset offset) {
        return offset.equals(ZoneOffset.UTC) ? "+00:00" : offset.getId();
    }

    MetadataBuilder location(Double lat, Double lon) {
        if (latitude == null && lat != null && lon != null && Double.isFinite(lat) && Double.isFinite(lon)
                && Math.abs(lat) <= 90 && Math.abs(lon) <= 180 && !(lat == 0 && lon == 0)) {
            // Seven decimals are a centimetre: more is noise from rational arithmetic.
            latitude = Math.round(lat * 1e7) / 1e7;
            longitude = Math.round(lon * 1e7) / 1e7;
        }
        return this;
    }

    boolean hasLocation() {
        return latitude != null;
    }

    MetadataBuilder altitude(Double metres) {
        if (altitude == null && metres != null && Double.isFinite(metres) && Math.abs(metres) < 100_000) {
            altitude = metres;
        }
        return this;
    }

    MetadataBuilder make(String v) {
        make = make != null ? make : clean(v);
        return this;
    }

    MetadataBuilder model(String v) {
        model = model != null ? model : clean(v);
        return this;
    }

    MetadataBuilder lens(String v) {
        lens = lens != null ? lens : clean(v);
        return this;
    }

    MetadataBuilder exposureTime(String v) {
        exposureTime = exposureTime != null ? exposureTime : clean(v);
        return this;
    }

    MetadataBuilder fNumber(Double v) {
        fNumber = fNumber != null || !positive(v) ? fNumber : v;
        return this;
    }

    MetadataBuilder iso(Integer v) {
        iso = iso != null || v == null || v <= 0 ? iso : v;
        return this;
    }

    MetadataBuilder focalLength(Double v) {
        focalLength = focalLength != null || !positive(v) ? focalLength : v;
        return this;
    }

    MetadataBuilder orientation(Integer v) {
        orientation = orientation != null || v == null || v < 1 || v > 8 ? orientation : v;
        return this;
    }

    MetadataBuilder dimensions(Integer w, Integer h) {
        if (width == null && w != null && h != null && w > 0 && h > 0) {
            width = w;
            height = h;
        }
        return this;
    }

    Integer width() {
        return width;
    }

    Integer height() {
        return height;
    }

    MetadataBuilder title(String v) {
        title = title != null ? title : clean(v);
        return this;
    }

    MetadataBuilder description(String v) {
        description = description != null ? description : clean(v);
        return this;
    }

    MetadataBuilder keywords(List<String> values) {
        if (keywords == null && values != null) {
            Set<String> distinct = new LinkedHashSet<>();
            for (String value : values) {
                String k = clean(value);
                if (k != null && distinct.size() < MAX_KEYWORDS) {
                    distinct.add(k);
                }
            }
            keywords = distinct.isEmpty() ? null : new ArrayList<>(distinct);
        }
        return this;
    }

    MetadataBuilder rating(Integer v) {
        rating = rating != null || v == null || v < 0 || v > 5 ? rating : v;
        return this;
    }

    MetadataBuilder durationMillis(Long v) {
        durationMillis = durationMillis != null || v == null || v < 0 ? durationMillis : v;
        return this;
    }

    MetadataBuilder frameRate(Double v) {
        frameRate = frameRate != null || !positive(v) || v > 10_000 ? frameRate : Math.round(v * 1000) / 1000.0;
        return this;
    }

    MetadataBuilder videoCodec(String v) {
        videoCodec = videoCodec != null ? videoCodec : clean(v);
        return this;
    }

    MetadataBuilder audioCodec(String v) {
        audioCodec = audioCodec != null ? audioCodec : clean(v);
        return this;
    }

    MetadataBuilder bitrate(Long v) {
        bitrate = bitrate != null || v == null || v <= 0 || v > Integer.MAX_VALUE ? bitrate : v.intValue();
        return this;
    }

    /** The overall bit rate from the file's size and duration, when no reader stated one. */
    MetadataBuilder bitrateFromSize(long bytes) {
        if (bitrate == null && durationMillis != null && durationMillis > 0) {
            bitrate(bytes * 8 * 1000 / durationMillis);
        }
        return this;
    }

    MetadataBuilder sampleRate(Integer v) {
        sampleRate = sampleRate != null || v == null || v <= 0 ? sampleRate : v;
        return this;
    }

    MetadataBuilder channels(Integer v) {
        channels = channels != null || v == null || v <= 0 || v > 255 ? channels : v;
        return this;
    }

    MetadataBuilder artist(String v) {
        artist = artist != null ? artist : clean(v);
        return this;
    }

    MetadataBuilder album(String v) {
        album = album != null ? album : clean(v);
        return this;
    }

    MetadataBuilder genre(String v) {
        genre = genre != null ? genre : clean(v);
        return this;
    }

    MetadataBuilder track(Integer v) {
        track = track != null || v == null || v <= 0 ? track : v;
        return this;
    }

    MetadataBuilder year(Integer v) {
        year = year != null || v == null || v < 1000 || v > 9999 ? year : v;
        return this;
    }

    MetadataBuilder hasCover(boolean v) {
        hasCover = hasCover != null ? hasCover : v;
        return this;
    }

    private static boolean positive(Double v) {
        return v != null && Double.isFinite(v) && v > 0;
    }

    MediaMetadata build() {
        return new MediaMetadata(capturedAt, capturedOffset, latitude, longitude, altitude, make, model, lens,
                exposureTime, fNumber, iso, focalLength, orientation, width, height, title, description, keywords,
                rating, durationMillis, frameRate, videoCodec, audioCodec, bitrate, sampleRate, channels, artist,
                album, genre, track, year, hasCover);
    }
}
