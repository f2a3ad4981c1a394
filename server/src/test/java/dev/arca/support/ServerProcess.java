package dev.arca.support;

import dev.arca.ArcaServer;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real Arca server running as a separate JVM on a data directory, for tests that kill it
 * (SIGKILL: no shutdown hooks, no flushing) and start it again on the same directory. Its output
 * goes to {@code target/crash-test/server-<port>.log}. It runs with the administrator
 * {@link TestServer#ADMIN_EMAIL} and, like {@link TestServer}, two copies of every blob on two
 * directories and no grace period for unreferenced chunks, so a purge collects at once.
 */
public record ServerProcess(Process process, int port, Path log) {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    /** Starts a server on the data directory and returns once it answers HTTP. */
    public static ServerProcess start(Path dataDir) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // C1 only and the serial collector: the server starts faster, which tests that
                // restart it many times need more than its speed once it runs.
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), ArcaServer.class.getName(),
                "--server.port=" + port, "--arca.data-dir=" + dataDir, "--spring.main.banner-mode=off",
                "--arca.admin.email=" + TestServer.ADMIN_EMAIL,
                "--arca.admin.password=" + TestServer.ADMIN_PASSWORD,
                "--arca.sign-in.failures-per-network=1000",
                "--arca.library.chunk-grace=0s",
                "--arca.storage.dirs=" + dataDir.resolve("disk-a") + "," + dataDir.resolve("disk-b"),
                "--arca.storage.replicas=2"));
        Path log = Files.createDirectories(Path.of("target", "crash-test")).resolve("server-" + port + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ServerProcess server = new ServerProcess(process, port, log);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server process ended; see " + log);
            }
            try {
                if (server.send("GET", "/api/v1/policy", null, null, null).status() == 200) {
                    return server;
                }
            } catch (UncheckedIOException notYet) {
                Thread.sleep(200);
            }
        }
        process.destroyForcibly().waitFor();
        throw new IllegalStateException("the server did not start in time; see " + log);
    }

    /** SIGKILL: the process gets no chance to finish anything. Returns once it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public Http.Response send(String method, String path, String token, String contentType, byte[] body) {
        return send(method, path, token, contentType, body, Map.of());
    }

    public Http.Response send(String method, String path, String token, String contentType, byte[] body,
            Map<String, String> headers) {
        return Content.send(url(""), method, path, token, contentType, body, headers);
    }

    /** Sends a JSON body (or none when null). */
    public Http.Response json(String method, String path, String token, Object body) {
        return body == null ? send(method, path, token, null, null)
                : send(method, path, token, "application/json", Http.JSON.writeValueAsBytes(body));
    }

    /** Registers a new account and returns an API token for it. */
    public String signUp() {
        String email = Users.newEmail();
        json("POST", "/api/v1/accounts", null, Users.registration(email));
        return token(email, Users.PASSWORD);
    }

    public String token(String email, String password) {
        Http.Response response = json("POST", "/api/v1/tokens", null, Map.of("email", email, "password", password));
        if (response.status() != 200 && response.status() != 201) {
            throw new IllegalStateException("no token for " + email + ": " + response);
        }
        return response.json().path("token").asString();
    }
}
