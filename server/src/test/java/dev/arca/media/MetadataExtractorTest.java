package dev.arca.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.arca.media.Extraction.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/** Asserts the values make-fixtures.sh wrote into each fixture. */
class MetadataExtractorTest {

    private final MetadataExtractor extractor = new MetadataExtractor();

    @TempDir
    Path dir;

    private MediaMetadata ok(String fixture) {
        Extraction extraction = extractor.extract(Fixtures.path(fixture), Fixtures.type(fixture));
        assertThat(extraction.status()).as(fixture + ": " + extraction.error()).isEqualTo(Status.OK);
        assertThat(extraction.error()).isNull();
        return extraction.metadata();
    }

    @Test
    void jpegWithExifGpsXmpAndIptc() {
        MediaMetadata m = ok("photo.jpg");
        assertThat(m.capturedAt()).isEqualTo(Instant.parse("2024-05-17T12:03:21.250Z"));
        assertThat(m.capturedOffset()).isEqualTo("+02:00");
        assertThat(m.latitude()).isCloseTo(52.516275, within(1e-6));
        assertThat(m.longitude()).isCloseTo(13.377704, within(1e-6));
        assertThat(m.altitude()).isEqualTo(34.5);
        assertThat(m.make()).isEqualTo("Fictional Optics");
        assertThat(m.model()).isEqualTo("FO-1 Mark II");
        assertThat(m.lens()).isEqualTo("FO 24-70mm F2.8");
        assertThat(m.exposureTime()).isEqualTo("1/250");
        assertThat(m.fNumber()).isEqualTo(5.6);
        assertThat(m.iso()).isEqualTo(200);
        assertThat(m.focalLength()).isEqualTo(50.0);
        assertThat(m.orientation()).isEqualTo(1);
        assertThat(m.width()).isEqualTo(640);
        assertThat(m.height()).isEqualTo(480);
        // XMP wins over IPTC for the descriptive fields.
        assertThat(m.title()).isEqualTo("Gate at dusk");
        assertThat(m.description()).isEqualTo("Evening light on the old gate");
        assertThat(m.keywords()).containsExactly("city", "travel", "evening light");
        assertThat(m.rating()).isEqualTo(4);
        assertThat(m.durationMillis()).isNull();
        assertThat(m.artist()).isNull();
    }

    @Test
    void theRawDumpKeepsWhatHasNoNormalisedFieldButNotTheFileName() {
        Extraction extraction = extractor.extract(Fixtures.path("photo.jpg"), Fixtures.type("photo.jpg"));
        Map<String, Object> raw = extraction.raw();
        assertThat(raw).containsKeys("Exif IFD0", "Exif SubIFD", "GPS", "XMP", "IPTC", "JPEG");
        assertThat(section(raw, "IPTC")).containsEntry("City", "Exampletown").containsEntry("Object Name", "Gate (IPTC)");
        assertThat(section(raw, "Exif IFD0")).containsEntry("Artist", "A. Photographer");
        assertThat(section(raw, "XMP")).containsEntry("dc:title[1]", "Gate at dusk");
        assertThat(raw.toString()).doesNotContain("photo.jpg");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> section(Map<String, Object> raw, String name) {
        return (Map<String, String>) raw.get(name);
    }

    @Test
    void iptcIsTheFallbackForTitleCaptionKeywordsAndDate() {
        MediaMetadata m = ok("iptc-only.jpg");
        assertThat(m.title()).isEqualTo("Harbour");
        assertThat(m.description()).isEqualTo("Boats in the harbour");
        assertThat(m.keywords()).containsExactly("boats", "sea");
        assertThat(m.capturedAt()).isEqualTo(Instant.parse("2019-07-04T17:30:00Z"));
        assertThat(m.capturedOffset()).isEqualTo("+01:00");
    }

    @Test
    void pngWithExifAndXmpInTheSouthWest() {
        MediaMetadata m = ok("image.png");
        assertThat(m.latitude()).isCloseTo(-22.951916, within(1e-6));
        assertThat(m.longitude()).isCloseTo(-43.210487, within(1e-6));
        assertThat(m.title()).isEqualTo("Hill view");
        assertThat(m.rating()).isEqualTo(5);
        assertThat(m.make()).isEqualTo("Fictional Optics");
        assertThat(m.model()).isEqualTo("Pocket 3");
        // No offset and no GPS time: the wall-clock time read as UTC, offset unknown.
        assertThat(m.capturedAt()).isEqualTo(Instant.parse("2022-12-24T18:00:00Z"));
        assertThat(m.capturedOffset()).isNull();
        assertThat(m.width()).isEqualTo(200);
        assertThat(m.height()).isEqualTo(150);
    }

    @Test
    void gifWebpTiffHeicAndDng() {
        MediaMetadata gif = ok("image.gif");
        assertThat(gif.title()).isEqualTo("Tiny animation");
        assertThat(List.of(gif.width(), gif.height())).containsExactly(96, 64);

        MediaMetadata webp = ok("image.webp");
        assertThat(webp.model()).isEqualTo("Web 1");
        assertThat(List.of(webp.width(), webp.height())).containsExactly(160, 120);
        // No offset tag: derived from the GPS time stamp, 15:30:40 UTC for 12:00:00 local.
        assertThat(webp.capturedOffset()).isEqualTo("-03:30");
        assertThat(webp.capturedAt()).isEqualTo(Instant.parse("2020-02-29T15:30:00Z"));
        assertThat(webp.latitude()).isCloseTo(47.5615, within(1e-6));
        assertThat(webp.longitude()).isCloseTo(-52.7126, within(1e-6));

        MediaMetadata tiff = ok("image.tiff");
        assertThat(tiff.make()).isEqualTo("Fictional Scanner");
        assertThat(tiff.capturedAt()).isEqualTo(Instant.parse("1999-12-31T23:59:59Z"));
        assertThat(List.of(tiff.width(), tiff.height())).containsExactly(160, 120);

        MediaMetadata heic = ok("image.heic");
        assertThat(heic.model()).isEqualTo("FP 15");
        assertThat(heic.capturedAt()).isEqualTo(Instant.parse("2023-06-01T12:15:00Z"));
        assertThat(heic.capturedOffset()).isEqualTo("-04:00");
        assertThat(heic.latitude()).isCloseTo(40.689247, within(1e-6));
        assertThat(heic.longitude()).isCloseTo(-74.044502, within(1e-6));
        assertThat(List.of(heic.width(), heic.height())).containsExactly(256, 192);
        MediaMetadata avif = ok("image.avif");
        assertThat(List.of(avif.width(), avif.height())).containsExactly(256, 192);

        MediaMetadata dng = ok("raw.dng");
        assertThat(dng.model()).isEqualTo("RAW 7");
        assertThat(dng.iso()).isEqualTo(800);
        assertThat(dng.exposureTime()).isEqualTo("1/60");
        assertThat(dng.fNumber()).isEqualTo(2.8);
        assertThat(List.of(dng.width(), dng.height())).containsExactly(64, 48);
    }

    @Test
    void mp4WithUserDataLocation() {
        MediaMetadata m = ok("clip.mp4");
        assertThat(m.capturedAt()).isEqualTo(Instant.parse("2023-08-12T09:30:00Z"));
        assertThat(m.capturedOffset()).isNull();
        assertThat(m.latitude()).isEqualTo(48.8584);
        assertThat(m.longitude()).isEqualTo(2.2945);
        assertThat(m.altitude()).isEqualTo(35.0);
        assertThat(m.title()).isEqualTo("Tower clip");
        assertThat(m.durationMillis()).isEqualTo(2000);
        assertThat(List.of(m.width(), m.height())).containsExactly(320, 240);
        assertThat(m.frameRate()).isEqualTo(25.0);
        assertThat(m.videoCodec()).isEqualTo("h264");
        assertThat(m.audioCodec()).isEqualTo("aac");
        assertThat(m.sampleRate()).isEqualTo(44100);
        assertThat(m.orientation()).isEqualTo(1);
        assertThat(m.bitrate()).isBetween(100_000, 250_000);
    }

    @Test
    void movWithAppleKeys() {
        MediaMetadata m = ok("clip.mov");
        assertThat(m.capturedAt()).isEqualTo(Instant.parse("2022-01-15T17:45:10Z"));
        assertThat(m.capturedOffset()).isEqualTo("+11:00");
        assertThat(m.latitude()).isEqualTo(-33.8568);
        assertThat(m.longitude()).isEqualTo(151.2153);
        assertThat(m.altitude()).isEqualTo(5.0);
        assertThat(m.make()).isEqualTo("Fictional Phone");
        assertThat(m.model()).isEqualTo("FP 14");
        assertThat(m.durationMillis()).isEqualTo(1000);
        assertThat(List.of(m.width(), m.height())).containsExactly(240, 160);
        assertThat(m.frameRate()).isEqualTo(30.0);
        assertThat(m.sampleRate()).isEqualTo(48000);
        assertThat(m.channels()).isEqualTo(2);
    }

    @Test
    void matroskaAndWebmThroughTheEbmlReader() {
        MediaMetadata mkv = ok("clip.mkv");
        assertThat(mkv.capturedAt()).isEqualTo(Instant.parse("2021-04-05T06:07:08Z"));
        assertThat(mkv.title()).isEqualTo("Matroska sample");
        assertThat(mkv.durationMillis()).isBetween(1990L, 2100L);
        assertThat(List.of(mkv.width(), mkv.height())).containsExactly(176, 144);
        assertThat(mkv.frameRate()).isEqualTo(10.0);
        assertThat(mkv.videoCodec()).isEqualTo("h264");
        assertThat(mkv.audioCodec()).isEqualTo("vorbis");
        assertThat(mkv.channels()).isEqualTo(2);
        assertThat(mkv.sampleRate()).isEqualTo(48000);

        MediaMetadata webm = ok("clip.webm");
        assertThat(webm.capturedAt()).isEqualTo(Instant.parse("2020-10-11T12:13:14Z"));
        assertThat(List.of(webm.width(), webm.height())).containsExactly(160, 90);
        assertThat(webm.frameRate()).isEqualTo(15.0);
        assertThat(webm.videoCodec()).isEqualTo("vp9");
        assertThat(webm.audioCodec()).isEqualTo("opus");
        assertThat(webm.channels()).isEqualTo(1);
        assertThat(webm.durationMillis()).isBetween(1990L, 2100L);
    }

    @Test
    void avi() {
        MediaMetadata m = ok("clip.avi");
        assertThat(m.durationMillis()).isEqualTo(2000);
        assertThat(List.of(m.width(), m.height())).containsExactly(160, 120);
        assertThat(m.frameRate()).isEqualTo(12.0);
        assertThat(m.videoCodec()).isEqualTo("mpeg4");
        assertThat(m.audioCodec()).isEqualTo("pcm");
        assertThat(m.sampleRate()).isEqualTo(22050);
        assertThat(m.channels()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"song.mp3", "song.flac", "song.ogg", "song.opus", "song.m4a", "song.wav"})
    void audioTags(String fixture) {
        MediaMetadata m = ok(fixture);
        assertThat(m.title()).isEqualTo("Night Train");
        assertThat(m.artist()).isEqualTo("The Examples");
        assertThat(m.album()).isEqualTo("Fixtures");
        assertThat(m.genre()).isEqualTo("Electronic");
        assertThat(m.year()).isEqualTo(2021);
        // RIFF INFO has no track number field.
        assertThat(m.track()).isEqualTo(fixture.equals("song.wav") ? null : 3);
        assertThat(m.durationMillis()).isBetween(fixture.equals("song.wav") ? 990L : 1990L,
                fixture.equals("song.wav") ? 1010L : 2100L);
        assertThat(m.bitrate()).isPositive();
        assertThat(m.hasCover()).isEqualTo(List.of("song.mp3", "song.flac", "song.m4a").contains(fixture));
    }

    @Test
    void audioTechnicalFields() {
        MediaMetadata mp3 = ok("song.mp3");
        assertThat(List.of(mp3.audioCodec(), mp3.sampleRate(), mp3.channels(), mp3.bitrate()))
                .containsExactly("mp3", 44100, 1, 64000);
        MediaMetadata flac = ok("song.flac");
        assertThat(List.of(flac.audioCodec(), flac.sampleRate(), flac.channels())).containsExactly("flac", 22050, 1);
        MediaMetadata ogg = ok("song.ogg");
        assertThat(List.of(ogg.audioCodec(), ogg.sampleRate(), ogg.channels())).containsExactly("vorbis", 44100, 2);
        MediaMetadata opus = ok("song.opus");
        assertThat(List.of(opus.audioCodec(), opus.sampleRate(), opus.channels())).containsExactly("opus", 48000, 2);
        MediaMetadata m4a = ok("song.m4a");
        assertThat(List.of(m4a.audioCodec(), m4a.sampleRate(), m4a.channels())).containsExactly("aac", 44100, 2);
        MediaMetadata wav = ok("song.wav");
        assertThat(List.of(wav.audioCodec(), wav.sampleRate(), wav.channels(), wav.bitrate()))
                .containsExactly("pcm", 8000, 1, 128000);
    }

    @Test
    void coverArtForTheThumbnailer() {
        for (String withCover : List.of("song.mp3", "song.flac", "song.m4a")) {
            assertThat(extractor.coverArt(Fixtures.path(withCover))).as(withCover)
                    .hasValueSatisfying(jpeg -> assertThat(jpeg).startsWith((byte) 0xFF, (byte) 0xD8));
        }
        assertThat(extractor.coverArt(Fixtures.path("song.ogg"))).isEmpty();
        assertThat(extractor.coverArt(Fixtures.path("song.opus"))).isEmpty();
        assertThat(extractor.coverArt(Fixtures.path("photo.jpg"))).isEmpty();
    }

    @Test
    void aFileWithoutExtensionIsReadByItsDetectedType() throws Exception {
        Path stored = Fixtures.write(dir, "blob-0001", Files.readAllBytes(Fixtures.path("song.mp3")));
        Extraction extraction = extractor.extract(stored, MediaTypes.detect(Fixtures.head(stored), null));
        assertThat(extraction.metadata().title()).isEqualTo("Night Train");
    }

    @Test
    void truncatedJpegFails() throws Exception {
        Path cut = Fixtures.write(dir, "cut.jpg", Fixtures.truncated("photo.jpg", 0.7));
        Extraction extraction = extractor.extract(cut, MediaTypes.detect(Fixtures.head(cut), "cut.jpg"));
        assertThat(extraction.status()).isEqualTo(Status.FAILED);
        assertThat(extraction.error()).contains("truncated");
        assertThat(extraction.metadata()).isEqualTo(MediaMetadata.EMPTY);
        assertThat(extraction.raw()).isEmpty();

        Path inExif = Fixtures.write(dir, "cut-early.jpg", Fixtures.truncated("photo.jpg", 0.02));
        assertThat(extractor.extract(inExif, MediaTypes.of(MediaTypes.JPEG)).status()).isEqualTo(Status.FAILED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"noise.jpg", "noise.png", "noise.mp4", "noise.mkv", "noise.webm", "noise.avi",
        "noise.mp3", "noise.flac", "noise.ogg", "noise.m4a", "noise.wav", "noise.heic", "noise.dng"})
    void randomBytesUnderAnyNameFailWithAReason(String name) throws Exception {
        byte[] noise = new byte[64 * 1024];
        new Random(name.hashCode()).nextBytes(noise);
        Path file = Fixtures.write(dir, name, noise);
        DetectedType type = MediaTypes.detect(Fixtures.head(file), name);
        assertThat(type.kind()).isNotEqualTo(MediaKind.OTHER);
        Extraction extraction = extractor.extract(file, type);
        assertThat(extraction.status()).as(name).isEqualTo(Status.FAILED);
        assertThat(extraction.error()).isNotBlank().doesNotContain(name).doesNotContain(dir.toString());
    }

    @Test
    void emptyFileFails() throws Exception {
        Path empty = Fixtures.write(dir, "empty.jpg", new byte[0]);
        Extraction extraction = extractor.extract(empty, MediaTypes.detect(new byte[0], "empty.jpg"));
        assertThat(extraction.status()).isEqualTo(Status.FAILED);
        assertThat(extraction.error()).isEqualTo("empty file");
    }

    @Test
    void aPngDeclaringTenGigapixelsFails() throws Exception {
        Path bomb = Fixtures.write(dir, "bomb.png", Fixtures.pngDeclaring(100_000, 100_000));
        long start = System.nanoTime();
        Extraction extraction = extractor.extract(bomb, MediaTypes.detect(Fixtures.head(bomb), "bomb.png"));
        assertThat(extraction.status()).isEqualTo(Status.FAILED);
        assertThat(extraction.error()).contains("exceed");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void truncatedVideoAndAudioFail() throws Exception {
        Path mkv = Fixtures.write(dir, "cut.mkv", Fixtures.truncated("clip.mkv", 0.002));
        assertThat(extractor.extract(mkv, MediaTypes.of(MediaTypes.MATROSKA)).status()).isEqualTo(Status.FAILED);
        Path opus = Fixtures.write(dir, "cut.opus", Fixtures.truncated("song.opus", 0.003));
        assertThat(extractor.extract(opus, MediaTypes.of(MediaTypes.OGG)).status()).isEqualTo(Status.FAILED);
    }

    @Test
    void aParserThatHangsIsAbandoned() {
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        long start = System.nanoTime();
        var outcome = dev.arca.media.internal.Bounded.run(() -> {
            never.await();
            return "unreachable";
        }, Duration.ofMillis(100));
        assertThat(outcome).isInstanceOf(dev.arca.media.internal.Bounded.Outcome.TimedOut.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void typesArcaDoesNotReadAreUnsupportedWithAReason() throws Exception {
        Path text = Fixtures.write(dir, "notes.txt", "hello".getBytes());
        Extraction extraction = extractor.extract(text, MediaTypes.detect(Fixtures.head(text), "notes.txt"));
        assertThat(extraction.status()).isEqualTo(Status.UNSUPPORTED);
        assertThat(extraction.error()).isNotBlank();
        assertThat(extractor.extract(text, MediaTypes.of(MediaTypes.CR3)).status()).isEqualTo(Status.UNSUPPORTED);
    }

    @Test
    void metadataSurvivesJsonStorage() {
        MediaMetadata m = ok("photo.jpg");
        JsonMapper json = JsonMapper.builder().build();
        String text = json.writeValueAsString(m);
        assertThat(text).doesNotContain("null").contains("\"capturedOffset\":\"+02:00\"");
        assertThat(json.readValue(text, MediaMetadata.class)).isEqualTo(m);
    }
}
