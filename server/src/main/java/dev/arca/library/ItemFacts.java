package dev.arca.library;

import dev.arca.media.MediaMetadata;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The metadata panel of an item page: what the file says about itself, each fact under the
 * message key of its label. Values are numbers, codes and names from the file; their labels
 * come from the bundles. Facts the file does not have are left out.
 */
public record ItemFacts(List<Fact> facts) {

    public record Fact(String key, String value) {}

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    static ItemFacts of(Item item) {
        List<Fact> facts = new ArrayList<>();
        MediaMetadata m = item.metadata() == null ? null : item.metadata().fields();
        add(facts, "item.fact.taken", WHEN.format(item.takenAt().atOffset(ZoneOffset.UTC)) + " UTC");
        if (m != null && m.capturedAt() != null && m.capturedOffset() != null) {
            try {
                add(facts, "item.fact.localTime", WHEN.format(m.capturedAt().atOffset(ZoneOffset.of(m.capturedOffset())))
                        + " " + m.capturedOffset());
            } catch (java.time.DateTimeException notAnOffset) {
                // The file's offset is not one Java reads: the UTC time above stands alone.
            }
        }
        add(facts, "item.fact.added", WHEN.format(item.createdAt().atOffset(ZoneOffset.UTC)) + " UTC");
        add(facts, "item.fact.file", item.filename());
        add(facts, "item.fact.type", item.contentType());
        add(facts, "item.fact.size", bytes(item.size()));
        if (m != null) {
            add(facts, "item.fact.camera", join(m.make(), m.model()));
            add(facts, "item.fact.lens", m.lens());
            add(facts, "item.fact.exposure", m.exposureTime() == null ? null : m.exposureTime() + " s");
            add(facts, "item.fact.aperture", m.fNumber() == null ? null : "f/" + decimal(m.fNumber()));
            add(facts, "item.fact.iso", m.iso() == null ? null : "ISO " + m.iso());
            add(facts, "item.fact.focalLength", m.focalLength() == null ? null : decimal(m.focalLength()) + " mm");
            add(facts, "item.fact.dimensions", m.width() == null || m.height() == null ? null
                    : m.width() + " × " + m.height());
            add(facts, "item.fact.duration", m.durationMillis() == null ? null : duration(m.durationMillis()));
            add(facts, "item.fact.frameRate", m.frameRate() == null ? null : decimal(m.frameRate()) + " fps");
            add(facts, "item.fact.bitrate", m.bitrate() == null ? null : (m.bitrate() / 1000) + " kbit/s");
            add(facts, "item.fact.videoCodec", m.videoCodec());
            add(facts, "item.fact.audioCodec", m.audioCodec());
            add(facts, "item.fact.sampleRate", m.sampleRate() == null ? null : m.sampleRate() + " Hz");
            add(facts, "item.fact.artist", m.artist());
            add(facts, "item.fact.album", m.album());
        }
        Double lat = item.latitude() != null ? item.latitude() : m == null ? null : m.latitude();
        Double lon = item.longitude() != null ? item.longitude() : m == null ? null : m.longitude();
        if (lat != null && lon != null) {
            add(facts, "item.fact.place", String.format(Locale.ROOT, "%.5f, %.5f", lat, lon));
        }
        return new ItemFacts(List.copyOf(facts));
    }

    private static void add(List<Fact> facts, String key, String value) {
        if (value != null && !value.isBlank()) {
            facts.add(new Fact(key, value));
        }
    }

    private static String join(String make, String model) {
        if (make == null) {
            return model;
        }
        return model == null || model.startsWith(make) ? (model == null ? make : model) : make + " " + model;
    }

    private static String decimal(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    static String duration(long millis) {
        long seconds = Math.round(millis / 1000.0);
        return seconds >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int unit = -1;
        while (v >= 1024 && unit < units.length - 1) {
            v /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[unit]);
    }
}
