package dev.arca.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.support.Content;
import dev.arca.support.Db;
import dev.arca.support.TestServer;
import dev.arca.support.Users;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The Shared pages: the links I made with their counts, and what others shared with me. */
class SharedPagesTest {

    private final TestServer server = TestServer.on(Db.SQLITE);

    private String page(HttpClient browser, String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(server.baseUrl + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    @DisplayName("I.2d my links show their views; a share with me shows its items under generic names")
    void linksAndSharedWithMe() throws Exception {
        String owner = Users.newEmail();
        String ownerToken = Users.signedIn(server, owner);
        Users.verify(server, owner);
        String item = Content.upload(server, ownerToken, "secret-name.jpg", Content.resource("/media/photo.jpg"))
                .path("id").asString();
        var created = server.http().post("/api/v1/shares", Map.of("itemIds", List.of(item), "title", "Dinner"), ownerToken)
                .json();
        String shareId = created.path("id").asString();
        String url = created.path("url").asString();
        server.http().get(url.substring(url.indexOf("/s/")), null);

        HttpClient ownerBrowser = Users.webSession(server, owner, Users.PASSWORD, null);
        String mine = page(ownerBrowser, "/library/shared");
        assertThat(mine).contains("id=\"link-" + shareId + "\"").contains("Dinner")
                .contains("action=\"/api/v1/shares/" + shareId + "\"");

        String friend = Users.newEmail();
        Users.register(server, friend);
        assertThat(server.http().post("/api/v1/shares/" + shareId + "/members", Map.of("email", friend), ownerToken)
                .status()).isBetween(200, 299);
        HttpClient friendBrowser = Users.webSession(server, friend, Users.PASSWORD, null);
        assertThat(page(friendBrowser, "/library/shared")).contains("/library/shared/" + shareId).contains("Dinner");
        String items = page(friendBrowser, "/library/shared/" + shareId);
        assertThat(items).contains("/api/v1/shared-with-me/" + shareId + "/items/" + item + "/content")
                .doesNotContain("secret-name");
        var preview = friendBrowser.send(HttpRequest.newBuilder(URI.create(server.baseUrl + "/api/v1/shared-with-me/"
                + shareId + "/items/" + item + "/preview?size=large")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(new dev.arca.media.MetadataExtractor().extract(java.nio.file.Files.write(
                java.nio.file.Files.createTempFile("preview", ".jpg"), preview.body()),
                dev.arca.media.MediaTypes.detect(preview.body(), "p.jpg")).metadata().latitude()).as("no place in a preview")
                .isNull();

        String stranger = Users.newEmail();
        Users.register(server, stranger);
        HttpClient strangerBrowser = Users.webSession(server, stranger, Users.PASSWORD, null);
        assertThat(strangerBrowser.send(HttpRequest.newBuilder(URI.create(server.baseUrl + "/library/shared/" + shareId))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);
    }
}
