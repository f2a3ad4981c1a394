package dev.arca.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.ArcaServer;
import dev.arca.client.command.ArcaCommand;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;

/** The real CLI against a real server on loopback. */
class LoginCommandTest {

    private static ConfigurableApplicationContext server;
    private static String baseUrl;

    @TempDir
    static Path dataDir;

    @BeforeAll
    static void startServer() throws Exception {
        server = new SpringApplicationBuilder(ArcaServer.class).run("--server.port=0", "--arca.data-dir=" + dataDir);
        baseUrl = "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port");
        String body = """
                {"name":"Cli User","email":"cli@example.test","password":"cli password 123","country":"FR",
                 "language":"fr","acceptTerms":true,"consents":[]}""";
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/accounts"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(202);
        }
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private record Run(int exitCode, String out, String err) {}

    private static Run arca(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = ArcaCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        InputStream original = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            return new Run(cli.execute(args), out.toString(), err.toString());
        } finally {
            System.setIn(original);
        }
    }

    @Test
    void versionNamesTheProtocol() {
        Run run = arca("", "--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("arca ").contains("protocol 1").doesNotContain("null");
    }

    @Test
    void loginStoresAPrivateTokenThatTheServerAccepts(@TempDir Path config) throws Exception {
        System.setProperty("arca.config.dir", config.toString());
        try {
            Run run = arca("cli password 123\n", "login", baseUrl, "--email", "cli@example.test",
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
            Run run = arca("not my password\n", "login", baseUrl, "--email", "cli@example.test", "--password-stdin");
            assertThat(run.exitCode()).isEqualTo(3);
            assertThat(run.err()).contains("Wrong e-mail or password");
            assertThat(config.resolve("credentials.properties")).doesNotExist();
        } finally {
            System.clearProperty("arca.config.dir");
        }
    }

    @Test
    void unreachableServerAndBadAddressGiveClearExitCodes() {
        Run unreachable = arca("x\n", "login", "http://127.0.0.1:1", "--email", "a@b.test", "--password-stdin");
        assertThat(unreachable.exitCode()).isEqualTo(4);
        assertThat(unreachable.err()).contains("Cannot reach");
        Run badAddress = arca("x\n", "login", "ftp://example", "--email", "a@b.test", "--password-stdin");
        assertThat(badAddress.exitCode()).isEqualTo(2);
    }
}
