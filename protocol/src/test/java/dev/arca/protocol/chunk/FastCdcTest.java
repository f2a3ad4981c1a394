package dev.arca.protocol.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FastCdcTest {

    private static final FastCdc SMALL = new FastCdc(1024, 4096, 16384);

    @Test
    void gearTableIsPinned() {
        // Client and server must agree forever: these values may only change with a new format.
        assertThat(FastCdc.gear(0)).isEqualTo(0xE853DDBAADFD35ADL);
        assertThat(FastCdc.gear(1)).isEqualTo(0x4081F3F9DC39287DL);
        assertThat(FastCdc.gear(127)).isEqualTo(0x6BA3174ADCFF46EBL);
        assertThat(FastCdc.gear(255)).isEqualTo(0x3DB504A306DB1E8AL);
    }

    @Test
    void gearTableFollowsTheDocumentedDerivation() throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        Set<Long> distinct = new HashSet<>();
        for (int i = 0; i < 256; i++) {
            sha256.update("arca-fastcdc-gear-v1".getBytes(StandardCharsets.US_ASCII));
            sha256.update((byte) i);
            long expected = ByteBuffer.wrap(sha256.digest()).getLong();
            assertThat(FastCdc.gear(i)).as("GEAR[%d]", i).isEqualTo(expected);
            distinct.add(expected);
        }
        assertThat(distinct).hasSize(256);
    }

    @Test
    void boundariesOfAFixedInputArePinned() {
        assertThat(TestData.random(42, 8)).containsExactly(-107, 110, -21, 47, 38, 50, -41, -67);

        List<Integer> small = lengths(SMALL, TestData.random(42, 1 << 20));
        assertThat(small).hasSize(222);
        assertThat(small.subList(0, 16)).containsExactly(
                4151, 6163, 4594, 8784, 5892, 4451, 5046, 5189, 4253, 4252, 4802, 5743, 5747, 2018, 4478, 4477);
        assertThat(small.subList(219, 222)).containsExactly(1042, 4898, 1260);

        assertThat(lengths(FastCdc.DEFAULT, TestData.random(7, 16 << 20))).containsExactly(
                786619, 1094395, 1341332, 430614, 1067256, 1084126, 1401174, 445821, 1354419,
                1147324, 1113802, 1315602, 324940, 954027, 1060529, 1529503, 325733);
    }

    @Test
    void defaultParameters() {
        assertThat(FastCdc.DEFAULT.minSize()).isEqualTo(256 << 10);
        assertThat(FastCdc.DEFAULT.avgSize()).isEqualTo(1 << 20);
        assertThat(FastCdc.DEFAULT.maxSize()).isEqualTo(4 << 20);
    }

    @ParameterizedTest
    @CsvSource({
        "64, 256, 1024, 1",
        "64, 256, 1024, 2",
        "100, 512, 700, 3",
        "1024, 4096, 16384, 4",
        "2048, 4096, 65536, 5",
    })
    void matchesTheRuleComputedTheSlowWay(int min, int avg, int max, long seed) {
        FastCdc cdc = new FastCdc(min, avg, max);
        byte[] data = TestData.random(seed, 256 << 10);
        assertThat(lengths(cdc, data)).isEqualTo(referenceLengths(cdc, data));
    }

    @Test
    void matchesTheRuleComputedTheSlowWayOnRepetitiveData() {
        byte[] data = new byte[64 << 10];
        byte[] pattern = TestData.random(11, 1000);
        for (int i = 0; i < data.length; i++) {
            data[i] = i % 5000 < 3000 ? pattern[i % pattern.length] : (byte) (i / 7);
        }
        FastCdc cdc = new FastCdc(64, 256, 2048);
        assertThat(lengths(cdc, data)).isEqualTo(referenceLengths(cdc, data));
    }

    @Test
    void chunksCoverTheInputWithinTheSizeBounds() {
        byte[] data = TestData.random(3, 4 << 20);
        List<Integer> lengths = lengths(SMALL, data);
        assertThat(lengths.stream().mapToLong(Integer::longValue).sum()).isEqualTo(data.length);
        for (int i = 0; i < lengths.size() - 1; i++) {
            assertThat(lengths.get(i)).as("chunk %d", i).isBetween(SMALL.minSize(), SMALL.maxSize());
        }
        assertThat(lengths.getLast()).isBetween(1, SMALL.maxSize());
    }

    @Test
    void averageOfRandomDataIsNearTheTarget() {
        FastCdc cdc = new FastCdc(4096, 16384, 65536);
        List<Integer> lengths = lengths(cdc, TestData.random(5, 32 << 20));
        double mean = (32 << 20) / (double) lengths.size();
        // Normalisation level 2 with min = avg/4 and max = 4*avg gives about 1.1 * avg.
        assertThat(mean).isBetween(1.0 * cdc.avgSize(), 1.3 * cdc.avgSize());
        // Normalisation keeps chunks near the average: few are at the extremes.
        long extreme = lengths.stream().filter(l -> l < 6000 || l == cdc.maxSize()).count();
        assertThat(extreme).isLessThan(lengths.size() / 10);
    }

    @Test
    void inputWithoutBoundariesIsCutAtTheMaximum() {
        byte[] zeros = new byte[5 * SMALL.maxSize() + 10];
        assertThat(lengths(SMALL, zeros)).containsExactly(16384, 16384, 16384, 16384, 16384, 10);
    }

    @Test
    void boundariesAfterAnEditResynchronise() {
        FastCdc cdc = new FastCdc(4096, 16384, 65536);
        byte[] original = TestData.random(8, 8 << 20);
        int at = 3 << 20;
        byte[] inserted = TestData.random(9, 1000);
        byte[] edited = new byte[original.length + inserted.length];
        System.arraycopy(original, 0, edited, 0, at);
        System.arraycopy(inserted, 0, edited, at, inserted.length);
        System.arraycopy(original, at, edited, at + inserted.length, original.length - at);

        List<Long> before = boundaries(cdc, original);
        List<Long> after = boundaries(cdc, edited);
        // Boundaries before the edit are untouched; past it they are the old ones shifted.
        assertThat(after.stream().filter(b -> b < at).toList())
                .isEqualTo(before.stream().filter(b -> b < at).toList());
        long settled = at + inserted.length + cdc.maxSize();
        assertThat(after.stream().filter(b -> b > settled).toList())
                .isEqualTo(before.stream().filter(b -> b > settled - inserted.length)
                        .map(b -> b + inserted.length).toList());

        Set<String> originalChunks = new HashSet<>();
        forEachChunk(cdc, original, (off, len) -> originalChunks.add(ContentHash.sha256Hex(original, off, len)));
        long[] shared = {0};
        forEachChunk(cdc, edited, (off, len) -> {
            if (originalChunks.contains(ContentHash.sha256Hex(edited, off, len))) {
                shared[0] += len;
            }
        });
        assertThat(shared[0]).isGreaterThan(edited.length - 3L * cdc.maxSize());
    }

    @Test
    void resultDependsOnlyOnTheFirstMaxSizeBytes() {
        byte[] data = TestData.random(12, 3 * SMALL.maxSize());
        for (int from = 0; from < SMALL.maxSize(); from += 997) {
            int whole = SMALL.cut(data, from, data.length, true);
            byte[] copy = data.clone();
            Arrays.fill(copy, from + SMALL.maxSize(), copy.length, (byte) 0);
            assertThat(SMALL.cut(copy, from, copy.length, false)).isEqualTo(whole);
            assertThat(SMALL.cut(data, from, from + SMALL.maxSize(), false)).isEqualTo(whole);
        }
    }

    @Test
    void truncatedInputKeepsTheChunksBeforeTheEnd() {
        byte[] data = TestData.random(13, 1 << 20);
        List<Long> full = boundaries(SMALL, data);
        for (int length : new int[] {1, 1023, 1024, 1025, 4096, 100_000, 500_001}) {
            byte[] prefix = Arrays.copyOf(data, length);
            List<Long> expected = new ArrayList<>(full.stream().filter(b -> b < length).toList());
            expected.add((long) length);
            assertThat(boundaries(SMALL, prefix)).as("prefix of %d", length).isEqualTo(expected);
        }
    }

    @Test
    void shortInputIsOneChunk() {
        byte[] data = TestData.random(14, SMALL.minSize());
        assertThat(SMALL.cut(data, 0, 0, true)).isZero();
        assertThat(SMALL.cut(data, 0, 1, true)).isEqualTo(1);
        assertThat(SMALL.cut(data, 0, data.length, true)).isEqualTo(data.length);
        assertThat(SMALL.cut(data, 10, 20, true)).isEqualTo(10);
    }

    @Test
    void cutChecksItsArguments() {
        byte[] data = new byte[SMALL.maxSize()];
        assertThatThrownBy(() -> SMALL.cut(data, 1, data.length, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxSize");
        assertThatThrownBy(() -> SMALL.cut(data, 5, 4, true)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> SMALL.cut(data, 0, data.length + 1, true))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(SMALL.cut(data, 0, data.length, false)).isEqualTo(SMALL.maxSize());
    }

    @ParameterizedTest
    @CsvSource({
        "64, 300, 1024, avgSize must be a power of two",
        "64, 128, 1024, avgSize must be a power of two of at least 256",
        "63, 256, 1024, minSize must be at least 64",
        "256, 256, 1024, minSize must be at least 64 and less than avgSize",
        "64, 256, 256, maxSize must be greater than avgSize",
        "64, 256, 268435457, maxSize must be greater than avgSize 256 and at most 268435456",
        "64, -256, 1024, avgSize must be",
    })
    void rejectsBadParameters(int min, int avg, int max, String message) {
        assertThatThrownBy(() -> new FastCdc(min, avg, max))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void acceptsTheExtremes() {
        FastCdc smallest = new FastCdc(64, 256, 257);
        assertThat(smallest.minSize()).isEqualTo(64);
        FastCdc largest = new FastCdc(1 << 26, 1 << 27, FastCdc.MAX_MAX_SIZE);
        assertThat(largest.maxSize()).isEqualTo(FastCdc.MAX_MAX_SIZE);
        assertThat(largest).isEqualTo(new FastCdc(1 << 26, 1 << 27, FastCdc.MAX_MAX_SIZE)).isNotEqualTo(smallest);
    }

    /**
     * The chunk lengths by the rule as {@link FastCdc} documents it, computed the slow way: the
     * fingerprint at each candidate end is rebuilt from the 64 bytes before it.
     */
    private static List<Integer> referenceLengths(FastCdc cdc, byte[] data) {
        int avgBits = Integer.numberOfTrailingZeros(cdc.avgSize());
        List<Integer> lengths = new ArrayList<>();
        int start = 0;
        while (start < data.length) {
            int remaining = data.length - start;
            int length = Math.min(remaining, cdc.maxSize());
            for (int l = cdc.minSize(); l < length; l++) {
                long fp = 0;
                for (int k = 0; k < 64; k++) {
                    fp += FastCdc.gear(data[start + l - 1 - k] & 0xff) << k;
                }
                int bits = l < cdc.avgSize() ? avgBits + 2 : avgBits - 2;
                if (fp >>> (64 - bits) == 0) {
                    length = l;
                    break;
                }
            }
            lengths.add(length);
            start += length;
        }
        return lengths;
    }

    static List<Integer> lengths(FastCdc cdc, byte[] data) {
        List<Integer> lengths = new ArrayList<>();
        forEachChunk(cdc, data, (off, len) -> lengths.add(len));
        return lengths;
    }

    /** Chunk end offsets. */
    private static List<Long> boundaries(FastCdc cdc, byte[] data) {
        List<Long> ends = new ArrayList<>();
        forEachChunk(cdc, data, (off, len) -> ends.add((long) off + len));
        return ends;
    }

    private interface ChunkConsumer {
        void accept(int offset, int length);
    }

    private static void forEachChunk(FastCdc cdc, byte[] data, ChunkConsumer consumer) {
        int pos = 0;
        while (pos < data.length) {
            int length = cdc.cut(data, pos, data.length, true);
            consumer.accept(pos, length);
            pos += length;
        }
    }
}
