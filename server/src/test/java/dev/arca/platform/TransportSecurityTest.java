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
}
