package dev.arca.sharing;

import java.time.Instant;

/** One of my share links, as the Shared page lists it. {@code albumName} is null for a share of items. */
public record SharedLink(String id, String title, String albumName, int items, int views, int downloads,
        Integer maxDownloads, Instant expiresAt, boolean hasPassword, boolean allowOriginals, Instant createdAt) {}
