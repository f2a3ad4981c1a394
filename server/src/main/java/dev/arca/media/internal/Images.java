package dev.arca.media.internal;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.function.IntBinaryOperator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Decoding within limits, the eight orientations, cropping, scaling and JPEG encoding. */
public final class Images {

    static {
        // Registers the TwelveMonkeys readers also where the context class loader at first use
        // (a servlet container's, a fat jar's) is not the one that sees them.
        ImageIO.scanForPlugins();
        // Streams are buffered in memory, not in temporary files: previews are small, and a server's
        // temporary directory is no place for pieces of users' pictures.
        ImageIO.setUseCache(false);
    }

    private Images() {}

    /** No picture: the image is over the pixel limit, or no reader can decode it. */
    public static class RefusedException extends IOException {
        public RefusedException(String reason) {
            super(reason);
        }
    }

    /** The image declares more pixels than the limit; it was not decoded. */
    public static final class OverLimitException extends RefusedException {
        private final long pixels;

        public OverLimitException(long pixels) {
            super("image exceeds the pixel limit");
            this.pixels = pixels;
        }

        /** The pixels the image declares. */
        public long pixels() {
            return pixels;
        }
    }

    /**
     * Decodes the first image of {@code input}, reading only its header first: an image declaring more
     * than {@code maxPixels} is refused before any pixel is decoded (so decompression bombs never
     * expand), and the rest is decoded with the source subsampling that {@code subsampling} chooses from
     * the declared width and height, so that a large photo is never held at full size.
     *
     * @return the decoded image, converted to opaque RGB (transparency laid over white)
     */
    public static BufferedImage decode(ImageInputStream input, long maxPixels, IntBinaryOperator subsampling)
            throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
        if (!readers.hasNext()) {
            throw new RefusedException("no decoder for this image format");
        }
        ImageReader reader = readers.next();
        try {
            reader.setInput(input, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width <= 0 || height <= 0) {
                throw new RefusedException("image declares no size");
            }
            if ((long) width * height > maxPixels) {
                throw new OverLimitException((long) width * height);
            }
            int step = Math.max(1, subsampling.applyAsInt(width, height));
            ImageReadParam param = reader.getDefaultReadParam();
            param.setSourceSubsampling(step, step, 0, 0);
            return opaqueRgb(reader.read(0, param));
        } finally {
            reader.dispose();
        }
    }

    /** A TYPE_INT_RGB copy, transparent parts laid over white. */
    public static BufferedImage opaqueRgb(BufferedImage image) {
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    /**
     * One of the eight ways an image can stand: first mirrored left to right (when {@code mirror}),
     * then turned {@code quarterTurns} times clockwise. Composes with further turns and flips.
     */
    public record Orientation(int quarterTurns, boolean mirror) {

        public static final Orientation NORMAL = new Orientation(0, false);

        public Orientation {
            quarterTurns = Math.floorMod(quarterTurns, 4);
        }

        /** The transformation that EXIF orientation 1-8 asks for; anything else is normal. */
        public static Orientation exif(Integer orientation) {
            return switch (orientation == null ? 1 : orientation) {
                case 2 -> new Orientation(0, true);
                case 3 -> new Orientation(2, false);
                case 4 -> new Orientation(2, true);
                case 5 -> new Orientation(3, true);
                case 6 -> new Orientation(1, false);
                case 7 -> new Orientation(1, true);
                case 8 -> new Orientation(3, false);
                default -> NORMAL;
            };
        }

        /** This, then {@code turns} quarter turns clockwise. */
        public Orientation turn(int turns) {
            return new Orientation(quarterTurns + turns, mirror);
        }

        /** This, then a left-right mirror: mirroring reverses the turns made before it. */
        public Orientation flipHorizontal() {
            return new Orientation(-quarterTurns, !mirror);
        }

        /** This, then a top-bottom mirror, which is a left-right mirror and a half turn. */
        public Orientation flipVertical() {
            return new Orientation(2 - quarterTurns, !mirror);
        }

        /** Whether width and height trade places. */
        public boolean swapsAxes() {
            return quarterTurns % 2 == 1;
        }
    }

    /** Applies an orientation to a TYPE_INT_RGB image (as {@link #opaqueRgb} makes). */
    public static BufferedImage orient(BufferedImage image, Orientation o) {
        if (o.equals(Orientation.NORMAL)) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        int[] src = pixels(image);
        BufferedImage out = o.swapsAxes() ? new BufferedImage(h, w, BufferedImage.TYPE_INT_RGB)
                : new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] dst = pixels(out);
        int outWidth = out.getWidth();
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int x = 0; x < w; x++) {
                int mx = o.mirror() ? w - 1 - x : x;
                int tx;
                int ty;
                switch (o.quarterTurns()) {
                    case 1 -> {
                        tx = h - 1 - y;
                        ty = mx;
                    }
                    case 2 -> {
                        tx = w - 1 - mx;
                        ty = h - 1 - y;
                    }
                    case 3 -> {
                        tx = y;
                        ty = w - 1 - mx;
                    }
                    default -> {
                        tx = mx;
                        ty = y;
                    }
                }
                dst[ty * outWidth + tx] = src[row + x];
            }
        }
        return out;
    }

    /** A copy of the given rectangle, clipped to the image and at least one pixel. */
    public static BufferedImage crop(BufferedImage image, int x, int y, int width, int height) {
        int cx = Math.clamp(x, 0, image.getWidth() - 1);
        int cy = Math.clamp(y, 0, image.getHeight() - 1);
        int cw = Math.clamp(width, 1, image.getWidth() - cx);
        int ch = Math.clamp(height, 1, image.getHeight() - cy);
        BufferedImage out = new BufferedImage(cw, ch, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(image.getSubimage(cx, cy, cw, ch), 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * Scales to exactly {@code width} by {@code height}: halving steps with bilinear filtering while
     * the image is more than twice the target, then one last bilinear step, which keeps detail without
     * the aliasing of a single large step.
     */
    public static BufferedImage scale(BufferedImage image, int width, int height) {
        BufferedImage current = image;
        int w = image.getWidth();
        int h = image.getHeight();
        while (w / 2 >= width && h / 2 >= height) {
            w /= 2;
            h /= 2;
            current = draw(current, w, h);
        }
        return w == width && h == height ? current : draw(current, width, height);
    }

    private static BufferedImage draw(BufferedImage image, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Encodes as baseline JPEG at the given quality (0..1). */
    public static byte[] jpeg(BufferedImage image, float quality) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new IOException("no JPEG encoder");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static int[] pixels(BufferedImage image) {
        if (image.getType() != BufferedImage.TYPE_INT_RGB) {
            throw new IllegalArgumentException("expects a TYPE_INT_RGB image");
        }
        return ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    }
}
