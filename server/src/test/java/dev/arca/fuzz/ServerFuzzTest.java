package dev.arca.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.arca.library.internal.MultipartStream;
import dev.arca.media.DetectedType;
import dev.arca.media.Extraction;
import dev.arca.media.MediaTypes;
import dev.arca.media.MetadataExtractor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The server's readers of untrusted bytes: media files (JPEG structure, ISO BMFF, Matroska, Ogg,
 * AVI, and the libraries behind them) and multipart bodies. Each reads an input or refuses it as
 * documented, in bounded time and memory, never anything else. A normal build runs the committed
 * inputs under {@code src/test/resources}; docs/fuzzing.md says how to search for new ones.
 */
class ServerFuzzTest {

    /** Starts of the containers the readers know, so that inputs reach past type detection. */
    private static final String[][] CONTAINERS = {
        {"photo.jpg", "\u00ff\u00d8\u00ff\u00e1"},
        {"clip.mp4", "\u0000\u0000\u0000\u0018ftypisom"},
        {"photo.heic", "\u0000\u0000\u0000\u0018ftypheic"},
        {"clip.mkv", "\u001aE\u00df\u00a3"},
        {"song.opus", "OggS\u0000\u0002"},
        {"clip.avi", "RIFF\u0000\u0000\u0000\u0000AVI LIST"},
        {"song.mp3", "ID3\u0004\u0000\u0000"},
        {"image.png", "\u0089PNG\r\n\u001a\n"},
        {"song.flac", "fLaC"},
        {"photo.webp", "RIFF\u0000\u0000\u0000\u0000WEBPVP8X"},
    };

    private static final MetadataExtractor EXTRACTOR = new MetadataExtractor(Duration.ofSeconds(5), 50_000_000);

    @FuzzTest(maxDuration = "30m", maxExecutions = 10_000_000)
    void media(FuzzedDataProvider data) throws IOException {
        String[] container = CONTAINERS[data.consumeInt(0, CONTAINERS.length - 1)];
        byte[] start = container[1].getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] rest = data.consumeRemainingAsBytes();
        byte[] bytes = new byte[start.length + rest.length];
        System.arraycopy(start, 0, bytes, 0, start.length);
        System.arraycopy(rest, 0, bytes, start.length, rest.length);
        Path file = Files.createTempFile("fuzz", container[0]);
        try {
            Files.write(file, bytes);
            DetectedType type = MediaTypes.detect(bytes, container[0]);
            Extraction extraction = EXTRACTOR.extract(file, type);
            // Whatever the bytes, an answer: read, failed with a reason, or not a type it reads.
            assertThat(extraction.status()).isNotNull();
            if (extraction.status() != Extraction.Status.OK) {
                assertThat(extraction.error()).isNotBlank();
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @FuzzTest(maxDuration = "30m", maxExecutions = 10_000_000)
    void multipart(byte[] input) {
        MultipartStream stream = new MultipartStream(new ByteArrayInputStream(input), "b");
        int parts = 0;
        try {
            for (MultipartStream.Part part; (part = stream.next()) != null; ) {
                parts++;
                assertThat(parts).isLessThanOrEqualTo(MultipartStream.MAX_PARTS);
                assertThat(part.body().readAllBytes().length).isLessThanOrEqualTo(input.length);
            }
        } catch (IOException refused) {
            // Refused as documented (MalformedException is one).
        }
    }
}
