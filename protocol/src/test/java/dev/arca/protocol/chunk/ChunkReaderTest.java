package dev.arca.protocol.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChunkReaderTest {

    private static final FastCdc CDC = new FastCdc(1024, 4096, 16384);

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 1023, 1024, 1025, 4096, 16383, 16384, 16385, 32768, 32769, 40000, 3_000_001})
    void chunksJoinBackIntoTheInputAndMatchCut(int size) throws IOException {
        byte[] data = TestData.random(size, size);
        List<Chunk> chunks = readAll(CDC, new ByteArrayInputStream(data));

        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        long offset = 0;
        for (Chunk chunk : chunks) {
            assertThat(chunk.offset()).isEqualTo(offset);
            joined.writeBytes(chunk.bytes());
            offset += chunk.length();
        }
        assertThat(joined.toByteArray()).isEqualTo(data);
        assertThat(chunks.stream().map(Chunk::length).toList()).isEqualTo(FastCdcTest.lengths(CDC, data));
        for (int i = 0; i < chunks.size() - 1; i++) {
            assertThat(chunks.get(i).length()).isBetween(CDC.minSize(), CDC.maxSize());
        }
    }

    @Test
    void emptyInputHasNoChunks() throws IOException {
        ChunkReader reader = CDC.reader(InputStream.nullInputStream());
        assertThat(reader.next()).isNull();
        assertThat(reader.next()).isNull();
    }

    @Test
    void inputShorterThanTheMinimumIsOneChunk() throws IOException {
        byte[] data = TestData.random(20, 500);
        assertThat(readAll(CDC, new ByteArrayInputStream(data))).containsExactly(new Chunk(0, data));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 1000, 16383})
    void shortReadsGiveTheSameChunks(int step) throws IOException {
        byte[] data = TestData.random(21, 200_000);
        List<Chunk> expected = readAll(CDC, new ByteArrayInputStream(data));
        assertThat(expected).hasSizeGreaterThan(10);
        assertThat(readAll(CDC, TestData.trickle(data, step))).isEqualTo(expected);
    }

    @Test
    void sameInputSameChunks() throws IOException {
        byte[] data = TestData.random(22, 1 << 20);
        assertThat(readAll(FastCdc.DEFAULT, new ByteArrayInputStream(data)))
                .isEqualTo(readAll(FastCdc.DEFAULT, new ByteArrayInputStream(data.clone())));
    }

    @Test
    void readsAheadAtMostItsBuffer() throws IOException {
        byte[] data = TestData.random(23, 1 << 20);
        TestData.CountingStream in = new TestData.CountingStream(new ByteArrayInputStream(data));
        ChunkReader reader = CDC.reader(in);
        long consumed = 0;
        for (int i = 0; i < 20; i++) {
            consumed += reader.next().length();
            assertThat(in.bytesRead - consumed).isLessThanOrEqualTo(2L * CDC.maxSize());
        }
    }

    @Test
    void leavesTheStreamOpenUntilClosed() throws IOException {
        TestData.CountingStream in = new TestData.CountingStream(new ByteArrayInputStream(new byte[100]));
        ChunkReader reader = CDC.reader(in);
        assertThat(reader.next().length()).isEqualTo(100);
        assertThat(reader.next()).isNull();
        assertThat(in.closed).isFalse();

        reader.close();
        assertThat(in.closed).isTrue();
        reader.close();
        assertThatThrownBy(reader::next).isInstanceOf(IOException.class).hasMessageContaining("closed");
    }

    @Test
    void passesOnTheStreamsFailure() throws IOException {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk gone");
            }
        };
        assertThatThrownBy(() -> CDC.reader(failing).next()).isInstanceOf(IOException.class).hasMessage("disk gone");
    }

    @Test
    void chunksCompareByOffsetAndContent() {
        Chunk a = new Chunk(5, new byte[] {1, 2, 3});
        assertThat(a).isEqualTo(new Chunk(5, new byte[] {1, 2, 3})).hasSameHashCodeAs(new Chunk(5, new byte[] {1, 2, 3}));
        assertThat(a).isNotEqualTo(new Chunk(6, new byte[] {1, 2, 3})).isNotEqualTo(new Chunk(5, new byte[] {1, 2, 4}));
        assertThat(a.length()).isEqualTo(3);
        assertThat(a).hasToString("Chunk[offset=5, length=3]");
        assertThatThrownBy(() -> new Chunk(-1, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Chunk(0, null)).isInstanceOf(NullPointerException.class);
    }

    static List<Chunk> readAll(FastCdc cdc, InputStream in) throws IOException {
        List<Chunk> chunks = new ArrayList<>();
        ChunkReader reader = cdc.reader(in);
        for (Chunk chunk; (chunk = reader.next()) != null; ) {
            chunks.add(chunk);
        }
        return chunks;
    }
}
