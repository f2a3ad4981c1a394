package dev.arca.sharing;

import java.time.Instant;
import java.util.List;

/**
 * What the Shared pages show of shares others made with me: the share ({@code downloads} says
 * whether the owner allows the originals) and, on the share's own page, its items.
 */
public record SharedWithMePage(String shareId, String ownerName, String title, boolean contributor, boolean downloads,
        Instant expiresAt, List<Entry> items) {

    /**
     * An item as a member receives it: a generic name unless the owner kept the metadata, and
     * whether it can be played or downloaded (otherwise only its preview shows).
     */
    public record Entry(String id, String name, String kind, boolean deliverable) {}
}
