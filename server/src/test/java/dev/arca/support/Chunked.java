package dev.arca.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.protocol.chunk.FastCdc;
import dev.arca.protocol.manifest.FileManifest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Content as clients send it: cut into chunks, asked about, and stored chunk by chunk. */
public final class Chunked {

    /** A file's manifest and the bytes of each of its chunks. */
    public record Cut(FileManifest manifest, Map<String, byte[]> pieces) {}

    private Chunked() {}

    public static Cut cut(byte[] bytes) {
        try {
            FileManifest manifest = FileManifest.of(new ByteArrayInputStream(bytes), FastCdc.DEFAULT);
            Map<String, byte[]> pieces = new HashMap<>();
            int offset = 0;
            for (var ref : manifest.chunks()) {
                pieces.put(ref.sha256(), Arrays.copyOfRange(bytes, offset, offset + ref.length()));
                offset += ref.length();
            }
            return new Cut(manifest, pieces);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The chunks of the manifest the account lacks, as the server answers. */
    public static List<String> missing(TestServer server, String token, FileManifest manifest) {
        Http.Response response = server.http().post("/api/v1/sync/chunks/missing",
                Map.of("hashes", manifest.chunks().stream().map(c -> c.sha256()).toList()), token);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<String> missing = new ArrayList<>();
        response.json().path("missing").forEach(n -> missing.add(n.asString()));
        return missing;
    }

    public static Http.Response putChunk(TestServer server, String token, String hash, byte[] bytes) {
        return Content.send(server, "PUT", "/api/v1/sync/chunks/" + hash, token, "application/octet-stream", bytes,
                Map.of());
    }

    /** Cuts the bytes and stores what the account lacks; returns the manifest. */
    public static FileManifest store(TestServer server, String token, byte[] bytes) {
        Cut cut = cut(bytes);
        for (String hash : missing(server, token, cut.manifest())) {
            assertThat(putChunk(server, token, hash, cut.pieces().get(hash)).status()).isEqualTo(204);
        }
        return cut.manifest();
    }
}
