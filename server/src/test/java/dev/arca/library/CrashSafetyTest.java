package dev.arca.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.support.Content;
import dev.arca.support.Http;
import dev.arca.support.ServerProcess;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Kills a real server process (SIGKILL, no shutdown hooks) in the middle of uploads and starts
 * it again on the same data directory: acknowledged items are all there and intact, the cut
 * upload left no item, and a resumable upload continues from the offset it had acknowledged.
 */
class CrashSafetyTest {

    @Test
    @DisplayName("I.5 a server killed mid-upload restarts with no partial item and no lost item")
    void killMidUpload() throws Exception {
        Path dataDir = Files.createTempDirectory("arca-crash");
        ServerProcess server = ServerProcess.start(dataDir);
        String token;
        byte[] kept = Content.random(3_000_000, 61);
        byte[] tusBytes = Content.random(2_000_000, 62);
        String keptId;
        String tusLocation;
        long acknowledged;
        try {
            token = server.signUp();
            Content.Multipart keptBody = Content.multipart(Map.of("kept.bin", kept));
            Http.Response created = server.send("POST", "/api/v1/items", token, keptBody.contentType(),
                    keptBody.body());
            assertThat(created.status()).isEqualTo(201);
            keptId = created.json().path("items").get(0).path("id").asString();

            tusLocation = server.send("POST", "/api/v1/uploads", token, null, null,
                    Map.of("Tus-Resumable", "1.0.0", "Upload-Length", Long.toString(tusBytes.length)))
                    .headers().firstValue("Location").orElseThrow();
            Http.Response half = server.send("PATCH", tusLocation, token, "application/offset+octet-stream",
                    java.util.Arrays.copyOf(tusBytes, 900_000), Map.of("Tus-Resumable", "1.0.0", "Upload-Offset", "0"));
            acknowledged = Long.parseLong(half.headers().firstValue("Upload-Offset").orElseThrow());

            // A large multipart upload is under way when the process dies.
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                OutputStream out = socket.getOutputStream();
                Content.Multipart body = Content.multipart(Map.of("cut.bin", Content.random(20_000_000, 63)));
                out.write(("POST /api/v1/items HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                        + "\r\nContent-Type: " + body.contentType() + "\r\nContent-Length: " + body.body().length
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body.body(), 0, body.body().length / 2);
                out.flush();
                Thread.sleep(500);
                server.kill();
            }
        } finally {
            server.kill();
        }

        ServerProcess again = ServerProcess.start(dataDir);
        try {
            JsonNode items = Http.JSON.readTree(again.send("GET", "/api/v1/items", token, null, null).bytes());
            assertThat(items.path("items")).as("only the acknowledged item").hasSize(1);
            assertThat(items.path("items").get(0).path("id").asString()).isEqualTo(keptId);
            byte[] content = again.send("GET", "/api/v1/items/" + keptId + "/content", token, null, null).bytes();
            assertThat(Content.sha256(content)).isEqualTo(Content.sha256(kept));

            Http.Response head = again.send("HEAD", tusLocation, token, null, null,
                    Map.of("Tus-Resumable", "1.0.0"));
            assertThat(head.headers().firstValue("Upload-Offset")).hasValue(Long.toString(acknowledged));
            Http.Response rest = again.send("PATCH", tusLocation, token, "application/offset+octet-stream",
                    java.util.Arrays.copyOfRange(tusBytes, (int) acknowledged, tusBytes.length),
                    Map.of("Tus-Resumable", "1.0.0", "Upload-Offset", Long.toString(acknowledged)));
            assertThat(rest.status()).isEqualTo(204);
            String resumedId = rest.headers().firstValue("Arca-Item-Id").orElseThrow();
            byte[] resumed = again.send("GET", "/api/v1/items/" + resumedId + "/content", token, null, null)
                    .bytes();
            assertThat(resumed).isEqualTo(tusBytes);
        } finally {
            again.kill();
        }
    }
}
