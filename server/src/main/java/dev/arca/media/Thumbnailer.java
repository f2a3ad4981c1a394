package dev.arca.media;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.heif.HeifDirectory;
import com.drew.metadata.exif.ExifReader;
import dev.arca.media.internal.Bounded;
import dev.arca.media.internal.Ffmpeg;
import dev.arca.media.internal.HeifConvert;
import dev.arca.media.internal.IsoBmff;
import dev.arca.media.internal.RawPreview;
import dev.arca.media.internal.Images;
import dev.arca.media.internal.Images.Orientation;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.IntBinaryOperator;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Makes JPEG previews: thumbnails ({@link ThumbnailSize}) and full-size renders with edits applied.
 *
 * <p>Sources: still images that Java's image readers decode (JPEG, PNG, GIF, WebP, TIFF, and DNG files
 * whose first image is a plain TIFF image); HEIC, HEIF and AVIF images when libheif's heif-convert is
 * installed ({@link #heifPreviewsAvailable()}); the JPEG preview that camera raw files built as TIFF
 * (CR2, NEF, ARW, DNG, ORF, RW2) embed ({@link RawPreview}), turned by the raw file's orientation; a
 * frame of a video when ffmpeg is installed ({@link #videoPreviewsAvailable()}); the embedded cover
 * of an audio file. Canon's CR3 gives no preview yet.
 *
 * <p>Limits: an image declaring more than {@code maxPixels} pixels is refused from its header alone,
 * before decoding; thumbnails decode with source subsampling, so memory follows the preview's size, not
 * the photo's; every call runs within a time limit. A full-size render holds the whole image decoded,
 * several times over while it is turned, cropped and encoded (about {@value #RENDER_BYTES_PER_PIXEL}
 * bytes a pixel), so renders have a lower limit ({@link #renderPixels()}), also checked from the
 * header: at most {@value #DEFAULT_MAX_RENDER_PIXELS} pixels, less when the heap could not hold that.
 * Memory is bounded by refusing, never by catching {@link OutOfMemoryError}. Thread-safe.
 */
@Component
public class Thumbnailer {

    /** The default pixel limit: 200 megapixels, more than any camera's photo. */
    public static final long DEFAULT_MAX_PIXELS = 200_000_000L;
    /** How long one preview may take by default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** The most pixels a full-size render decodes: 100 megapixels, more than nearly any camera's photo. */
    public static final long DEFAULT_MAX_RENDER_PIXELS = 100_000_000L;
    /** The heap a full-size render needs per pixel: decoded, made opaque, turned or cropped, encoded. */
    static final long RENDER_BYTES_PER_PIXEL = 16;

    /** The image declares more pixels than this server renders at full size; nothing was decoded. */
    public static final class TooLargeToRenderException extends RuntimeException {
        private final long pixels;
        private final long limit;

        TooLargeToRenderException(long pixels, long limit) {
            super("image too large to render", null, false, false);
            this.pixels = pixels;
            this.limit = limit;
        }

        /** The pixels the image declares. */
        public long pixels() {
            return pixels;
        }

        /** The most pixels this server renders. */
        public long limit() {
            return limit;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(Thumbnailer.class);

    private static final float THUMBNAIL_QUALITY = 0.82f;
    private static final float RENDER_QUALITY = 0.92f;
    /** Video frames are taken one second in (past fades from black), or at the start of shorter clips. */
    private static final double POSTER_SECONDS = 1.0;

    /** Camera raw formats built as TIFF files, whose embedded JPEG preview is used. */
    private static final Set<String> RAW = Set.of(MediaTypes.CR2, MediaTypes.NEF, MediaTypes.ARW, MediaTypes.DNG,
            MediaTypes.ORF, MediaTypes.RW2);

    /** Formats libheif decodes. */
    private static final Set<String> HEIF = Set.of(MediaTypes.HEIC, MediaTypes.HEIF, MediaTypes.AVIF);

    /** Formats Java's image readers decode; a DNG's first image is a TIFF image. */
    private static final Set<String> DECODABLE = Set.of(MediaTypes.JPEG, MediaTypes.PNG, MediaTypes.GIF,
            MediaTypes.WEBP, MediaTypes.TIFF, MediaTypes.DNG);

    private final MetadataExtractor extractor;
    private final long maxPixels;
    private final long renderPixels;
    private final Duration timeout;
    private final Path ffmpeg;
    private final Path heifConvert;

    /** A thumbnailer with the default limits, using ffmpeg and heif-convert from the PATH when they are there. */
    @Autowired
    public Thumbnailer(MetadataExtractor extractor) {
        this(extractor, DEFAULT_MAX_PIXELS, DEFAULT_TIMEOUT, Ffmpeg.onPath().orElse(null),
                HeifConvert.onPath().orElse(null));
    }

    /** As {@link #Thumbnailer(MetadataExtractor, long, Duration, Path, Path)} without HEIF previews. */
    public Thumbnailer(MetadataExtractor extractor, long maxPixels, Duration timeout, Path ffmpeg) {
        this(extractor, maxPixels, timeout, ffmpeg, null);
    }

    /**
     * @param extractor reads audio cover art
     * @param maxPixels images declaring more pixels are refused
     * @param timeout how long one preview may take
     * @param ffmpeg the ffmpeg executable for video frames, or null for no video previews
     * @param heifConvert libheif's heif-convert executable, or null for no HEIC, HEIF and AVIF previews
     */
    public Thumbnailer(MetadataExtractor extractor, long maxPixels, Duration timeout, Path ffmpeg, Path heifConvert) {
        if (maxPixels <= 0 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.extractor = Objects.requireNonNull(extractor, "extractor");
        this.maxPixels = maxPixels;
        this.renderPixels = Math.min(maxPixels, Math.min(DEFAULT_MAX_RENDER_PIXELS,
                Runtime.getRuntime().maxMemory() / RENDER_BYTES_PER_PIXEL));
        this.timeout = timeout;
        this.ffmpeg = ffmpeg;
        this.heifConvert = heifConvert;
    }

    /** The most pixels a full-size render decodes. */
    public long renderPixels() {
        return renderPixels;
    }

    /** Whether HEIC, HEIF and AVIF images get previews: heif-convert was found. */
    public boolean heifPreviewsAvailable() {
        return heifConvert != null;
    }

    /** Whether videos get previews: ffmpeg was found. */
    public boolean videoPreviewsAvailable() {
        return ffmpeg != null;
    }

    /**
     * A JPEG thumbnail of the file with the edits applied (see {@link EditList} for their order; null
     * means none).
     *
     * @return empty when the file has no preview: no decoder for it, no video support, no cover, over the
     *     pixel limit, damaged, or too slow
     */
    public Optional<byte[]> thumbnail(Path file, DetectedType type, ThumbnailSize size, EditList edits) {
        Objects.requireNonNull(size, "size");
        return make(file, type, edits, Shape.of(size));
    }

    /**
     * The whole image (honouring its orientation) fitted within {@code longestSide} pixels, as
     * JPEG, for sending to a small screen; never enlarged.
     *
     * @return empty as for {@link #thumbnail}
     */
    public Optional<byte[]> fit(Path file, DetectedType type, int longestSide) {
        if (longestSide < 1) {
            throw new IllegalArgumentException("longestSide must be positive, got " + longestSide);
        }
        return make(file, type, EditList.NONE, new Shape(false, longestSide));
    }

    /** What a preview is: a square of {@code pixels} a side, or fitted within {@code pixels}; null: a full render. */
    record Shape(boolean square, int pixels) {
        static Shape of(ThumbnailSize size) {
            return new Shape(size == ThumbnailSize.SMALL, size.pixels());
        }
    }

    /**
     * The whole image at full resolution with the edits applied, as JPEG ("download edited"). For a video,
     * its poster frame; for audio, its cover.
     *
     * @return empty as for {@link #thumbnail}
     * @throws TooLargeToRenderException when the image declares more than {@link #renderPixels()} pixels
     */
    public Optional<byte[]> render(Path file, DetectedType type, EditList edits) {
        return make(file, type, edits, null);
    }

    private Optional<byte[]> make(Path file, DetectedType type, EditList edits, Shape size) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(type, "type");
        EditList e = edits == null ? EditList.NONE : edits;
        return switch (Bounded.run(() -> preview(file, type, e, size), timeout)) {
            case Bounded.Outcome.Done<Optional<byte[]>> done -> done.value();
            case Bounded.Outcome.TimedOut<Optional<byte[]>> ignored -> {
                log.warn("Preview of a {} file: exceeded {} ms and was abandoned", type.contentType(), timeout.toMillis());
                yield Optional.empty();
            }
            case Bounded.Outcome.Threw<Optional<byte[]>> threw -> {
                if (threw.cause() instanceof OutOfMemoryError error) {
                    // Not a property of the file, and not to be caught: the pixel limits bound memory.
                    throw error;
                }
                if (size == null && threw.cause() instanceof Images.OverLimitException over) {
                    throw new TooLargeToRenderException(over.pixels(), renderPixels);
                }
                log.debug("Preview of a {} file: none ({})", type.contentType(), reason(threw.cause()));
                yield Optional.empty();
            }
        };
    }

    private static String reason(Throwable cause) {
        return cause instanceof Images.RefusedException refused ? refused.getMessage()
                : cause.getClass().getSimpleName();
    }

    private Optional<byte[]> preview(Path file, DetectedType type, EditList edits, Shape size)
            throws Exception {
        switch (type.kind()) {
            case IMAGE -> {
                if (HEIF.contains(type.contentType())) {
                    Optional<byte[]> upright = heif(file, size);
                    return upright.isEmpty() ? upright : Optional.of(fromBytes(upright.get(), edits, size));
                }
                if (RAW.contains(type.contentType())) {
                    Optional<RawPreview.Preview> embedded = RawPreview.read(file);
                    if (embedded.isPresent()) {
                        Orientation orientation = Orientation.exif(embedded.get().orientation());
                        try (ImageInputStream in = new MemoryCacheImageInputStream(
                                new ByteArrayInputStream(embedded.get().jpeg()))) {
                            return Optional.of(finish(decode(in, orientation, edits, size), orientation, edits, size));
                        }
                    }
                }
                if (!DECODABLE.contains(type.contentType())) {
                    return Optional.empty();
                }
                Orientation orientation = Orientation.exif(exifOrientation(file, type));
                try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
                    if (in == null) {
                        return Optional.empty();
                    }
                    return Optional.of(finish(decode(in, orientation, edits, size), orientation, edits, size));
                }
            }
            case VIDEO -> {
                Optional<byte[]> frame = videoFrame(file, type, size);
                return frame.isEmpty() ? frame : Optional.of(fromBytes(frame.get(), edits, size));
            }
            case AUDIO -> {
                Optional<byte[]> cover = extractor.coverArt(file);
                return cover.isEmpty() ? cover : Optional.of(fromBytes(cover.get(), edits, size));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    /** A preview from an encoded picture held in memory (a video frame, a cover), not EXIF-oriented. */
    private byte[] fromBytes(byte[] encoded, EditList edits, Shape size) throws IOException {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded))) {
            return finish(decode(in, Orientation.NORMAL, edits, size), Orientation.NORMAL, edits, size);
        }
    }

    private BufferedImage decode(ImageInputStream in, Orientation orientation, EditList edits, Shape size)
            throws IOException {
        return Images.decode(in, size == null ? renderPixels : maxPixels,
                subsampling(orientation.turn(edits.rotation()), edits.crop(), size));
    }

    /**
     * The source subsampling for a preview: the largest step that still leaves at least twice the
     * preview's pixels in the part to be shown (the final scaling then filters properly). Renders take
     * every pixel.
     */
    static IntBinaryOperator subsampling(Orientation orientation, EditList.Crop crop, Shape size) {
        return (width, height) -> {
            if (size == null) {
                return 1;
            }
            double shownWidth = (orientation.swapsAxes() ? height : width) * (crop == null ? 1 : crop.width());
            double shownHeight = (orientation.swapsAxes() ? width : height) * (crop == null ? 1 : crop.height());
            double ratio = size.square() ? Math.min(shownWidth, shownHeight) / size.pixels()
                    : Math.max(shownWidth, shownHeight) / size.pixels();
            return Math.max(1, (int) Math.floor(ratio / 2));
        };
    }

    /** Orients, edits, sizes and encodes a decoded picture. */
    private static byte[] finish(BufferedImage decoded, Orientation orientation, EditList edits, Shape size)
            throws IOException {
        Orientation o = orientation.turn(edits.rotation());
        if (edits.flipHorizontal()) {
            o = o.flipHorizontal();
        }
        if (edits.flipVertical()) {
            o = o.flipVertical();
        }
        BufferedImage image = Images.orient(decoded, o);
        EditList.Crop crop = edits.crop();
        if (crop != null) {
            int w = image.getWidth();
            int h = image.getHeight();
            image = Images.crop(image, (int) Math.round(crop.x() * w), (int) Math.round(crop.y() * h),
                    (int) Math.round(crop.width() * w), (int) Math.round(crop.height() * h));
        }
        if (size != null && size.square()) {
            int side = Math.min(image.getWidth(), image.getHeight());
            image = Images.crop(image, (image.getWidth() - side) / 2, (image.getHeight() - side) / 2, side, side);
            int target = Math.min(side, size.pixels());
            image = Images.scale(image, target, target);
        } else if (size != null) {
            double scale = Math.min(1.0, (double) size.pixels() / Math.max(image.getWidth(), image.getHeight()));
            image = Images.scale(image, Math.max(1, (int) Math.round(image.getWidth() * scale)),
                    Math.max(1, (int) Math.round(image.getHeight() * scale)));
        }
        return Images.jpeg(image, size == null ? RENDER_QUALITY : THUMBNAIL_QUALITY);
    }

    /** The EXIF orientation of an image file, read from its EXIF block only; null when it has none. */
    private static Integer exifOrientation(Path file, DetectedType type) {
        try {
            Metadata metadata = type.contentType().equals(MediaTypes.JPEG)
                    ? JpegMetadataReader.readMetadata(file.toFile(), List.of(new ExifReader()))
                    : ImageMetadataReader.readMetadata(file.toFile());
            ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
            return ifd0 == null ? null : ifd0.getInteger(ExifDirectoryBase.TAG_ORIENTATION);
        } catch (Exception e) {
            // Unreadable EXIF: the image is shown as stored, which is what viewers do too.
            return null;
        }
    }

    /**
     * A HEIF image decoded to JPEG, upright, when heif-convert is there and the file's boxes are
     * whole; refused from its declared size, before decoding, as other images are.
     */
    private Optional<byte[]> heif(Path file, Shape size) throws Exception {
        if (heifConvert == null || !IsoBmff.wellFormed(file)) {
            return Optional.empty();
        }
        long pixels = 0;
        for (HeifDirectory d : ImageMetadataReader.readMetadata(file.toFile()).getDirectoriesOfType(HeifDirectory.class)) {
            Integer w = d.getInteger(HeifDirectory.TAG_IMAGE_WIDTH);
            Integer h = d.getInteger(HeifDirectory.TAG_IMAGE_HEIGHT);
            if (w != null && h != null) {
                pixels = Math.max(pixels, (long) w * h);
            }
        }
        long limit = size == null ? renderPixels : maxPixels;
        if (pixels == 0) {
            throw new Images.RefusedException("HEIF image declares no size");
        }
        if (pixels > limit) {
            throw new Images.OverLimitException(pixels);
        }
        return HeifConvert.jpeg(heifConvert, file, timeout);
    }

    /** A video frame as PNG, when ffmpeg is there and the file's bytes really are a known video container. */
    private Optional<byte[]> videoFrame(Path file, DetectedType type, Shape size)
            throws IOException, InterruptedException, TimeoutException {
        if (ffmpeg == null) {
            return Optional.empty();
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(MediaTypes.HEAD_LENGTH);
        }
        // The name-blind detection must agree: ffmpeg gets only content whose bytes say what it is.
        String demuxer = switch (MediaTypes.detect(head, null).contentType()) {
            case MediaTypes.MP4, MediaTypes.QUICKTIME, MediaTypes.M4V -> "mov";
            case MediaTypes.MATROSKA, MediaTypes.WEBM -> "matroska";
            case MediaTypes.AVI -> "avi";
            default -> null;
        };
        if (demuxer == null) {
            log.debug("Preview of a {} file: content is not a known video container", type.contentType());
            return Optional.empty();
        }
        int maxSide = size == null ? 16_384 : size.square() ? 4 * size.pixels() : size.pixels();
        Optional<byte[]> frame = Ffmpeg.frame(ffmpeg, file, demuxer, POSTER_SECONDS, maxSide, timeout);
        return frame.isPresent() ? frame : Ffmpeg.frame(ffmpeg, file, demuxer, 0, maxSide, timeout);
    }
}
