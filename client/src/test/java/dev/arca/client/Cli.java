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
import java.nio.file.Path;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;

/** Runs the arca command line as its main does, and a real server for it to talk to. */
final class Cli {

    private Cli() {}

    record Run(int exitCode, String out, String err) {}

    /** Runs {@code arca args...} with {@code stdin} as standard input. */
    static Run arca(String stdin, String... args) {
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

    /** Runs {@code arca args...} as a device whose config directory is {@code config}. */
    static Run arcaAs(Path config, String stdin, String... args) {
        String before = System.getProperty("arca.config.dir");
        System.setProperty("arca.config.dir", config.toString());
        try {
            return arca(stdin, args);
        } finally {
            if (before == null) {
                System.clearProperty("arca.config.dir");
            } else {
                System.setProperty("arca.config.dir", before);
            }
        }
    }

    /** Starts {@code arca args...} as a separate process of the device whose config directory is {@code config}. */
    static Process process(Path config, String... args) throws java.io.IOException {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Darca.config.dir=" + config, "-cp", System.getProperty("java.class.path"), "dev.arca.client.Arca"));
        command.addAll(java.util.List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** A server on loopback with a data directory of its own. */
    record Server(ConfigurableApplicationContext context, String baseUrl) implements AutoCloseable {
        @Override
        public void close() {
            context.close();
        }
    }

    /** Signs the device of {@code config} in to the server as the CLI's user does; {@code more} adds options. */
    static void login(Server server, Path config, String email, String password, String... more) throws Exception {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("login", server.baseUrl(), "--email",
                email, "--password-stdin"));
        args.addAll(java.util.List.of(more));
        Run login = arcaAs(config, password + "\n", args.toArray(String[]::new));
        assertThat(login.exitCode()).as(login.err()).isZero();
    }

    /** Starts a server and registers one account with {@code email} and {@code password}. */
    static Server startServer(Path dataDir, String email, String password) throws Exception {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ArcaServer.class)
                .run("--server.port=0", "--arca.data-dir=" + dataDir);
        String baseUrl = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
        try (HttpClient http = HttpClient.newHttpClient()) {
            // The version in force, which a sign-up page shows and sends back.
            String policy = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/policy")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            int version = dev.arca.client.net.ServerApi.JSON.readTree(policy).path("version").asInt();
            String body = """
                    {"name":"Cli User","email":"%s","password":"%s","country":"FR","language":"fr","acceptTerms":true,
                     "consents":[],"policyVersion":%d}""".formatted(email, password, version);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/accounts"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(202);
        }
        return new Server(context, baseUrl);
    }
}
