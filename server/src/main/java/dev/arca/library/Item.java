package dev.arca.library;

import dev.arca.media.EditList;
import java.time.Instant;
import java.util.List;

/**
 * A photo, video, song or other file in a library, as the API shows it. The user's own
 * values ({@code title} to {@code longitude}, {@code edits}) are kept apart from what was
 * extracted ({@code metadata}); {@code takenAt} is the timeline date: the user's date, else
 * the capture date found in the file, else when it was added. {@code edits} is null when the
 * image is shown as it was stored.
 */
public record Item(String id, String filename, String kind, String contentType, long size, String sha256,
        int version, Instant createdAt, Instant updatedAt, Instant takenAt, Instant trashedAt,
        String title, String description, Integer rating, List<String> tags, Instant capturedAt,
        Double latitude, Double longitude, EditList edits, ItemMetadata metadata) {}
