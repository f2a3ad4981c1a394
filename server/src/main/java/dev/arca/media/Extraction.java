package dev.arca.media;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of reading a file's metadata.
 *
 * @param status OK when the file was read; FAILED when its content is bad (corrupt, truncated, hostile,
 *     too slow to read); UNSUPPORTED when Arca does not read this kind of file
 * @param error for FAILED and UNSUPPORTED a short reason about the content, free of personal values;
 *     null for OK
 * @param metadata the normalised fields; {@link MediaMetadata#EMPTY} unless OK
 * @param raw every tag the readers found, directory name to (tag name to value as text), so that
 *     information without a normalised field is kept; empty unless OK
 */
public record Extraction(Status status, String error, MediaMetadata metadata, Map<String, Object> raw) {

    public enum Status { OK, FAILED, UNSUPPORTED }

    public Extraction {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(metadata, "metadata");
        if (status == Status.OK != (error == null)) {
            throw new IllegalArgumentException("an error reason goes with FAILED and UNSUPPORTED only");
        }
        raw = raw == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(raw));
    }

    public static Extraction ok(MediaMetadata metadata, Map<String, Object> raw) {
        return new Extraction(Status.OK, null, metadata, raw);
    }

    public static Extraction failed(String reason) {
        return new Extraction(Status.FAILED, reason, MediaMetadata.EMPTY, Map.of());
    }

    public static Extraction unsupported(String reason) {
        return new Extraction(Status.UNSUPPORTED, reason, MediaMetadata.EMPTY, Map.of());
    }
}
