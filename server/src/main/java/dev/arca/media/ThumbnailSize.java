package dev.arca.media;

/** The previews {@link Thumbnailer} makes. Neither ever enlarges a smaller image. */
public enum ThumbnailSize {
    /** A square cut from the middle of the (edited) image, 256 pixels a side. */
    SMALL(256),
    /** The whole (edited) image, fitted within 1600 by 1600 pixels. */
    LARGE(1600);

    private final int pixels;

    ThumbnailSize(int pixels) {
        this.pixels = pixels;
    }

    /** The side of SMALL's square, or the longest side LARGE may have. */
    public int pixels() {
        return pixels;
    }
}
