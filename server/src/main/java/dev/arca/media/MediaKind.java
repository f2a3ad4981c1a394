package dev.arca.media;

/** The broad kind of a media file, which decides how it is read and previewed. */
public enum MediaKind {
    IMAGE,
    VIDEO,
    AUDIO,
    /** Anything Arca stores but does not read: no metadata, no preview. */
    OTHER
}
