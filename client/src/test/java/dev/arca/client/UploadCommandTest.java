package dev.arca.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code arca upload} against a real server: resumable uploads that arrive byte for byte. */
class UploadCommandTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static Cli.Server server;
    private static String baseUrl;

    @TempDir
    static Path dataDir;

    @BeforeAll
    static void startServer() throws Exception {
        server = Cli.startServer(dataDir, "upload@example.test", "upload password 1");
        baseUrl = server.baseUrl();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static HttpResponse<byte[]> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        }
    }

    @Test
    @DisplayName("I.2e arca upload sends files of several pieces and one of none; each arrives byte for byte")
    void uploadsArriveIntact(@TempDir Path config, @TempDir Path files) throws Exception {
        System.setProperty("arca.config.dir", config.toString());
        try {
            Cli.Run login = Cli.arca("upload password 1\n", "login", baseUrl, "--email", "upload@example.test",
                    "--password-stdin");
            assertThat(login.exitCode()).as(login.err()).isZero();
            byte[] big = new byte[20_000_123];
            new Random(9).nextBytes(big);
            Path video = Files.write(files.resolve("holiday video.mp4"), big);
            Path empty = Files.write(files.resolve("empty.txt"), new byte[0]);

            Cli.Run upload = Cli.arca("", "upload", video.toString(), empty.toString(), "--json");

            assertThat(upload.exitCode()).as(upload.err()).isZero();
            JsonNode result = JSON.readTree(upload.out());
            assertThat(result).hasSize(2);
            String token = dev.arca.client.state.Credentials.load(config).orElseThrow().token();
            String id = result.get(0).path("itemId").asString();
            assertThat(send("GET", "/api/v1/items/" + id + "/content", token, null).body()).isEqualTo(big);
            JsonNode item = JSON.readTree(send("GET", "/api/v1/items/" + id, token, null).body());
            assertThat(item.path("filename").asString()).isEqualTo("holiday video.mp4");
            assertThat(send("GET", "/api/v1/items/" + result.get(1).path("itemId").asString() + "/content", token, null)
                    .body()).isEmpty();
        } finally {
            System.clearProperty("arca.config.dir");
        }
    }

    @Test
    @DisplayName("arca upload without a sign-in or of a missing file says so with its exit code")
    void clearErrors(@TempDir Path config) {
        System.setProperty("arca.config.dir", config.toString());
        try {
            Cli.Run notSignedIn = Cli.arca("", "upload", "/no/such/file");
            assertThat(notSignedIn.exitCode()).isEqualTo(3);
            assertThat(notSignedIn.err()).contains("arca login");
        } finally {
            System.clearProperty("arca.config.dir");
        }
    }
}
