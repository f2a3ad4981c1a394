package dev.arca.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.ArcaServer;
import dev.arca.support.Content;
import dev.arca.support.Http;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    private record Server(Process process, int port) {
        String url(String path) {
            return "http://127.0.0.1:" + port + path;
        }
    }

    @Test
    @DisplayName("I.5 a server killed mid-upload restarts with no partial item and no lost item")
    void killMidUpload() throws Exception {
        Path dataDir = Files.createTempDirectory("arca-crash");
        Server server = start(dataDir);
        String token;
        byte[] kept = Content.random(3_000_000, 61);
        byte[] tusBytes = Content.random(2_000_000, 62);
        String keptId;
        String tusLocation;
        long acknowledged;
        try {
            token = signUp(server);
            keptId = uploadMultipart(server, token, kept).path("items").get(0).path("id").asString();

            tusLocation = send(server, "POST", "/api/v1/uploads", token, null, null,
                    Map.of("Tus-Resumable", "1.0.0", "Upload-Length", Long.toString(tusBytes.length)))
                    .headers().firstValue("Location").orElseThrow();
            Http.Response half = send(server, "PATCH", tusLocation, token, "application/offset+octet-stream",
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
                server.process().destroyForcibly().waitFor();
            }
        } finally {
            server.process().destroyForcibly().waitFor();
        }

        Server again = start(dataDir);
        try {
            JsonNode items = Http.JSON.readTree(send(again, "GET", "/api/v1/items", token, null, null, Map.of()).bytes());
            assertThat(items.path("items")).as("only the acknowledged item").hasSize(1);
            assertThat(items.path("items").get(0).path("id").asString()).isEqualTo(keptId);
            byte[] content = send(again, "GET", "/api/v1/items/" + keptId + "/content", token, null, null, Map.of()).bytes();
            assertThat(Content.sha256(content)).isEqualTo(Content.sha256(kept));

            Http.Response head = send(again, "HEAD", tusLocation, token, null, null,
                    Map.of("Tus-Resumable", "1.0.0"));
            assertThat(head.headers().firstValue("Upload-Offset")).hasValue(Long.toString(acknowledged));
            Http.Response rest = send(again, "PATCH", tusLocation, token, "application/offset+octet-stream",
                    java.util.Arrays.copyOfRange(tusBytes, (int) acknowledged, tusBytes.length),
                    Map.of("Tus-Resumable", "1.0.0", "Upload-Offset", Long.toString(acknowledged)));
            assertThat(rest.status()).isEqualTo(204);
            String resumedId = rest.headers().firstValue("Arca-Item-Id").orElseThrow();
            byte[] resumed = send(again, "GET", "/api/v1/items/" + resumedId + "/content", token, null, null, Map.of())
                    .bytes();
            assertThat(resumed).isEqualTo(tusBytes);
        } finally {
            again.process().destroyForcibly().waitFor();
        }
    }

    private static Server start(Path dataDir) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), ArcaServer.class.getName(),
                "--server.port=" + port, "--arca.data-dir=" + dataDir, "--spring.main.banner-mode=off"));
        Path log = Files.createDirectories(Path.of("target", "crash-test")).resolve("server-" + port + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Server server = new Server(process, port);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server process ended; see " + log);
            }
            try {
                if (send(server, "GET", "/api/v1/policy", null, null, null, Map.of()).status() == 200) {
                    return server;
                }
            } catch (java.io.UncheckedIOException notYet) {
                Thread.sleep(200);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("the server did not start in time; see " + log);
    }

    private static String signUp(Server server) throws Exception {
        String email = "crash-" + System.nanoTime() + "@example.test";
        send(server, "POST", "/api/v1/accounts", null, "application/json", Http.JSON.writeValueAsBytes(
                dev.arca.support.Users.registration(email)), Map.of());
        Http.Response token = send(server, "POST", "/api/v1/tokens", null, "application/json",
                Http.JSON.writeValueAsBytes(Map.of("email", email, "password", dev.arca.support.Users.PASSWORD)), Map.of());
        return Http.JSON.readTree(token.bytes()).path("token").asString();
    }

    private static JsonNode uploadMultipart(Server server, String token, byte[] bytes) throws Exception {
        Content.Multipart body = Content.multipart(Map.of("kept.bin", bytes));
        Http.Response response = send(server, "POST", "/api/v1/items", token, body.contentType(), body.body(),
                Map.of());
        assertThat(response.status()).isEqualTo(201);
        return Http.JSON.readTree(response.bytes());
    }

    private static Http.Response send(Server server, String method, String path, String token,
            String contentType, byte[] body, Map<String, String> headers) {
        return Content.send(server.url(""), method, path, token, contentType, body, headers);
    }
}
