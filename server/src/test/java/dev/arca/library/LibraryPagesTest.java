package dev.arca.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.support.Content;
import dev.arca.support.Db;
import dev.arca.support.TestServer;
import dev.arca.support.Users;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The library's pages over HTTP: filters, the API on the session, ZIP downloads, cached thumbnails, other users' ids. */
class LibraryPagesTest {

    private final TestServer server = TestServer.on(Db.SQLITE);

    private static HttpResponse<byte[]> send(HttpClient client, HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create(server.baseUrl + path));
    }

    /** A signed-in user with one photo, and their browser's session. */
    private record Owner(String token, String photo, HttpClient browser) {}

    private Owner owner() throws Exception {
        String email = Users.newEmail();
        String token = Users.signedIn(server, email);
        String id = Content.upload(server, token, "photo.jpg", Content.resource("/media/photo.jpg")).path("id").asString();
        return new Owner(token, id, Users.webSession(server, email, Users.PASSWORD, null));
    }

    private static String csrf(String page) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    @DisplayName("I.2e the API answers the web session, and changes need the session's CSRF token")
    void sessionCallsTheApiWithItsCsrfToken() throws Exception {
        Owner owner = owner();
        String token = owner.token();
        String id = owner.photo();
        HttpClient browser = owner.browser();

        assertThat(send(browser, at("/api/v1/items/" + id)).statusCode()).isEqualTo(200);
        HttpRequest.Builder patch = at("/api/v1/items/" + id).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"title\":\"Forged\"}"));
        assertThat(send(browser, patch).statusCode()).as("no CSRF token").isEqualTo(403);
        HttpRequest.Builder bogus = at("/api/v1/items/" + id).header("Content-Type", "application/json")
                .header("Authorization", "Bearer not-a-token").method("PATCH", HttpRequest.BodyPublishers.ofString("{\"title\":\"Forged\"}"));
        assertThat(send(browser, bogus).statusCode()).as("a false token does not fall back to the session").isEqualTo(401);
        String page = new String(send(browser, at("/library")).body());
        HttpRequest.Builder withToken = at("/api/v1/items/" + id).header("Content-Type", "application/json")
                .header("X-CSRF-TOKEN", csrf(page)).method("PATCH", HttpRequest.BodyPublishers.ofString("{\"title\":\"Mine\"}"));
        assertThat(send(browser, withToken).statusCode()).isEqualTo(200);
        assertThat(server.http().get("/api/v1/items/" + id, token).json().path("title").asString()).as("never Forged")
                .isEqualTo("Mine");
        assertThat(send(HttpClient.newHttpClient(), at("/api/v1/items/" + id)).statusCode()).as("no session, no token")
                .isEqualTo(401);
    }

    @Test
    @DisplayName("I.2e the grid filters by type and text, ignores malformed filters, and downloads a selection as one ZIP")
    void filtersAndZip() throws Exception {
        String email = Users.newEmail();
        String token = Users.signedIn(server, email);
        byte[] photo = Content.resource("/media/photo.jpg");
        String a = Content.upload(server, token, "holiday.jpg", photo).path("id").asString();
        String b = Content.upload(server, token, "holiday.jpg", Content.resource("/media/image.png")).path("id").asString();
        String video = Content.upload(server, token, "clip.webm", Content.resource("/media/clip.webm")).path("id").asString();
        HttpClient browser = Users.webSession(server, email, Users.PASSWORD, null);

        String videos = new String(send(browser, at("/library?kind=video")).body());
        assertThat(videos).contains("/library/items/" + video + "\"").doesNotContain("/library/items/" + a + "\"");
        String found = new String(send(browser, at("/library?q=HOLIDAY")).body());
        assertThat(found).contains("/library/items/" + a + "\"").doesNotContain("/library/items/" + video + "\"");
        HttpResponse<byte[]> odd = send(browser, at("/library?from=yesterday&lat=999&kind=%3Cscript%3E"));
        assertThat(odd.statusCode()).isEqualTo(200);
        assertThat(new String(odd.body())).contains("/library/items/" + video + "\"").doesNotContain("<script>");

        String form = "_csrf=" + java.net.URLEncoder.encode(csrf(found), java.nio.charset.StandardCharsets.UTF_8)
                + "&item=" + a + "&item=" + b;
        HttpResponse<byte[]> zip = send(browser, at("/library/download").header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
        assertThat(zip.statusCode()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        byte[] first = null;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                names.add(e.getName());
                byte[] bytes = in.readAllBytes();
                first = first == null ? bytes : first;
            }
        }
        assertThat(names).containsExactly("holiday.jpg", "holiday (2).jpg");
        assertThat(first).isEqualTo(photo);
    }

    @Test
    @DisplayName("I.5 another user's items, albums and snapshots are not found through the pages")
    void otherUsersIdsAreNotFound() throws Exception {
        String owner = Users.newEmail();
        String ownerToken = Users.signedIn(server, owner);
        String item = Content.upload(server, ownerToken, "photo.jpg", Content.resource("/media/photo.jpg")).path("id").asString();
        String album = server.http().post("/api/v1/albums", java.util.Map.of("name", "Private"), ownerToken).json()
                .path("id").asString();
        String stranger = Users.newEmail();
        Users.register(server, stranger);
        HttpClient browser = Users.webSession(server, stranger, Users.PASSWORD, null);
        for (String path : List.of("/library/items/" + item, "/library/items/" + item + "/thumbnail",
                "/library/items/" + item + "/content", "/library/albums/" + album,
                "/library/albums/" + album + "/slideshow", "/backups/0123456789abcdef")) {
            assertThat(send(browser, at(path)).statusCode()).as(path).isEqualTo(404);
        }
    }

    @Test
    @DisplayName("I.2e thumbnails have addresses that change with the picture, are kept for good and revalidate with their ETag")
    void thumbnailsAreCached() throws Exception {
        Owner owner = owner();
        String token = owner.token();
        String id = owner.photo();
        HttpClient browser = owner.browser();
        String page = new String(send(browser, at("/library")).body());
        Matcher src = Pattern.compile("src=\"(/library/items/" + id + "/thumbnail\\?v=[^\"]+)\"").matcher(page);
        assertThat(src.find()).isTrue();
        HttpResponse<byte[]> thumbnail = send(browser, at(src.group(1)));
        assertThat(thumbnail.headers().firstValue("Cache-Control")).hasValue("private, max-age=31536000, immutable");
        String etag = thumbnail.headers().firstValue("ETag").orElseThrow();
        assertThat(send(browser, at(src.group(1)).header("If-None-Match", etag)).statusCode()).isEqualTo(304);

        assertThat(server.http().patch("/api/v1/items/" + id, java.util.Map.of("edits", java.util.Map.of("rotation", 1)), token)
                .status()).isEqualTo(200);
        String after = new String(send(browser, at("/library")).body());
        assertThat(after).doesNotContain("src=\"" + src.group(1) + "\"").contains("/library/items/" + id + "/thumbnail?v=");
    }
}
