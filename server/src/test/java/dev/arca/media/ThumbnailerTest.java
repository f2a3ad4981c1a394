package dev.arca.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.arca.media.internal.Images.Orientation;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThumbnailerTest {

    private final MetadataExtractor extractor = new MetadataExtractor();
    private final Thumbnailer thumbnailer = new Thumbnailer(extractor);

    @TempDir
    Path dir;

    private BufferedImage thumbnail(String fixture, ThumbnailSize size, EditList edits) throws IOException {
        Optional<byte[]> jpeg = thumbnailer.thumbnail(Fixtures.path(fixture), Fixtures.type(fixture), size, edits);
        assertThat(jpeg).as(fixture).isPresent();
        assertThat(jpeg.get()).startsWith((byte) 0xFF, (byte) 0xD8);
        return ImageIO.read(new ByteArrayInputStream(jpeg.get()));
    }

    @Test
    void smallIsASquareAndLargeFitsWithoutEnlarging() throws IOException {
        BufferedImage small = thumbnail("photo.jpg", ThumbnailSize.SMALL, EditList.NONE);
        assertThat(small.getWidth()).isEqualTo(256);
        assertThat(small.getHeight()).isEqualTo(256);
        BufferedImage large = thumbnail("photo.jpg", ThumbnailSize.LARGE, EditList.NONE);
        assertThat(large.getWidth()).isEqualTo(640);
        assertThat(large.getHeight()).isEqualTo(480);
        // Smaller than 256 on its short side: a square of that side, not enlarged.
        BufferedImage gif = thumbnail("image.gif", ThumbnailSize.SMALL, EditList.NONE);
        assertThat(gif.getWidth()).isEqualTo(64);
        assertThat(gif.getHeight()).isEqualTo(64);
    }

    @Test
    void aLargePhotoIsFittedWithin1600() throws IOException {
        BufferedImage big = new BufferedImage(4000, 3000, BufferedImage.TYPE_INT_RGB);
        Path file = Fixtures.write(dir, "big.jpg", encode(big));
        Optional<byte[]> jpeg = thumbnailer.thumbnail(file, MediaTypes.of(MediaTypes.JPEG), ThumbnailSize.LARGE,
                EditList.NONE);
        BufferedImage large = ImageIO.read(new ByteArrayInputStream(jpeg.orElseThrow()));
        assertThat(large.getWidth()).isEqualTo(1600);
        assertThat(large.getHeight()).isEqualTo(1200);
    }

    @Test
    void subsamplingLeavesAtLeastTwiceThePreviewSize() {
        // A 50 MP photo for a small thumbnail: every 11th pixel of 6000 rows still leaves 545 >= 2 * 256.
        assertThat(Thumbnailer.subsampling(Orientation.NORMAL, null, Thumbnailer.Shape.of(ThumbnailSize.SMALL)).applyAsInt(8000, 6000))
                .isEqualTo(11);
        assertThat(Thumbnailer.subsampling(Orientation.NORMAL, null, Thumbnailer.Shape.of(ThumbnailSize.LARGE)).applyAsInt(8000, 6000))
                .isEqualTo(2);
        // A crop to a quarter of the width needs four times the detail.
        EditList.Crop quarter = new EditList.Crop(0, 0, 0.25, 0.25);
        assertThat(Thumbnailer.subsampling(Orientation.NORMAL, quarter, Thumbnailer.Shape.of(ThumbnailSize.LARGE)).applyAsInt(8000, 6000))
                .isEqualTo(1);
        // Renders take every pixel; small images are never subsampled.
        assertThat(Thumbnailer.subsampling(Orientation.NORMAL, null, null).applyAsInt(8000, 6000)).isEqualTo(1);
        assertThat(Thumbnailer.subsampling(Orientation.NORMAL, null, Thumbnailer.Shape.of(ThumbnailSize.SMALL)).applyAsInt(300, 200))
                .isEqualTo(1);
    }

    @Test
    void exifOrientationSixComesOutTurnedClockwise() throws IOException {
        // Stored 320x240, red on top; orientation 6 displays it 240x320 with red on the right.
        BufferedImage large = thumbnail("orientation6.jpg", ThumbnailSize.LARGE, EditList.NONE);
        assertThat(large.getWidth()).isEqualTo(240);
        assertThat(large.getHeight()).isEqualTo(320);
        assertThat(colour(large, 200, 160)).isEqualTo(Color.RED);
        assertThat(colour(large, 40, 160)).isEqualTo(Color.BLUE);
    }

    @Test
    void editsApplyAfterOrientationInTheirOrder() throws IOException {
        // Mirrored left to right after orientation: red on the left.
        BufferedImage flipped = thumbnail("orientation6.jpg", ThumbnailSize.LARGE, new EditList(0, true, false, null));
        assertThat(colour(flipped, 40, 160)).isEqualTo(Color.RED);
        // A further quarter turn clockwise: 320x240 again, red at the bottom.
        BufferedImage turned = thumbnail("orientation6.jpg", ThumbnailSize.LARGE, new EditList(1, false, false, null));
        assertThat(turned.getWidth()).isEqualTo(320);
        assertThat(turned.getHeight()).isEqualTo(240);
        assertThat(colour(turned, 160, 200)).isEqualTo(Color.RED);
        // Crop the right 40 % of the oriented image: only red is left, 96x320.
        BufferedImage cropped = thumbnail("orientation6.jpg", ThumbnailSize.LARGE,
                new EditList(0, false, false, new EditList.Crop(0.6, 0, 0.4, 1)));
        assertThat(cropped.getWidth()).isEqualTo(96);
        assertThat(cropped.getHeight()).isEqualTo(320);
        assertThat(colour(cropped, 10, 10)).isEqualTo(Color.RED);
        assertThat(colour(cropped, 86, 310)).isEqualTo(Color.RED);
    }

    @Test
    void renderIsFullSizeWithEdits() throws IOException {
        Optional<byte[]> jpeg = thumbnailer.render(Fixtures.path("photo.jpg"), Fixtures.type("photo.jpg"),
                new EditList(1, false, true, new EditList.Crop(0.25, 0.5, 0.5, 0.25)));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg.orElseThrow()));
        // Turned, the 640x480 photo is 480x640; half its width and a quarter of its height remain.
        assertThat(image.getWidth()).isEqualTo(240);
        assertThat(image.getHeight()).isEqualTo(160);
    }

    @Test
    void anImageOverThePixelLimitIsRefusedFromItsHeaderQuickly() throws IOException {
        Path png = Fixtures.write(dir, "bomb.png", Fixtures.pngDeclaring(100_000, 100_000));
        Path jpeg = Fixtures.write(dir, "bomb.jpg", Fixtures.jpegDeclaring("photo.jpg", 60_000, 60_000));
        long start = System.nanoTime();
        assertThat(thumbnailer.thumbnail(png, MediaTypes.of(MediaTypes.PNG), ThumbnailSize.SMALL, EditList.NONE)).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> thumbnailer.render(jpeg,
                MediaTypes.of(MediaTypes.JPEG), EditList.NONE)).isInstanceOf(Thumbnailer.TooLargeToRenderException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));

        // The limit is the thumbnailer's own: 640x480 is over a 0.2 MP limit.
        Thumbnailer strict = new Thumbnailer(extractor, 200_000, Duration.ofSeconds(10), null);
        assertThat(strict.thumbnail(Fixtures.path("photo.jpg"), Fixtures.type("photo.jpg"), ThumbnailSize.SMALL,
                EditList.NONE)).isEmpty();
        assertThat(strict.thumbnail(Fixtures.path("image.png"), Fixtures.type("image.png"), ThumbnailSize.SMALL,
                EditList.NONE)).isPresent();
    }

    @Test
    void otherStillFormats() throws IOException {
        for (String fixture : new String[] {"image.png", "image.gif", "image.webp", "image.tiff", "raw.dng"}) {
            BufferedImage large = thumbnail(fixture, ThumbnailSize.LARGE, EditList.NONE);
            assertThat(large.getWidth()).as(fixture).isPositive();
        }
        assertThat(thumbnail("image.webp", ThumbnailSize.LARGE, EditList.NONE).getWidth()).isEqualTo(160);
    }

    /** A JPEG of the given size: the left half red, the right half blue. */
    private static byte[] halves(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, width / 2, height);
        g.setColor(Color.BLUE);
        g.fillRect(width / 2, 0, width - width / 2, height);
        g.dispose();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    /**
     * A raw file as Nikon and Sony cameras lay it out: a little-endian TIFF whose first directory
     * declares the sensor's size and orientation 6 (turned a quarter clockwise) and points to a
     * small JPEG, and whose second points to the large preview.
     */
    private static byte[] rawWithPreviews(byte[] small, byte[] large) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + 78 + 42 + small.length + large.length)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int ifd1 = 8 + 78;
        int smallAt = ifd1 + 42;
        int largeAt = smallAt + small.length;
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        b.putShort((short) 6);
        entry(b, 0x100, 4, 4000);
        entry(b, 0x101, 4, 3000);
        entry(b, 0x112, 3, 6);
        entry(b, 0x201, 4, smallAt);
        entry(b, 0x202, 4, small.length);
        entry(b, 0x0FE, 4, 0);
        b.putInt(ifd1);
        b.putShort((short) 3);
        entry(b, 0x0FE, 4, 1);
        entry(b, 0x201, 4, largeAt);
        entry(b, 0x202, 4, large.length);
        b.putInt(0);
        b.put(small).put(large);
        return b.array();
    }

    private static void entry(java.nio.ByteBuffer b, int tag, int type, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(1);
        if (type == 3) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt(value);
        }
    }

    @Test
    void rawFilesShowTheirEmbeddedPreview(@TempDir Path dir) throws IOException {
        byte[] raw = rawWithPreviews(halves(80, 60), halves(320, 240));
        for (String name : new String[] {"raw.nef", "raw.arw", "raw.cr2"}) {
            Path file = Fixtures.write(dir, name, raw);
            DetectedType type = MediaTypes.detect(raw, name);
            assertThat(type.kind()).as(name).isEqualTo(MediaKind.IMAGE);
            // The large preview, turned as the raw file says: 240 wide, 320 high, red (the left) on top.
            BufferedImage large = ImageIO.read(new ByteArrayInputStream(
                    thumbnailer.thumbnail(file, type, ThumbnailSize.LARGE, EditList.NONE).orElseThrow()));
            assertThat(List.of(large.getWidth(), large.getHeight())).as(name).containsExactly(240, 320);
            assertThat(new Color(large.getRGB(120, 20)).getRed()).as(name).isGreaterThan(200);
            assertThat(new Color(large.getRGB(120, 300)).getBlue()).as(name).isGreaterThan(200);
            // The sensor's size is what the file declares.
            MediaMetadata metadata = extractor.extract(file, type).metadata();
            assertThat(List.of(metadata.width(), metadata.height())).as(name).containsExactly(4000, 3000);
        }
        // A preview that runs past the end of the file is not taken.
        byte[] cut = java.util.Arrays.copyOf(raw, raw.length - 100);
        Path damaged = Fixtures.write(dir, "cut.nef", cut);
        BufferedImage fallback = ImageIO.read(new ByteArrayInputStream(thumbnailer.thumbnail(damaged,
                MediaTypes.detect(cut, "cut.nef"), ThumbnailSize.LARGE, EditList.NONE).orElseThrow()));
        assertThat(fallback.getHeight()).as("the small preview, turned").isEqualTo(80);
    }

    @Test
    void heicAndAvifThroughLibheif() throws IOException {
        // Without heif-convert: no preview, and no failure either.
        Thumbnailer without = new Thumbnailer(extractor, Thumbnailer.DEFAULT_MAX_PIXELS, Duration.ofSeconds(10), null);
        assertThat(without.heifPreviewsAvailable()).isFalse();
        assertThat(without.thumbnail(Fixtures.path("image.heic"), Fixtures.type("image.heic"), ThumbnailSize.SMALL,
                EditList.NONE)).isEmpty();
        assumeTrue(thumbnailer.heifPreviewsAvailable(), "heif-convert (libheif-examples) is not installed");
        for (String fixture : new String[] {"image.heic", "image.avif"}) {
            // Both are 256x192: the large preview keeps that size (never enlarged), the small one is
            // the middle square.
            BufferedImage large = thumbnail(fixture, ThumbnailSize.LARGE, EditList.NONE);
            assertThat(large.getWidth()).as(fixture).isEqualTo(256);
            assertThat(large.getHeight()).as(fixture).isEqualTo(192);
            BufferedImage small = thumbnail(fixture, ThumbnailSize.SMALL, EditList.NONE);
            assertThat(small.getWidth()).as(fixture).isEqualTo(192);
            assertThat(small.getHeight()).as(fixture).isEqualTo(192);
            // Edits apply as to any image: a quarter turn swaps the sides.
            BufferedImage turned = thumbnail(fixture, ThumbnailSize.LARGE, new EditList(1, false, false, null));
            assertThat(turned.getWidth()).as(fixture).isEqualTo(192);
        }
        // Declared size over the limit: refused before libheif decodes a pixel.
        Thumbnailer strict = new Thumbnailer(extractor, 10_000, Duration.ofSeconds(10), null,
                dev.arca.media.internal.HeifConvert.onPath().orElseThrow());
        assertThat(strict.thumbnail(Fixtures.path("image.heic"), Fixtures.type("image.heic"), ThumbnailSize.SMALL,
                EditList.NONE)).isEmpty();
        // Noise named like a HEIC never reaches libheif.
        Path noise = Fixtures.write(Files.createTempDirectory("heif"), "noise.heic", new byte[4096]);
        assertThat(thumbnailer.thumbnail(noise, MediaTypes.detect(new byte[64], "noise.heic"), ThumbnailSize.SMALL, EditList.NONE))
                .isEmpty();
    }

    @Test
    void audioCoverBecomesThePreview() throws IOException {
        BufferedImage cover = thumbnail("song.mp3", ThumbnailSize.SMALL, EditList.NONE);
        assertThat(cover.getWidth()).isEqualTo(120);
        assertThat(thumbnailer.thumbnail(Fixtures.path("song.ogg"), Fixtures.type("song.ogg"), ThumbnailSize.SMALL,
                EditList.NONE)).isEmpty();
    }

    @Test
    void videoPosterFramesNeedFfmpeg() throws IOException {
        Thumbnailer without = new Thumbnailer(extractor, Thumbnailer.DEFAULT_MAX_PIXELS, Duration.ofSeconds(10), null);
        assertThat(without.videoPreviewsAvailable()).isFalse();
        assertThat(without.thumbnail(Fixtures.path("clip.mp4"), Fixtures.type("clip.mp4"), ThumbnailSize.LARGE,
                EditList.NONE)).isEmpty();

        assumeTrue(thumbnailer.videoPreviewsAvailable(), "ffmpeg is not installed");
        for (String clip : new String[] {"clip.mp4", "clip.mov", "clip.mkv", "clip.webm", "clip.avi"}) {
            BufferedImage poster = thumbnail(clip, ThumbnailSize.LARGE, EditList.NONE);
            Integer width = extractor.extract(Fixtures.path(clip), Fixtures.type(clip)).metadata().width();
            assertThat(poster.getWidth()).as(clip).isEqualTo(width);
        }
        BufferedImage turned = thumbnail("clip.mp4", ThumbnailSize.LARGE, new EditList(1, false, false, null));
        assertThat(turned.getWidth()).isEqualTo(240);
        assertThat(turned.getHeight()).isEqualTo(320);
    }

    @Test
    void damagedOrDisguisedFilesGiveNoPreview() throws IOException {
        byte[] noise = new byte[32 * 1024];
        new Random(3).nextBytes(noise);
        Path jpg = Fixtures.write(dir, "noise.jpg", noise);
        assertThat(thumbnailer.thumbnail(jpg, MediaTypes.of(MediaTypes.JPEG), ThumbnailSize.SMALL, EditList.NONE)).isEmpty();
        // Noise named like a video never reaches ffmpeg: its bytes are not a video container.
        Path mp4 = Fixtures.write(dir, "noise.mp4", noise);
        assertThat(thumbnailer.thumbnail(mp4, MediaTypes.of(MediaTypes.MP4), ThumbnailSize.SMALL, EditList.NONE)).isEmpty();
        Path cut = Fixtures.write(dir, "cut.png", Fixtures.truncated("image.png", 0.3));
        assertThat(thumbnailer.thumbnail(cut, MediaTypes.of(MediaTypes.PNG), ThumbnailSize.SMALL, EditList.NONE)).isEmpty();
    }

    /** The nearest of red, blue, green, white and black to the pixel: JPEG shifts exact values. */
    private static Color colour(BufferedImage image, int x, int y) {
        Color c = new Color(image.getRGB(x, y));
        Color[] candidates = {Color.RED, Color.BLUE, Color.GREEN, Color.WHITE, Color.BLACK};
        Color best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Color candidate : candidates) {
            int d = Math.abs(c.getRed() - candidate.getRed()) + Math.abs(c.getGreen() - candidate.getGreen())
                    + Math.abs(c.getBlue() - candidate.getBlue());
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best;
    }

    private static byte[] encode(BufferedImage image) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }
}
