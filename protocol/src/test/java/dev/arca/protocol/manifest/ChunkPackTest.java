package dev.arca.protocol.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.protocol.chunk.ContentHash;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkPackTest {

    @Test
    void aWrittenPackReadsBackAndItsPartsAreItsBytes() throws Exception {
        byte[] one = "first chunk".getBytes();
        byte[] two = new byte[70_000];
        two[69_999] = 7;
        ChunkPack.Writer writer = new ChunkPack.Writer();
        writer.add(ContentHash.sha256Hex(one), one);
        writer.add(ContentHash.sha256Hex(two), two);

        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        writer.parts().forEach(joined::writeBytes);
        assertThat(joined.toByteArray()).isEqualTo(writer.toBytes());
        assertThat(writer.size()).isEqualTo(joined.size());
        assertThat(writer.parts()).anySatisfy(part -> assertThat(part).isSameAs(two));

        ChunkPack pack = ChunkPack.read(new ByteArrayInputStream(writer.toBytes()), 1 << 20, 1 << 17);
        assertThat(pack.refs()).containsExactly(new ChunkRef(ContentHash.sha256Hex(one), one.length),
                new ChunkRef(ContentHash.sha256Hex(two), two.length));
        assertThat(pack.contents().get(0)).isEqualTo(one);
        assertThat(pack.contents().get(1)).isEqualTo(two);
        assertThat(List.of(writer.count())).containsExactly(2);
    }
}
