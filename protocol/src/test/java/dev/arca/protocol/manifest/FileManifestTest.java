package dev.arca.protocol.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.protocol.chunk.Chunk;
import dev.arca.protocol.chunk.ContentHash;
import dev.arca.protocol.chunk.FastCdc;
import dev.arca.protocol.chunk.TestData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileManifestTest {

    private static final String HELLO = "5e3235a8346e5a4585f8c58562f5052b8fe26a3bb122e1e96c76784964dfc461";
    private static final String WORLD = "486ea46224d1bb4fb680f34f7c9ad96a8f24ec88be73ea8e5a6c65260e9cb8a7";
    private static final String HELLO_WORLD = "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9";
    private static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static final String TEXT = """
            arca-manifest 1
            size 11
            sha256 %s
            chunk %s 6
            chunk %s 5
            """.formatted(HELLO_WORLD, HELLO, WORLD);

    private static final FileManifest MANIFEST =
            new FileManifest(11, HELLO_WORLD, List.of(new ChunkRef(HELLO, 6), new ChunkRef(WORLD, 5)));

    @Test
    void encodesCanonically() {
        assertThat(MANIFEST.encode()).isEqualTo(TEXT);
        assertThat(new FileManifest(0, EMPTY, List.of()).encode())
                .isEqualTo("arca-manifest 1\nsize 0\nsha256 " + EMPTY + "\n");
    }

    @Test
    void parsesWhatItEncodes() {
        assertThat(FileManifest.parse(TEXT)).isEqualTo(MANIFEST);
        FileManifest empty = new FileManifest(0, EMPTY, List.of());
        assertThat(FileManifest.parse(empty.encode())).isEqualTo(empty);
    }

    @Test
    void roundTripsAChunkedFile() throws IOException {
        FastCdc cdc = new FastCdc(1024, 4096, 16384);
        byte[] data = TestData.random(40, 300_000);
        FileManifest manifest = FileManifest.of(new ByteArrayInputStream(data), cdc);
        assertThat(manifest.size()).isEqualTo(data.length);
        assertThat(manifest.sha256()).isEqualTo(ContentHash.sha256Hex(data));
        assertThat(manifest.chunks()).hasSizeGreaterThan(20);
        assertThat(FileManifest.parse(manifest.encode())).isEqualTo(manifest);

        int offset = 0;
        for (ChunkRef chunk : manifest.chunks()) {
            assertThat(chunk.sha256()).isEqualTo(ContentHash.sha256Hex(data, offset, chunk.length()));
            offset += chunk.length();
        }
    }

    @Test
    void manifestOfAnEmptyStream() throws IOException {
        FileManifest manifest = FileManifest.of(InputStream.nullInputStream(), FastCdc.DEFAULT);
        assertThat(manifest).isEqualTo(new FileManifest(0, EMPTY, List.of()));
    }

    @Test
    void manifestOfAStreamShorterThanTheMinimum() throws IOException {
        byte[] data = "hello world".getBytes(StandardCharsets.US_ASCII);
        FileManifest manifest = FileManifest.of(new ByteArrayInputStream(data), FastCdc.DEFAULT);
        assertThat(manifest).isEqualTo(new FileManifest(11, HELLO_WORLD, List.of(new ChunkRef(HELLO_WORLD, 11))));
    }

    @Test
    void builderTakesChunksInOrder() {
        byte[] data = "hello world".getBytes(StandardCharsets.US_ASCII);
        FileManifest.Builder builder = FileManifest.builder();
        assertThat(builder.add(new Chunk(0, "hello ".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo(new ChunkRef(HELLO, 6));
        assertThatThrownBy(() -> builder.add(new Chunk(5, new byte[1])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not follow the 6 bytes");
        assertThat(builder.add(data, 6, 5)).isEqualTo(new ChunkRef(WORLD, 5));
        assertThat(builder.size()).isEqualTo(11);
        assertThat(builder.build()).isEqualTo(MANIFEST);
        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> builder.add(data, 0, 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void builderRefusesAnEmptyChunk() {
        assertThatThrownBy(() -> FileManifest.builder().add(new byte[3], 1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("chunk length must be positive");
    }

    @Test
    void ofLeavesTheStreamOpen() throws IOException {
        boolean[] closed = {false};
        InputStream in = new ByteArrayInputStream(new byte[10]) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        FileManifest.of(in, FastCdc.DEFAULT);
        assertThat(closed[0]).isFalse();
    }

    @Test
    void chunksAreCopied() {
        List<ChunkRef> chunks = new ArrayList<>(MANIFEST.chunks());
        FileManifest manifest = new FileManifest(11, HELLO_WORLD, chunks);
        chunks.clear();
        assertThat(manifest.chunks()).hasSize(2);
        assertThatThrownBy(() -> manifest.chunks().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void constructorChecksConsistency() {
        assertThatThrownBy(() -> new FileManifest(12, HELLO_WORLD, MANIFEST.chunks()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("chunk lengths add up to 11, not to the size 12");
        assertThatThrownBy(() -> new FileManifest(-1, HELLO_WORLD, List.of()))
                .hasMessageContaining("size must not be negative");
        assertThatThrownBy(() -> new FileManifest(0, HELLO_WORLD, List.of()))
                .hasMessageContaining("an empty file's sha256 must be " + EMPTY);
        assertThatThrownBy(() -> new FileManifest(6, HELLO_WORLD, List.of(new ChunkRef(HELLO, 6))))
                .hasMessageContaining("a file of one chunk must have that chunk's sha256");
        assertThatThrownBy(() -> new FileManifest(11, HELLO_WORLD.toUpperCase(), MANIFEST.chunks()))
                .hasMessageContaining("file sha256 must be 64 lowercase hex digits");
        assertThatThrownBy(() -> new FileManifest(11, HELLO_WORLD, Arrays.asList(new ChunkRef(HELLO, 6), null)))
                .hasMessage("chunk 1 is null");
        List<ChunkRef> huge = Collections.nCopies(5, new ChunkRef(HELLO, Integer.MAX_VALUE));
        assertThatThrownBy(() -> new FileManifest(5L * Integer.MAX_VALUE - 1, HELLO_WORLD, huge))
                .hasMessageContaining("add up to 10737418235");
    }

    @Test
    void chunkRefChecksItsFields() {
        assertThatThrownBy(() -> new ChunkRef("abc", 1)).hasMessageContaining("chunk sha256 must be 64 lowercase hex");
        assertThatThrownBy(() -> new ChunkRef(null, 1)).hasMessageContaining("got null");
        assertThatThrownBy(() -> new ChunkRef(HELLO, 0)).hasMessageContaining("chunk length must be positive");
        assertThatThrownBy(() -> new ChunkRef(HELLO, -5)).hasMessageContaining("chunk length must be positive");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "arca-manifest 1",
        "arca-manifest 1\nsize 11\n",
    })
    void rejectsTruncatedManifests(String text) {
        assertThatThrownBy(() -> FileManifest.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsMalformedManifestsNamingTheProblem() {
        assertRejected(TEXT.replace("arca-manifest 1", "arca-manifest 2"),
                "manifest line 1: unsupported manifest version");
        assertRejected("hello\n", "manifest line 1: not an Arca manifest");
        assertRejected(TEXT.substring(0, TEXT.length() - 1), "manifest must end with a newline");
        assertRejected(TEXT.replace("\n", "\r\n"), "manifest line 1: carriage return");
        assertRejected(TEXT.replace("size 11", "size 011"), "manifest line 2: expected a decimal number");
        assertRejected(TEXT.replace("size 11", "size +11"), "manifest line 2: expected a decimal number");
        assertRejected(TEXT.replace("size 11", "size  11"), "manifest line 2: expected a decimal number");
        assertRejected(TEXT.replace("size 11", "size 99999999999999999999"), "manifest line 2: expected a decimal");
        assertRejected(TEXT.replace("size 11", "size 9999999999999999999"), "manifest line 2: number too large");
        assertRejected(TEXT.replace("size 11", "length 11"), "manifest line 2: expected 'size N'");
        assertRejected(TEXT.replace("size 11", "size 12"), "chunk lengths add up to 11, not to the size 12");
        assertRejected(TEXT.replace("sha256 " + HELLO_WORLD, "sha256 " + HELLO_WORLD.toUpperCase()),
                "manifest line 3: hash must be 64 lowercase hex digits");
        assertRejected(TEXT.replace("sha256 ", "sha-256 "), "manifest line 3: expected 'sha256 HASH'");
        assertRejected(TEXT.replace(HELLO + " 6", HELLO + " 06"), "manifest line 4: expected a decimal number");
        assertRejected(TEXT.replace(HELLO + " 6", HELLO + " 0"), "manifest line 4: chunk length must be between 1");
        assertRejected(TEXT.replace(HELLO + " 6", HELLO + " 2147483648"),
                "manifest line 4: chunk length must be between 1 and 2147483647");
        assertRejected(TEXT.replace(HELLO + " 6", HELLO + "  6"), "manifest line 4: expected a decimal number");
        assertRejected(TEXT.replace(HELLO + " 6", HELLO + " 6 "), "manifest line 4: expected a decimal number");
        assertRejected(TEXT.replace(HELLO + " 6", HELLO), "manifest line 4: expected 'chunk HASH LENGTH'");
        assertRejected(TEXT.replace("chunk " + WORLD, "Chunk " + WORLD), "manifest line 5: expected 'chunk HASH LENGTH'");
        assertRejected(TEXT + "\n", "manifest line 6: expected 'chunk HASH LENGTH', got ''");
        assertRejected(TEXT.replace("size 11\n", "size 11\n\n"), "manifest line 3: expected 'sha256 HASH'");
        assertRejected(TEXT + "chunk " + HELLO + " 6\n", "chunk lengths add up to 17, not to the size 11");
    }

    @Test
    void errorMessagesQuoteOnlyTheStartOfALongLine() {
        String longLine = "x".repeat(10_000);
        assertThatThrownBy(() -> FileManifest.parse(longLine + "\n"))
                .hasMessage("manifest line 1: not an Arca manifest, expected 'arca-manifest 1', got '"
                        + "x".repeat(80) + "...'");
    }

    private static void assertRejected(String text, String message) {
        assertThatThrownBy(() -> FileManifest.parse(text))
                .as("parse of %s", text)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
