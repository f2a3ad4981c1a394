package dev.arca.media;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The normalised metadata of a media file. Every field is null when the file does not say.
 *
 * <p>Times: {@code capturedAt} is the moment of capture. {@code capturedOffset} is the UTC offset of
 * the place of capture, like {@code +02:00}, when the file tells it (EXIF OffsetTimeOriginal, an XMP or
 * IPTC time with offset, a QuickTime creation date with offset) or when it can be derived from the GPS
 * time stamp. When it is null the zone is unknown, and {@code capturedAt} is, for formats that store
 * only a local wall-clock time (EXIF), that wall-clock time read as if it were UTC; for formats that
 * store UTC (QuickTime, Matroska) it is the true moment.
 *
 * @param capturedAt when the picture, video or recording was taken
 * @param capturedOffset the UTC offset at the place of capture, {@code ±HH:MM}
 * @param latitude decimal degrees, north positive, -90..90
 * @param longitude decimal degrees, east positive, -180..180
 * @param altitude metres above sea level, negative below
 * @param make camera or device maker
 * @param model camera or device model
 * @param lens lens model
 * @param exposureTime exposure time as photographers write it: {@code 1/250}, {@code 2}, {@code 0.8}
 * @param fNumber aperture, e.g. 5.6
 * @param iso ISO speed
 * @param focalLength focal length in millimetres
 * @param orientation EXIF orientation 1-8 (for video: 1, 3, 6 or 8 from the rotation of the track)
 * @param width stored width in pixels, before orientation is applied
 * @param height stored height in pixels, before orientation is applied
 * @param title title (XMP dc:title, IPTC object name, EXIF XPTitle, a video's or song's title)
 * @param description description or caption
 * @param keywords keywords or subject tags, in the file's order, without duplicates
 * @param rating star rating 0-5
 * @param durationMillis duration of a video or audio file
 * @param frameRate video frames per second
 * @param videoCodec short codec name such as {@code h264}, {@code hevc}, {@code vp9}, {@code av1}
 * @param audioCodec short codec name such as {@code aac}, {@code mp3}, {@code opus}, {@code vorbis}
 * @param bitrate overall bit rate in bits per second
 * @param sampleRate audio samples per second
 * @param channels audio channels
 * @param artist performing artist
 * @param album album
 * @param genre genre
 * @param track track number within the album
 * @param year year of release
 * @param hasCover whether an audio file embeds cover art
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MediaMetadata(
        Instant capturedAt,
        String capturedOffset,
        Double latitude,
        Double longitude,
        Double altitude,
        String make,
        String model,
        String lens,
        String exposureTime,
        Double fNumber,
        Integer iso,
        Double focalLength,
        Integer orientation,
        Integer width,
        Integer height,
        String title,
        String description,
        List<String> keywords,
        Integer rating,
        Long durationMillis,
        Double frameRate,
        String videoCodec,
        String audioCodec,
        Integer bitrate,
        Integer sampleRate,
        Integer channels,
        String artist,
        String album,
        String genre,
        Integer track,
        Integer year,
        Boolean hasCover) {

    /** Metadata that says nothing. */
    public static final MediaMetadata EMPTY = new MediaMetadata(null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null);

    public MediaMetadata {
        check(latitude == null || latitude >= -90 && latitude <= 90, "latitude");
        check(longitude == null || longitude >= -180 && longitude <= 180, "longitude");
        check(latitude == null == (longitude == null), "latitude and longitude go together");
        check(capturedOffset == null || capturedOffset.matches("[+-](0\\d|1[0-8]):[0-5]\\d"), "capturedOffset");
        check(orientation == null || orientation >= 1 && orientation <= 8, "orientation");
        check(rating == null || rating >= 0 && rating <= 5, "rating");
        check(width == null || width > 0, "width");
        check(height == null || height > 0, "height");
        check(durationMillis == null || durationMillis >= 0, "durationMillis");
        keywords = keywords == null ? null : List.copyOf(keywords);
    }

    private static void check(boolean valid, String what) {
        if (!valid) {
            throw new IllegalArgumentException("invalid " + what);
        }
    }
}
