package dev.arca.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.ArcaServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

class TransportSecurityTest {

    @TempDir
    Path dataDir;

    @Test
    @DisplayName("I.5 ARCA_TLS=auto creates a certificate once and serves HTTPS with HSTS and Secure cookies")
    void tlsAutoServesHttps() throws Exception {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ArcaServer.class)
                .run("--server.port=0", "--arca.data-dir=" + dataDir, "--arca.tls=auto")) {
            String port = context.getEnvironment().getProperty("local.server.port");
            SSLContext trustAll = SSLContext.getInstance("TLS");
            trustAll.init(null, new TrustManager[] {new X509TrustManager() {
                public void checkClientTrusted(X509Certificate[] chain, String authType) {}
                public void checkServerTrusted(X509Certificate[] chain, String authType) {}
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            try (HttpClient client = HttpClient.newBuilder().sslContext(trustAll).build()) {
                HttpResponse<String> page = client.send(HttpRequest.newBuilder(
                        URI.create("https://localhost:" + port + "/login")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(page.statusCode()).isEqualTo(200);
                assertThat(page.headers().firstValue("Strict-Transport-Security")).isPresent();
                assertThat(page.headers().firstValue("Set-Cookie")).hasValueSatisfying(c -> assertThat(c).contains("Secure"));
            }
        }
        assertThat(Files.readString(dataDir.resolve("tls/arca.crt"))).startsWith("-----BEGIN CERTIFICATE-----");
    }

    @Test
    @DisplayName("I.5 plain HTTP on a non-loopback address is refused at start")
    void plainHttpOffLoopbackIsRefused() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(ArcaServer.class)
                .run("--server.port=0", "--arca.data-dir=" + dataDir, "--server.address=0.0.0.0").close())
                .hasStackTraceContaining("Refusing to serve plain HTTP");
    }

    @Test
    @DisplayName("I.5 forwarded addresses count only from a trusted proxy, so no client picks its own network")
    void forwardedAddressesOnlyFromTrustedProxies() throws Exception {
        // The test client is the proxy: it names the networks of two clients behind it.
        try (ConfigurableApplicationContext proxied = limitedServer("127.0.0.1", dataDir.resolve("a"))) {
            String base = "http://127.0.0.1:" + proxied.getEnvironment().getProperty("local.server.port");
            for (int i = 0; i < 3; i++) {
                assertThat(signIn(base, "198.51.100.7")).isEqualTo(401);
            }
            assertThat(signIn(base, "198.51.100.8")).as("same network behind the proxy").isEqualTo(429);
            assertThat(signIn(base, "203.0.113.9")).as("another network behind the proxy").isEqualTo(401);
        }
        // Not a trusted proxy: the header is the client's own claim and changes nothing.
        try (ConfigurableApplicationContext direct = limitedServer("192.0.2.1", dataDir.resolve("b"))) {
            String base = "http://127.0.0.1:" + direct.getEnvironment().getProperty("local.server.port");
            for (int i = 0; i < 3; i++) {
                assertThat(signIn(base, "198.51.100." + i)).isEqualTo(401);
            }
            assertThat(signIn(base, "203.0.113.9")).isEqualTo(429);
        }
    }

    @Test
    @DisplayName("a trusted proxy must be named by its IP address")
    void trustedProxiesAreAddresses() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(ArcaServer.class)
                .run("--server.port=0", "--arca.data-dir=" + dataDir, "--arca.trusted-proxies=proxy.example").close())
                .hasStackTraceContaining("ARCA_TRUSTED_PROXIES lists IP addresses");
    }

    private static ConfigurableApplicationContext limitedServer(String trustedProxy, Path data) {
        return new SpringApplicationBuilder(ArcaServer.class).run("--server.port=0", "--arca.data-dir=" + data,
                "--arca.trusted-proxies=" + trustedProxy, "--arca.sign-in.failures-per-network=3",
                "--arca.sign-in.failures-per-account=1000");
    }

    /** A wrong sign-in for a new address each time, so only the network limit can apply. */
    private static int signIn(String base, String forwardedFor) throws Exception {
        String body = "{\"email\":\"" + java.util.UUID.randomUUID() + "@example.test\",\"password\":\"wrong password\"}";
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/tokens"))
                    .header("Content-Type", "application/json").header("X-Forwarded-For", forwardedFor)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        }
    }
}
