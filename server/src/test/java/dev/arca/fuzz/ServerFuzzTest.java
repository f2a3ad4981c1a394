package dev.arca.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.arca.library.internal.MultipartStream;
import dev.arca.media.DetectedType;
import dev.arca.media.Extraction;
import dev.arca.media.MediaTypes;
import dev.arca.media.MetadataExtractor;
import dev.arca.media.MetadataStripper;
import dev.arca.platform.ByteRanges;
import java.util.List;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The server's readers of untrusted bytes: media files (JPEG structure, ISO BMFF, Matroska, Ogg,
 * AVI, and the libraries behind them), the metadata stripper, Range headers and multipart bodies. Each reads an input or refuses it as
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
                // The time limit guards the server against what fuzzing has not found yet: a
                // reader that needs it has a loop to bound, and its thread runs on meanwhile.
                assertThat(extraction.error()).as("reading stays well within the time limit")
                        .doesNotStartWith("reading took longer");
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @FuzzTest(maxDuration = "30m", maxExecutions = 10_000_000)
    void rawPreview(byte[] input) throws IOException {
        Path file = Files.createTempFile("fuzz", ".nef");
        try {
            Files.write(file, input);
            java.util.Optional<dev.arca.media.internal.RawPreview.Preview> preview;
            try {
                preview = dev.arca.media.internal.RawPreview.read(file);
            } catch (IOException refused) {
                return;
            }
            // What it finds is a JPEG's start, inside the file, with an EXIF orientation.
            preview.ifPresent(p -> {
                assertThat(p.jpeg().length).isGreaterThanOrEqualTo(4).isLessThanOrEqualTo(input.length);
                assertThat(p.jpeg()[0] & 0xFF).isEqualTo(0xFF);
                assertThat(p.jpeg()[1] & 0xFF).isEqualTo(0xD8);
                assertThat(p.orientation()).isBetween(1, 8);
            });
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static final String[] STRIPPED = {MediaTypes.JPEG, MediaTypes.PNG, MediaTypes.MP4, MediaTypes.QUICKTIME};

    @FuzzTest(maxDuration = "30m", maxExecutions = 10_000_000)
    void stripper(FuzzedDataProvider data) throws IOException {
        String type = STRIPPED[data.consumeInt(0, STRIPPED.length - 1)];
        byte[] bytes = data.consumeRemainingAsBytes();
        MetadataStripper.Source source = new MetadataStripper.Source() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public byte[] read(long offset, int length) {
                int from = (int) Math.min(offset, bytes.length);
                return java.util.Arrays.copyOfRange(bytes, from, (int) Math.min((long) from + length, bytes.length));
            }
        };
        List<MetadataStripper.Piece> pieces;
        try {
            pieces = MetadataStripper.strip(source, type).orElseThrow();
        } catch (MetadataStripper.MalformedException refused) {
            return;
        }
        // What it announces, it writes: every byte, and no more.
        long size = MetadataStripper.size(pieces);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        if (size > 0 && size < (16 << 20)) {
            MetadataStripper.write(pieces, source, 0, size - 1, out);
            assertThat((long) out.size()).isEqualTo(size);
        }
    }

    @FuzzTest(maxDuration = "30m", maxExecutions = 10_000_000)
    void ranges(FuzzedDataProvider data) {
        long length = data.consumeLong(0, 1L << 40);
        String header = data.consumeRemainingAsString();
        java.util.Optional<List<ByteRanges.Range>> ranges;
        try {
            ranges = ByteRanges.parse(header, length);
        } catch (ByteRanges.Unsatisfiable refused) {
            return;
        }
        if (ranges.isEmpty()) {
            return;
        }
        // Within the representation, ascending, never overlapping or touching, never too many.
        List<ByteRanges.Range> list = ranges.get();
        assertThat(list).isNotEmpty().hasSizeLessThanOrEqualTo(ByteRanges.MAX_RANGES);
        long previousLast = -2;
        for (ByteRanges.Range r : list) {
            assertThat(r.first()).isGreaterThanOrEqualTo(0).isLessThanOrEqualTo(r.last()).isGreaterThan(previousLast + 1);
            assertThat(r.last()).isLessThan(length);
            previousLast = r.last();
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
