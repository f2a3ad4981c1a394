package dev.arca.library;

import dev.arca.media.MediaMetadata;

/**
 * What extraction found in an item's current version. {@code state} is {@code pending},
 * {@code done}, {@code failed} (with {@code error} saying why) or {@code unsupported}.
 */
public record ItemMetadata(String state, String error, MediaMetadata fields) {}
