package dev.arca.media;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Non-destructive edits of an image (or of a video's poster frame); the original file never changes.
 *
 * <p>Edits apply in this order, each to the result of the one before:
 * <ol>
 *   <li>the file's own EXIF orientation, so that the image stands as its camera meant it;</li>
 *   <li>{@code rotation} quarter turns clockwise;</li>
 *   <li>{@code flipHorizontal} (mirror left and right), then {@code flipVertical} (mirror top and bottom);</li>
 *   <li>{@code crop}, in fractions of the image as it stands after the steps above (flips do not change
 *       its size, so these are fractions of the oriented, rotated image).</li>
 * </ol>
 *
 * <p>{@link #toText()} gives a compact canonical form for storage, and {@link #parse} reads it back:
 * tokens joined by {@code ;} in the order {@code r<1-3>}, {@code h}, {@code v},
 * {@code c<x>,<y>,<width>,<height>}, each present only when it changes something, e.g.
 * {@code r1;h;c0.1,0.2,0.5,0.25}. No edits is the empty text. Crop fractions are kept to six decimals.
 *
 * @param rotation quarter turns clockwise, 0-3
 * @param flipHorizontal mirror left and right
 * @param flipVertical mirror top and bottom
 * @param crop the part to keep, or null for all of it
 */
public record EditList(int rotation, boolean flipHorizontal, boolean flipVertical, Crop crop) {

    /** No edits: the image as its orientation says. */
    public static final EditList NONE = new EditList(0, false, false, null);

    private static final Pattern DECIMAL = Pattern.compile("(?:0|1)(?:\\.[0-9]{1,6})?");

    public EditList {
        if (rotation < 0 || rotation > 3) {
            throw new IllegalArgumentException("rotation must be 0-3 quarter turns");
        }
    }

    /**
     * A rectangle in fractions of the image's width and height, with its top-left corner at (x, y).
     * Values are rounded to six decimals; the rectangle must lie within the image and not be empty.
     */
    public record Crop(double x, double y, double width, double height) {

        public Crop {
            x = round(x, "x");
            y = round(y, "y");
            width = round(width, "width");
            height = round(height, "height");
            if (width <= 0 || height <= 0 || x + width > 1.0000005 || y + height > 1.0000005) {
                throw new IllegalArgumentException("crop must be a non-empty rectangle within the image");
            }
        }

        private static double round(double value, String what) {
            if (!Double.isFinite(value) || value < 0 || value > 1) {
                throw new IllegalArgumentException("crop " + what + " must be a fraction 0..1");
            }
            return Math.round(value * 1_000_000) / 1_000_000.0;
        }
    }

    /** Whether these edits leave the (oriented) image as it is. */
    public boolean isNone() {
        return rotation == 0 && !flipHorizontal && !flipVertical && crop == null;
    }

    /** The canonical storage form; see the class description. */
    public String toText() {
        StringBuilder text = new StringBuilder();
        if (rotation != 0) {
            text.append('r').append(rotation);
        }
        if (flipHorizontal) {
            text.append(text.isEmpty() ? "" : ";").append('h');
        }
        if (flipVertical) {
            text.append(text.isEmpty() ? "" : ";").append('v');
        }
        if (crop != null) {
            text.append(text.isEmpty() ? "" : ";").append('c').append(decimal(crop.x())).append(',')
                    .append(decimal(crop.y())).append(',').append(decimal(crop.width())).append(',')
                    .append(decimal(crop.height()));
        }
        return text.toString();
    }

    /**
     * Reads the form {@link #toText()} writes.
     *
     * @throws IllegalArgumentException when the text is not such a form or describes invalid edits
     */
    public static EditList parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.length() > 100) {
            throw new IllegalArgumentException("not an edit list");
        }
        String[] tokens = text.isEmpty() ? new String[0] : text.split(";", -1);
        int next = 0;
        int rotation = 0;
        boolean flipHorizontal = false;
        boolean flipVertical = false;
        Crop crop = null;
        if (next < tokens.length && tokens[next].matches("r[1-3]")) {
            rotation = tokens[next++].charAt(1) - '0';
        }
        if (next < tokens.length && tokens[next].equals("h")) {
            flipHorizontal = true;
            next++;
        }
        if (next < tokens.length && tokens[next].equals("v")) {
            flipVertical = true;
            next++;
        }
        if (next < tokens.length && tokens[next].startsWith("c")) {
            String[] parts = tokens[next++].substring(1).split(",", -1);
            if (parts.length != 4) {
                throw new IllegalArgumentException("not an edit list");
            }
            crop = new Crop(fraction(parts[0]), fraction(parts[1]), fraction(parts[2]), fraction(parts[3]));
        }
        if (next != tokens.length) {
            throw new IllegalArgumentException("not an edit list");
        }
        return new EditList(rotation, flipHorizontal, flipVertical, crop);
    }

    private static double fraction(String digits) {
        if (!DECIMAL.matcher(digits).matches()) {
            throw new IllegalArgumentException("not an edit list");
        }
        return Double.parseDouble(digits);
    }

    private static String decimal(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
