package dev.arca.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.arca.support.Content;
import dev.arca.support.Db;
import dev.arca.support.Http;
import dev.arca.support.TestServer;
import dev.arca.support.Users;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/** Metadata extraction as a background job, previews and edits, through the API. */
@ParameterizedClass
@EnumSource(Db.class)
class MetadataTest {

    @Parameter
    Db db;

    private TestServer server() {
        return TestServer.on(db);
    }

    private JsonNode extracted(String token, String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode item = server().http().get("/api/v1/items/" + id, token).json();
            if (!item.path("metadata").path("state").asString().equals("pending")) {
                return item;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("metadata of " + id + " still pending");
    }

    private static BufferedImage image(Http.Response response) throws IOException {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        return ImageIO.read(new ByteArrayInputStream(response.bytes()));
    }

    @Test
    @DisplayName("I.2e a photo's date, place, camera, exposure, size, title and keywords are extracted and kept raw too")
    void photoMetadata() throws Exception {
        String token = Users.signedIn(server(), Users.newEmail());
        String id = Content.upload(server(), token, "photo.jpg", Content.resource("/media/photo.jpg")).path("id").asString();

        JsonNode item = extracted(token, id);
        JsonNode fields = item.path("metadata").path("fields");
        assertThat(item.path("metadata").path("state").asString()).isEqualTo("done");
        assertThat(fields.path("make").asString()).isEqualTo("Fictional Optics");
        assertThat(fields.path("model").asString()).isEqualTo("FO-1 Mark II");
        assertThat(fields.path("lens").asString()).isEqualTo("FO 24-70mm F2.8");
        assertThat(fields.path("capturedAt").asString()).startsWith("2024-05-17T12:03:21");
        assertThat(fields.path("capturedOffset").asString()).isEqualTo("+02:00");
        assertThat(fields.path("latitude").asDouble()).isCloseTo(52.516275, within(1e-5));
        assertThat(fields.path("longitude").asDouble()).isCloseTo(13.377704, within(1e-5));
        assertThat(fields.path("exposureTime").asString()).isEqualTo("1/250");
        assertThat(fields.path("iso").asInt()).isEqualTo(200);
        assertThat(fields.path("width").asInt()).isEqualTo(640);
        assertThat(fields.path("height").asInt()).isEqualTo(480);
        assertThat(fields.path("title").asString()).isEqualTo("Gate at dusk");
        assertThat(fields.path("keywords").toString()).contains("city", "travel");
        assertThat(fields.path("rating").asInt()).isEqualTo(4);
        assertThat(item.path("takenAt").asString()).as("the capture date places it on the timeline")
                .isEqualTo(fields.path("capturedAt").asString());
        assertThat(server().http().get("/api/v1/items?hasLocation=true", token).json().path("items")).hasSize(1);
        assertThat(server().http().get("/api/v1/items?q=fictional", token).json().path("items")).hasSize(1);

        String raw = server().http().get("/api/v1/items/" + id + "/metadata/raw", token).text();
        assertThat(raw).as("information without a field of its own is kept").contains("Exampletown");
    }

    @Test
    @DisplayName("I.2e video and audio: duration, dimensions, codecs, place; title, artist, album, track, cover")
    void videoAndAudioMetadata() throws Exception {
        String token = Users.signedIn(server(), Users.newEmail());
        String video = Content.upload(server(), token, "clip.mp4", Content.resource("/media/clip.mp4")).path("id").asString();
        String song = Content.upload(server(), token, "song.mp3", Content.resource("/media/song.mp3")).path("id").asString();

        JsonNode v = extracted(token, video);
        assertThat(v.path("kind").asString()).isEqualTo("video");
        assertThat(v.path("contentType").asString()).isEqualTo("video/mp4");
        JsonNode vf = v.path("metadata").path("fields");
        assertThat(vf.path("durationMillis").asLong()).isBetween(1900L, 2100L);
        assertThat(vf.path("width").asInt()).isEqualTo(320);
        assertThat(vf.path("latitude").asDouble()).isCloseTo(48.8584, within(1e-4));
        assertThat(vf.path("capturedAt").asString()).startsWith("2023-08-12T09:30:00");

        JsonNode a = extracted(token, song);
        assertThat(a.path("kind").asString()).isEqualTo("audio");
        JsonNode af = a.path("metadata").path("fields");
        assertThat(af.path("title").asString()).isEqualTo("Night Train");
        assertThat(af.path("artist").asString()).isEqualTo("The Examples");
        assertThat(af.path("album").asString()).isEqualTo("Fixtures");
        assertThat(af.path("track").asInt()).isEqualTo(3);
        assertThat(af.path("hasCover").asBoolean()).isTrue();
        assertThat(image(server().http().get("/api/v1/items/" + song + "/thumbnail", token)).getWidth())
                .as("the embedded cover is the audio preview").isPositive();
    }

    @Test
    @DisplayName("a corrupt file is stored, says why its metadata failed, and does not stop the queue")
    void corruptFile() throws Exception {
        String token = Users.signedIn(server(), Users.newEmail());
        byte[] photo = Content.resource("/media/photo.jpg");
        byte[] broken = java.util.Arrays.copyOf(photo, 600);
        String id = Content.upload(server(), token, "broken.jpg", broken).path("id").asString();
        String good = Content.upload(server(), token, "fine.png", Content.resource("/media/image.png")).path("id").asString();

        JsonNode item = extracted(token, id);
        assertThat(item.path("metadata").path("state").asString()).isEqualTo("failed");
        assertThat(item.path("metadata").path("error").asString()).isNotBlank();
        assertThat(server().http().get("/api/v1/items/" + id + "/content", token).bytes()).isEqualTo(broken);
        assertThat(server().http().get("/api/v1/items/" + id + "/thumbnail", token).status()).isEqualTo(404);
        assertThat(extracted(token, good).path("metadata").path("state").asString()).isEqualTo("done");
    }

    @Test
    @DisplayName("I.2e user values survive re-extraction; edits change previews, never the original")
    void editsAndReExtraction() throws Exception {
        String token = Users.signedIn(server(), Users.newEmail());
        byte[] photo = Content.resource("/media/photo.jpg");
        String id = Content.upload(server(), token, "photo.jpg", photo).path("id").asString();
        extracted(token, id);
        server().http().patch("/api/v1/items/" + id, Map.of("title", "My gate", "tags", java.util.List.of("berlin")),
                token);

        // A new version (here: the same content restored) is extracted again.
        server().http().post("/api/v1/items/" + id + "/versions/1/restore", null, token);
        JsonNode again = extracted(token, id);
        assertThat(again.path("version").asInt()).isEqualTo(2);
        assertThat(again.path("title").asString()).isEqualTo("My gate");
        assertThat(again.path("metadata").path("fields").path("title").asString()).isEqualTo("Gate at dusk");

        BufferedImage small = image(server().http().get("/api/v1/items/" + id + "/thumbnail?size=small", token));
        assertThat(small.getWidth()).isEqualTo(256);
        assertThat(small.getHeight()).isEqualTo(256);
        Http.Response large = server().http().get("/api/v1/items/" + id + "/thumbnail?size=large", token);
        assertThat(image(large).getWidth()).as("never enlarged").isEqualTo(640);
        String etag = large.headers().firstValue("ETag").orElseThrow();

        server().http().patch("/api/v1/items/" + id, Map.of("edits", Map.of("rotation", 1,
                "crop", Map.of("x", 0, "y", 0, "width", 0.5, "height", 1))), token);
        Http.Response rotated = server().http().get("/api/v1/items/" + id + "/thumbnail?size=large", token);
        assertThat(rotated.headers().firstValue("ETag")).get().isNotEqualTo(etag);
        BufferedImage r = image(rotated);
        assertThat(r.getWidth()).as("rotated a quarter turn, then half its width kept").isEqualTo(240);
        assertThat(r.getHeight()).isEqualTo(640);
        BufferedImage edited = image(server().http().get("/api/v1/items/" + id + "/edited", token));
        assertThat(edited.getWidth()).isEqualTo(240);
        assertThat(server().http().get("/api/v1/items/" + id + "/content", token).bytes())
                .as("the original is untouched").isEqualTo(photo);

        String xmp = server().http().get("/api/v1/items/" + id + "/xmp", token).text();
        assertThat(xmp).contains("My gate").contains("berlin");
        server().http().patch("/api/v1/items/" + id, java.util.Collections.singletonMap("edits", null), token);
        assertThat(server().http().get("/api/v1/items/" + id + "/thumbnail?size=large", token).headers()
                .firstValue("ETag")).as("revert").hasValue(etag);
    }

    /** A real PNG of white pixels, one bit each, compressed: a few kilobytes however many pixels. */
    private static byte[] whitePng(int width, int height) throws IOException {
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        chunk(png, "IHDR", java.nio.ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 1).put((byte) 0)
                .array());
        java.io.ByteArrayOutputStream idat = new java.io.ByteArrayOutputStream();
        try (java.util.zip.DeflaterOutputStream rows = new java.util.zip.DeflaterOutputStream(idat,
                new java.util.zip.Deflater(java.util.zip.Deflater.BEST_COMPRESSION), 1 << 16)) {
            byte[] row = new byte[1 + (width + 7) / 8];
            java.util.Arrays.fill(row, 1, row.length, (byte) 0xFF);
            for (int y = 0; y < height; y++) {
                rows.write(row);
            }
        }
        chunk(png, "IDAT", idat.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(java.io.ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(type.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        crc.update(data);
        out.write(java.nio.ByteBuffer.allocate(4).putInt(data.length).array());
        out.write(type.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.write(data);
        out.write(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    @Test
    @DisplayName("a 196-megapixel photo is refused a full-size render with 422 before it is decoded; its previews still show")
    void aHugeImageIsNotRenderedAtFullSize() throws Exception {
        String token = Users.signedIn(server(), Users.newEmail());
        byte[] png = whitePng(14_000, 14_000);
        assertThat(png.length).as("cheap to make and to upload").isLessThan(200_000);
        String id = Content.upload(server(), token, "panorama.png", png).path("id").asString();

        long start = System.nanoTime();
        Http.Response edited = server().http().get("/api/v1/items/" + id + "/edited", token);
        assertThat(edited.status()).as(edited.toString()).isEqualTo(422);
        assertThat(edited.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(edited.json().path("type").asString()).isEqualTo("urn:arca:problem:image-too-large");
        assertThat(edited.json().path("detail").asString()).contains("196 megapixels");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("refused from the header")
                .isLessThan(Duration.ofSeconds(5));

        BufferedImage small = image(server().http().get("/api/v1/items/" + id + "/thumbnail?size=small", token));
        assertThat(small.getWidth()).isEqualTo(256);
    }
}
