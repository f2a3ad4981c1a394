package dev.arca.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real CLI against a real server on loopback. */
class LoginCommandTest {

    private static Cli.Server server;
    private static String baseUrl;

    @TempDir
    static Path dataDir;

    @BeforeAll
    static void startServer() throws Exception {
        server = Cli.startServer(dataDir, "cli@example.test", "cli password 123");
        baseUrl = server.baseUrl();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void versionNamesTheProtocol() {
        Cli.Run run = Cli.arca("", "--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("arca ").contains("protocol 1").doesNotContain("null");
    }

    @Test
    void loginStoresAPrivateTokenThatTheServerAccepts(@TempDir Path config) throws Exception {
        System.setProperty("arca.config.dir", config.toString());
        try {
            Cli.Run run = Cli.arca("cli password 123\n", "login", baseUrl, "--email", "cli@example.test",
                    "--device-name", "test laptop", "--password-stdin");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("test laptop");
            Path file = config.resolve("credentials.properties");
            assertThat(Files.getPosixFilePermissions(file))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            Properties saved = new Properties();
            try (var in = Files.newBufferedReader(file)) {
                saved.load(in);
            }
            try (HttpClient http = HttpClient.newHttpClient()) {
                HttpResponse<String> me = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/tokens"))
                        .header("Authorization", "Bearer " + saved.getProperty("token")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(me.statusCode()).isEqualTo(200);
                assertThat(me.body()).contains("test laptop").doesNotContain(saved.getProperty("token"));
                // The device registered itself under its own id, with this token.
                HttpResponse<String> devices = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/devices"))
                        .header("Authorization", "Bearer " + saved.getProperty("token")).build(),
                        HttpResponse.BodyHandlers.ofString());
                String deviceId = Files.readString(config.resolve("device-id")).strip();
                assertThat(devices.body()).contains(deviceId).contains("test laptop").contains("\"signedIn\":true");
            }
        } finally {
            System.clearProperty("arca.config.dir");
        }
    }

    @Test
    void wrongPasswordExitsWithTheAuthCode(@TempDir Path config) {
        System.setProperty("arca.config.dir", config.toString());
        try {
            Cli.Run run = Cli.arca("not my password\n", "login", baseUrl, "--email", "cli@example.test", "--password-stdin");
            assertThat(run.exitCode()).isEqualTo(3);
            assertThat(run.err()).contains("Wrong e-mail or password");
            assertThat(config.resolve("credentials.properties")).doesNotExist();
        } finally {
            System.clearProperty("arca.config.dir");
        }
    }

    @Test
    void unreachableServerAndBadAddressGiveClearExitCodes() {
        Cli.Run unreachable = Cli.arca("x\n", "login", "http://127.0.0.1:1", "--email", "a@b.test", "--password-stdin");
        assertThat(unreachable.exitCode()).isEqualTo(4);
        assertThat(unreachable.err()).contains("Cannot reach");
        Cli.Run badAddress = Cli.arca("x\n", "login", "ftp://example", "--email", "a@b.test", "--password-stdin");
        assertThat(badAddress.exitCode()).isEqualTo(2);
    }
}
