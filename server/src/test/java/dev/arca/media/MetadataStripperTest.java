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
}
