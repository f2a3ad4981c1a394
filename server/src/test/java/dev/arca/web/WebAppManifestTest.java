package dev.arca.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.support.Db;
import dev.arca.support.Http;
import dev.arca.support.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The web app can be installed: every page links a manifest whose icons are served. */
class WebAppManifestTest {

    @Test
    @DisplayName("the manifest is served with its type to anyone, starts at the library, and its icons exist")
    void installable() throws Exception {
        TestServer server = TestServer.on(Db.SQLITE);
        HttpClient client = HttpClient.newHttpClient();
        String home = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl + "/")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(home).contains("<link rel=\"manifest\" href=\"/manifest.webmanifest\">");
        HttpResponse<String> manifest = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl
                + "/manifest.webmanifest")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(manifest.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/manifest+json"));
        JsonNode json = Http.JSON.readTree(manifest.body());
        assertThat(json.path("start_url").asString()).isEqualTo("/library");
        assertThat(json.path("display").asString()).isEqualTo("standalone");
        assertThat(json.path("icons")).hasSizeGreaterThanOrEqualTo(3);
        for (JsonNode icon : json.path("icons")) {
            HttpResponse<byte[]> image = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl
                    + icon.path("src").asString())).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(image.statusCode()).as(icon.path("src").asString()).isEqualTo(200);
            assertThat(image.headers().firstValue("Content-Type").orElseThrow()).startsWith(icon.path("type").asString());
            if (icon.path("type").asString().equals("image/png")) {
                java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(image.body()));
                assertThat(png.getWidth() + "x" + png.getHeight()).isEqualTo(icon.path("sizes").asString());
            }
        }
    }
}
