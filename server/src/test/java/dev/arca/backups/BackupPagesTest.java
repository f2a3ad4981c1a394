package dev.arca.backups;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.support.Chunked;
import dev.arca.support.Content;
import dev.arca.support.Db;
import dev.arca.support.TestServer;
import dev.arca.support.Users;
import dev.arca.protocol.manifest.FileManifest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The backups pages: snapshots listed, a folder browsed, a file restored by download, other accounts' snapshots hidden. */
class BackupPagesTest {

    private final TestServer server = TestServer.on(Db.SQLITE);

    private HttpResponse<byte[]> get(HttpClient browser, String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(server.baseUrl + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    @DisplayName("I.2f a snapshot's folders can be browsed and a file restored by download, byte for byte")
    void browseAndRestore() throws Exception {
        String email = Users.newEmail();
        String token = Users.signedIn(server, email);
        byte[] content = Content.random(3_000_000, 21);
        FileManifest file = Chunked.store(server, token, content);
        Map<String, Object> snapshot = Map.of("id", "0011223344556677", "time", "2026-11-29T10:00:00Z", "host", "laptop",
                "source", "/home/me/Photos", "entries", List.of(Map.of("path", ".", "type", "dir"),
                        Map.of("path", "Holidays", "type", "dir"),
                        Map.of("path", "Holidays/beach & <1>.bin", "type", "file", "size", file.size(), "sha256", file.sha256(),
                                "chunks", file.chunks().stream().map(c -> c.sha256()).toList())));
        assertThat(server.http().send("PUT", "/api/v1/backups/snapshots/0011223344556677", Map.of("snapshot", snapshot),
                token).status()).isEqualTo(201);
        HttpClient browser = Users.webSession(server, email, Users.PASSWORD, null);

        assertThat(new String(get(browser, "/backups").body())).contains("/backups/0011223344556677")
                .contains("laptop: /home/me/Photos");
        String root = new String(get(browser, "/backups/0011223344556677").body());
        assertThat(root).contains("?path=Holidays\"").doesNotContain("beach");
        String folder = new String(get(browser, "/backups/0011223344556677?path=Holidays").body());
        assertThat(folder).contains("beach &amp; &lt;1&gt;.bin").doesNotContain("beach & <1>");
        // The link the page gives, as a browser follows it.
        String link = "/backups/0011223344556677/file?path=" + URLEncoder.encode("Holidays/beach & <1>.bin",
                StandardCharsets.UTF_8);
        assertThat(folder).contains("href=\"" + link + "\"");
        HttpResponse<byte[]> restored = get(browser, link);
        assertThat(restored.statusCode()).isEqualTo(200);
        assertThat(restored.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment");
        assertThat(restored.body()).isEqualTo(content);
        assertThat(get(browser, "/backups/0011223344556677/file?path=Holidays").statusCode()).as("a folder").isEqualTo(404);

        String stranger = Users.newEmail();
        Users.register(server, stranger);
        HttpClient other = Users.webSession(server, stranger, Users.PASSWORD, null);
        assertThat(get(other, "/backups/0011223344556677").statusCode()).isEqualTo(404);
        assertThat(new String(get(other, "/backups").body())).doesNotContain("0011223344556677");
    }

    @Test
    @DisplayName("I.5 the backups page shows an encrypted repository by what the server knows, and says what it cannot see")
    void encryptedRepositories() throws Exception {
        String email = Users.newEmail();
        String token = Users.signedIn(server, email);
        byte[] sealed = Content.random(123_456, 7);
        HttpResponse<byte[]> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl
                        + "/api/v1/backups/repositories/default/data/" + "ef".repeat(32)))
                .header("Authorization", "Bearer " + token).PUT(HttpRequest.BodyPublishers.ofByteArray(sealed)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(put.statusCode()).isEqualTo(201);

        String page = new String(get(Users.webSession(server, email, Users.PASSWORD, null), "/backups").body());
        // In the account's language; the numbers and the explanation are there either way.
        assertThat(page).contains("<tr id=\"repository-default\"><td>default</td><td>1</td>")
                .containsPattern("123[.,]456").containsPattern("(What it cannot see|Was er nicht sehen kann)")
                .doesNotContain("id=\"no-backups\"");
        String stranger = Users.newEmail();
        Users.register(server, stranger);
        String other = new String(get(Users.webSession(server, stranger, Users.PASSWORD, null), "/backups").body());
        assertThat(other).doesNotContain("repository-default").contains("id=\"no-backups\"");
    }
}
