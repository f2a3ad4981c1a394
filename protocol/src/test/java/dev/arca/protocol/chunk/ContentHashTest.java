package dev.arca.protocol.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ContentHashTest {

    private static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void hashesAsLowercaseHex() {
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        assertThat(ContentHash.sha256Hex(new byte[0])).isEqualTo(EMPTY);
        assertThat(ContentHash.sha256Hex(abc)).isEqualTo(ABC);
        assertThat(ContentHash.sha256Hex("xxabcyy".getBytes(StandardCharsets.US_ASCII), 2, 3)).isEqualTo(ABC);
    }

    @Test
    void hashesAStreamToItsEnd() throws IOException {
        byte[] data = TestData.random(30, 200_001);
        assertThat(ContentHash.sha256Hex(TestData.trickle(data, 1000))).isEqualTo(ContentHash.sha256Hex(data));
        assertThat(ContentHash.sha256Hex(new ByteArrayInputStream(new byte[0]))).isEqualTo(EMPTY);
    }

    @Test
    void recognisesTheHashForm() {
        assertThat(ContentHash.isSha256Hex(EMPTY)).isTrue();
        assertThat(ContentHash.isSha256Hex("0123456789abcdef".repeat(4))).isTrue();
        assertThat(ContentHash.isSha256Hex(null)).isFalse();
        assertThat(ContentHash.isSha256Hex("")).isFalse();
        assertThat(ContentHash.isSha256Hex(EMPTY.toUpperCase())).isFalse();
        assertThat(ContentHash.isSha256Hex(EMPTY.substring(1))).isFalse();
        assertThat(ContentHash.isSha256Hex(EMPTY + "0")).isFalse();
        assertThat(ContentHash.isSha256Hex(EMPTY.substring(1) + "g")).isFalse();
        assertThat(ContentHash.isSha256Hex(EMPTY.substring(1) + " ")).isFalse();
        assertThat(ContentHash.isSha256Hex(EMPTY.substring(1) + "/")).isFalse();
        assertThat(ContentHash.isSha256Hex(EMPTY.substring(1) + ":")).isFalse();
        assertThat(ContentHash.isSha256Hex(EMPTY.substring(1) + "`")).isFalse();
    }
}
