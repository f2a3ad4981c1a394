package dev.arca.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MetadataStripperTest {

    @TempDir
    Path temp;

    static MetadataStripper.Source source(byte[] bytes) {
        return new MetadataStripper.Source() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public byte[] read(long offset, int length) {
                return Arrays.copyOfRange(bytes, (int) offset, (int) Math.min(bytes.length, offset + length));
            }
        };
    }

    static byte[] stripped(byte[] original, String contentType) throws IOException {
        List<MetadataStripper.Piece> pieces = MetadataStripper.strip(source(original), contentType).orElseThrow();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MetadataStripper.write(pieces, source(original), 0, MetadataStripper.size(pieces) - 1, out);
        return out.toByteArray();
    }

    /** What exiftool reads from a file, one "Group:Tag=value" per line. */
    private String exiftool(Path file) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(dev.arca.support.Programs.onPath("exiftool"),
                "exiftool is not installed");
        Process p = new ProcessBuilder("exiftool", "-a", "-G1", "-s", "-n", file.toString()).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"photo.jpg", "clip.mp4", "clip.mov"})
    void noPlaceTimeSerialOrOwnerIsLeftAndTheMediaStillPlays(String name) throws Exception {
        byte[] original = Files.readAllBytes(Fixtures.path(name));
        String type = Fixtures.type(name).contentType();
        Path before = Fixtures.path(name);
        assertThat(new MetadataExtractor().extract(before, Fixtures.type(name)).metadata().latitude())
                .as("the fixture has a place").isNotNull();

        Path after = Fixtures.write(temp, name, stripped(original, type));
        MediaMetadata metadata = new MetadataExtractor().extract(after, Fixtures.type(name)).metadata();
        assertThat(metadata.latitude()).isNull();
        assertThat(metadata.longitude()).isNull();
        assertThat(metadata.capturedAt()).isNull();
        String tags = exiftool(after);
        assertThat(tags).doesNotContainIgnoringCase("GPS").doesNotContainIgnoringCase("SerialNumber")
                .doesNotContain("Artist").doesNotContain("OwnerName").doesNotContain("By-line")
                .doesNotContain("DateTimeOriginal").doesNotContain("Tower clip");
        if (type.equals(MediaTypes.JPEG)) {
            BufferedImage a = ImageIO.read(new ByteArrayInputStream(original));
            BufferedImage b = ImageIO.read(after.toFile());
            assertThat(b.getWidth()).isEqualTo(a.getWidth());
            assertThat(b.getRGB(100, 100)).as("the same pixels, not re-encoded").isEqualTo(a.getRGB(100, 100));
        } else {
            assertThat(Files.size(after)).as("boxes keep their sizes").isEqualTo(original.length);
            assertThat(tags).doesNotContainPattern("CreateDate\\s+: [1-9]");
            Process ffmpeg = new ProcessBuilder("ffmpeg", "-v", "error", "-i", after.toString(), "-f", "null", "-")
                    .redirectErrorStream(true).start();
            String errors = new String(ffmpeg.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(ffmpeg.waitFor()).as(errors).isZero();
            assertThat(errors).isBlank();
        }
    }

    @Test
    void theOrientationStaysSoThePictureStaysUpright() throws Exception {
        byte[] original = Files.readAllBytes(Fixtures.path("orientation6.jpg"));
        byte[] after = stripped(original, MediaTypes.JPEG);
        Path file = Fixtures.write(temp, "o.jpg", after);
        assertThat(exiftool(file)).containsPattern("Orientation\\s+: 6").doesNotContain("GPS");
    }

    @Test
    void rangesOfTheStrippedContentAreItsBytes() throws IOException {
        byte[] original = Files.readAllBytes(Fixtures.path("clip.mp4"));
        byte[] whole = stripped(original, MediaTypes.MP4);
        List<MetadataStripper.Piece> pieces = MetadataStripper.strip(source(original), MediaTypes.MP4).orElseThrow();
        ByteArrayOutputStream part = new ByteArrayOutputStream();
        MetadataStripper.write(pieces, source(original), 1000, 20_000, part);
        assertThat(part.toByteArray()).isEqualTo(Arrays.copyOfRange(whole, 1000, 20_001));
    }

    @Test
    void otherTypesHaveNoStrippedFormAndDamagedFilesAreRefused() throws IOException {
        assertThat(MetadataStripper.strip(source(new byte[10]), MediaTypes.HEIC)).isEmpty();
        byte[] jpeg = Files.readAllBytes(Fixtures.path("photo.jpg"));
        assertThatThrownBy(() -> stripped(Arrays.copyOf(jpeg, jpeg.length / 2), MediaTypes.JPEG))
                .isInstanceOf(MetadataStripper.MalformedException.class);
        assertThatThrownBy(() -> stripped("not a jpeg".getBytes(), MediaTypes.JPEG))
                .isInstanceOf(MetadataStripper.MalformedException.class);
    }

    /**
     * Every cut of a file, noise and a web page under its type either strip to content of the
     * size they announce or are refused as malformed: no other error, whatever the bytes.
     */
    @ParameterizedTest
    @ValueSource(strings = {"photo.jpg", "image.png", "clip.mp4", "clip.mov", "song.m4a"})
    void anyDamageIsRefusedAsMalformedAndNothingElse(String name) throws IOException {
        byte[] original = Files.readAllBytes(Fixtures.path(name));
        String type = Fixtures.type(name).contentType();
        List<byte[]> damaged = new java.util.ArrayList<>();
        for (int length = 0; length < original.length; length += 1 + length / 200) {
            damaged.add(Arrays.copyOf(original, length));
        }
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 200; i++) {
            byte[] flipped = original.clone();
            flipped[random.nextInt(Math.min(flipped.length, 4096))] = (byte) random.nextInt();
            damaged.add(flipped);
            byte[] noise = new byte[random.nextInt(64)];
            random.nextBytes(noise);
            damaged.add(noise);
        }
        damaged.add("<!doctype html><html><body>not a picture</body></html>".getBytes(StandardCharsets.UTF_8));
        // Made to reach the parsers' edges: a box with a 64-bit size cut short, a header box
        // without a body, an EXIF directory offset past 2 GiB, a PNG chunk length past 2 GiB.
        damaged.add(new byte[] {0, 0, 0, 1, 'f', 't', 'y', 'p', 0, 0, 0, 0});
        damaged.add(new byte[] {0, 0, 0, 8, 'm', 'o', 'o', 'v', 0, 0, 0, 8, 'm', 'v', 'h', 'd'});
        damaged.add(new byte[] {0, 0, 0, 16, 'm', 'o', 'o', 'v', 0, 0, 0, 8, 'm', 'v', 'h', 'd'});
        damaged.add(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1, 0, 22, 'E', 'x', 'i', 'f', 0, 0,
                'M', 'M', 0, 42, (byte) 0x80, 0, 0, 0, 0, 1, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xD9});
        damaged.add(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, (byte) 0x80, 0, 0, 0, 'I', 'D',
                'A', 'T', 0, 0, 0, 0, 0, 0, 0, 0});
        for (byte[] bytes : damaged) {
            try {
                assertThat(stripped(bytes, type)).hasSize((int) MetadataStripper.size(
                        MetadataStripper.strip(source(bytes), type).orElseThrow()));
            } catch (MetadataStripper.MalformedException expected) {
                // refused: the caller shows a preview instead
            }
        }
    }
}
