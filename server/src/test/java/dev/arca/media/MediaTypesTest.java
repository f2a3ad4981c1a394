package dev.arca.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MediaTypesTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "photo.jpg, image/jpeg, IMAGE", "image.png, image/png, IMAGE", "image.gif, image/gif, IMAGE",
        "image.webp, image/webp, IMAGE", "image.tiff, image/tiff, IMAGE", "image.heic, image/heic, IMAGE",
        "raw.dng, image/x-adobe-dng, IMAGE", "clip.mp4, video/mp4, VIDEO", "clip.mov, video/quicktime, VIDEO",
        "clip.mkv, video/x-matroska, VIDEO", "clip.webm, video/webm, VIDEO", "clip.avi, video/x-msvideo, VIDEO",
        "song.mp3, audio/mpeg, AUDIO", "song.flac, audio/flac, AUDIO", "song.ogg, audio/ogg, AUDIO",
        "song.opus, audio/ogg, AUDIO", "song.m4a, audio/mp4, AUDIO", "song.wav, audio/wav, AUDIO"})
    void fixturesAreRecognisedByTheirBytesAlone(String name, String contentType, MediaKind kind) {
        DetectedType type = MediaTypes.detect(Fixtures.head(Fixtures.path(name)), null);
        // raw.dng is told from a TIFF by its DNGVersion tag, without its name.
        assertThat(type).isEqualTo(new DetectedType(contentType, kind));
    }

    @Test
    void bytesWinOverTheName() {
        byte[] jpeg = Fixtures.head(Fixtures.path("photo.jpg"));
        assertThat(MediaTypes.detect(jpeg, "clip.mp4").contentType()).isEqualTo(MediaTypes.JPEG);
        byte[] mp3 = Fixtures.head(Fixtures.path("song.mp3"));
        assertThat(MediaTypes.detect(mp3, "photo.png").contentType()).isEqualTo(MediaTypes.MP3);
    }

    @Test
    void theNameDecidesOnlyWhereBytesLeaveAChoiceOrSayNothing() {
        byte[] tiff = ascii("II*\0\u0008\0\0\0\0\0");
        assertThat(MediaTypes.detect(tiff, "DSC_0001.NEF").contentType()).isEqualTo(MediaTypes.NEF);
        assertThat(MediaTypes.detect(tiff, "DSC01234.arw").contentType()).isEqualTo(MediaTypes.ARW);
        assertThat(MediaTypes.detect(tiff, "scan.tif").contentType()).isEqualTo(MediaTypes.TIFF);
        // A TIFF named like a video stays a TIFF.
        assertThat(MediaTypes.detect(tiff, "clip.mp4").contentType()).isEqualTo(MediaTypes.TIFF);
        byte[] isom = ftyp("isom", "isom", "mp41");
        assertThat(MediaTypes.detect(isom, "voice.m4a")).isEqualTo(new DetectedType(MediaTypes.M4A, MediaKind.AUDIO));
        assertThat(MediaTypes.detect(isom, null).contentType()).isEqualTo(MediaTypes.MP4);
        assertThat(MediaTypes.detect(new byte[0], "holiday.JPG").contentType()).isEqualTo(MediaTypes.JPEG);
        assertThat(MediaTypes.detect(new byte[0], null)).isEqualTo(new DetectedType("application/octet-stream",
                MediaKind.OTHER));
    }

    @Test
    void rawAndIsoBaseMediaVariantsByMagic() {
        assertThat(MediaTypes.detect(ascii("II*\0\u0010\0\0\0CR\u0002\0"), null).contentType()).isEqualTo(MediaTypes.CR2);
        assertThat(MediaTypes.detect(ascii("IIRO\u0008\0\0\0"), null).contentType()).isEqualTo(MediaTypes.ORF);
        assertThat(MediaTypes.detect(ascii("IIU\0\u0008\0\0\0"), null).contentType()).isEqualTo(MediaTypes.RW2);
        assertThat(MediaTypes.detect(ftyp("crx ", "crx ", "isom"), null).contentType()).isEqualTo(MediaTypes.CR3);
        assertThat(MediaTypes.detect(ftyp("mif1", "mif1", "heic"), null).contentType()).isEqualTo(MediaTypes.HEIC);
        assertThat(MediaTypes.detect(ftyp("mif1", "mif1", "miaf"), null).contentType()).isEqualTo(MediaTypes.HEIF);
        assertThat(MediaTypes.detect(ftyp("avif", "avif", "mif1"), null).contentType()).isEqualTo(MediaTypes.AVIF);
        assertThat(MediaTypes.detect(ftyp("M4V ", "M4V ", "isom"), null).contentType()).isEqualTo(MediaTypes.M4V);
        assertThat(MediaTypes.detect(ftyp("qt  ", "qt  "), "x.mp4").contentType()).isEqualTo(MediaTypes.QUICKTIME);
        // An MPEG-1 Layer III frame header without an ID3 tag before it.
        assertThat(MediaTypes.detect(new byte[] {(byte) 0xFF, (byte) 0xFB, (byte) 0x90, 0x64}, null).contentType())
                .isEqualTo(MediaTypes.MP3);
        // A frame sync with a reserved version is not MP3.
        assertThat(MediaTypes.detect(new byte[] {(byte) 0xFF, (byte) 0xEB, (byte) 0x90, 0x64}, null).kind())
                .isEqualTo(MediaKind.OTHER);
    }

    @Test
    void hostileNamesChangeNothingButTheExtensionLookup() {
        byte[] random = new byte[512];
        new Random(7).nextBytes(random);
        random[0] = 0;
        assertThat(MediaTypes.detect(random, "../../etc/passwd").kind()).isEqualTo(MediaKind.OTHER);
        assertThat(MediaTypes.detect(random, "photo.jpg/../../x").kind()).isEqualTo(MediaKind.OTHER);
        assertThat(MediaTypes.detect(random, "photo.jpg\u0000.exe").kind()).isEqualTo(MediaKind.OTHER);
        assertThat(MediaTypes.detect(random, "photo.").kind()).isEqualTo(MediaKind.OTHER);
        assertThat(MediaTypes.detect(random, ".jpg.").kind()).isEqualTo(MediaKind.OTHER);
        assertThat(MediaTypes.detect(random, "x." + "j".repeat(100_000)).kind()).isEqualTo(MediaKind.OTHER);
        assertThat(MediaTypes.detect(random, "C:\\photos\\IMG.jpg").contentType()).isEqualTo(MediaTypes.JPEG);
        assertThat(MediaTypes.detect(random, "dir.jpg\\noext").kind()).isEqualTo(MediaKind.OTHER);
        assertThat(MediaTypes.detect(random, "\u202Egpj.exe").kind()).isEqualTo(MediaKind.OTHER);
        assertThat(MediaTypes.detect(null, null).kind()).isEqualTo(MediaKind.OTHER);
    }

    @Test
    void knownContentTypesMapToTheirKind() {
        assertThat(MediaTypes.of("Video/MP4")).isEqualTo(new DetectedType(MediaTypes.MP4, MediaKind.VIDEO));
        assertThat(MediaTypes.of("text/html").kind()).isEqualTo(MediaKind.OTHER);
        assertThat(MediaTypes.of(null).kind()).isEqualTo(MediaKind.OTHER);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** An ftyp box with the given major brand and compatible brands. */
    private static byte[] ftyp(String major, String... compatible) {
        int size = 16 + 4 * compatible.length;
        StringBuilder box = new StringBuilder();
        box.append((char) 0).append((char) 0).append((char) 0).append((char) size).append("ftyp").append(major)
                .append("\0\0\0\0");
        for (String brand : compatible) {
            box.append(brand);
        }
        return ascii(box.toString());
    }
}
