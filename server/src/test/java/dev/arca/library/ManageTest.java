package dev.arca.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.support.Content;
import dev.arca.support.Db;
import dev.arca.support.Http;
import dev.arca.support.TestServer;
import dev.arca.support.Users;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/** Organising a library: user values, versions, trash and purge, albums, tags. */
@ParameterizedClass
@EnumSource(Db.class)
class ManageTest {

    @Parameter
    Db db;

    private TestServer server() {
        return TestServer.on(db);
    }

    private Http http() {
        return server().http();
    }

    private String upload(String token, String name, byte[] bytes) {
        return Content.upload(server(), token, name, bytes).path("id").asString();
    }

    @Test
    @DisplayName("I.2e the user's title, description, tags, rating, date and place are stored apart and can be cleared")
    void userValues() {
        String token = Users.signedIn(server(), Users.newEmail());
        String id = upload(token, "x.bin", Content.random(100, 21));
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("title", "Harbour at dawn");
        changes.put("description", "Taken from the pier");
        changes.put("tags", List.of("sea", "morning", "sea"));
        changes.put("rating", 4);
        changes.put("capturedAt", "2021-06-01T05:30:00+02:00");
        changes.put("latitude", 53.55);
        changes.put("longitude", 9.99);

        JsonNode item = http().patch("/api/v1/items/" + id, changes, token).json();

        assertThat(item.path("title").asString()).isEqualTo("Harbour at dawn");
        assertThat(item.path("tags").toString()).isEqualTo("[\"morning\",\"sea\"]");
        assertThat(item.path("rating").asInt()).isEqualTo(4);
        assertThat(item.path("capturedAt").asString()).isEqualTo("2021-06-01T03:30:00Z");
        assertThat(item.path("takenAt").asString()).as("the user's date sets the timeline").isEqualTo("2021-06-01T03:30:00Z");
        assertThat(item.path("latitude").asDouble()).isEqualTo(53.55);

        Map<String, Object> clear = new LinkedHashMap<>();
        clear.put("title", null);
        clear.put("capturedAt", null);
        JsonNode cleared = http().patch("/api/v1/items/" + id, clear, token).json();
        assertThat(cleared.path("title").isNull()).isTrue();
        assertThat(cleared.path("description").asString()).as("untouched fields stay").isEqualTo("Taken from the pier");
        assertThat(cleared.path("takenAt").asString()).isEqualTo(cleared.path("createdAt").asString());

        assertThat(http().patch("/api/v1/items/" + id, Map.of("rating", 6), token).status()).isEqualTo(400);
        assertThat(http().patch("/api/v1/items/" + id, Map.of("latitude", 91), token).status()).isEqualTo(400);
        assertThat(http().patch("/api/v1/items/" + id, Map.of("owner", "x"), token).status()).isEqualTo(400);
        assertThat(http().patch("/api/v1/items/" + id, Map.of("capturedAt", "yesterday"), token).status()).isEqualTo(400);
        assertThat(http().patch("/api/v1/items/" + id, Map.of("edits", Map.of("rotation", 5)), token).status())
                .isEqualTo(400);
        assertThat(http().patch("/api/v1/items/" + id, Map.of("edits",
                Map.of("crop", Map.of("x", 0.5, "y", 0, "width", 0.6, "height", 1))), token).status()).isEqualTo(400);
    }

    @Test
    @DisplayName("replacing content keeps earlier versions, listable, downloadable and restorable")
    void versions() {
        String token = Users.signedIn(server(), Users.newEmail());
        byte[] v1 = Content.random(200_000, 22);
        byte[] v2 = Content.random(300_000, 23);
        String id = upload(token, "doc.bin", v1);
        Http.Response replaced = Content.post(server(), "/api/v1/items/" + id + "/versions", token,
                Content.multipart(Map.of("doc-v2.bin", v2)));
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(201);
        assertThat(replaced.json().path("version").asInt()).isEqualTo(2);
        assertThat(http().get("/api/v1/items/" + id + "/content", token).bytes()).isEqualTo(v2);
        assertThat(http().get("/api/v1/items/" + id + "/versions/1/content", token).bytes()).isEqualTo(v1);

        JsonNode restored = http().post("/api/v1/items/" + id + "/versions/1/restore", null, token).json();
        assertThat(restored.path("version").asInt()).isEqualTo(3);
        assertThat(restored.path("filename").asString()).isEqualTo("doc.bin");
        assertThat(http().get("/api/v1/items/" + id + "/content", token).bytes()).isEqualTo(v1);
        JsonNode versions = http().get("/api/v1/items/" + id + "/versions", token).json().path("versions");
        assertThat(versions).hasSize(3);
        assertThat(versions.get(1).path("sha256").asString()).isEqualTo(Content.sha256(v2));
        assertThat(http().get("/api/v1/items/" + id + "/versions/9/content", token).status()).isEqualTo(404);
    }

    @Test
    @DisplayName("I.2e delete moves to the trash, restore brings back, purge removes content no one else uses")
    void trashAndPurge() {
        String email = Users.newEmail();
        String token = Users.signedIn(server(), email);
        String accountId = Users.accountId(server(), email);
        byte[] shared = Content.random(800_000, 24);
        byte[] own = Content.random(600_000, 25);
        String keep = upload(token, "keep.bin", shared);
        String gone = upload(token, "gone.bin", own);
        String twin = upload(token, "twin.bin", shared);

        assertThat(http().delete("/api/v1/items/" + gone, null, token).status()).isEqualTo(204);
        assertThat(ids(http().get("/api/v1/items", token).json())).containsExactlyInAnyOrder(keep, twin);
        assertThat(ids(http().get("/api/v1/items?trashed=true", token).json())).containsExactly(gone);
        assertThat(http().post("/api/v1/items/" + gone + "/restore", null, token).json().path("trashedAt").isNull()).isTrue();

        http().delete("/api/v1/items/" + gone, null, token);
        http().delete("/api/v1/items/" + twin, null, token);
        assertThat(http().delete("/api/v1/trash/" + keep, null, token).status()).as("only trashed items purge")
                .isEqualTo(404);
        assertThat(http().delete("/api/v1/trash", null, token).json().path("purged").asInt()).isEqualTo(2);

        assertThat(http().get("/api/v1/items/" + gone, token).status()).isEqualTo(404);
        assertThat(http().get("/api/v1/items/" + keep + "/content", token).bytes())
                .as("content shared with a kept item survives").isEqualTo(shared);
        long stored = server().jdbc().sql("SELECT COALESCE(SUM(size), 0) FROM chunks WHERE account_id = ?")
                .param(accountId).query(Long.class).single();
        assertThat(stored).as("only the kept item's chunks remain").isEqualTo(shared.length);
        assertThat(blobs(accountId)).as("and only their blobs").isEqualTo(server().jdbc()
                .sql("SELECT COUNT(*) FROM chunks WHERE account_id = ?").param(accountId).query(Long.class).single());
    }

    private long blobs(String accountId) {
        try (var keys = server().bean(dev.arca.storage.BlobStore.class).list(accountId + "/c/")) {
            return keys.count();
        }
    }

    @Test
    @DisplayName("albums: create, add in order, reorder, cover, rename, remove, delete keeps the items")
    void albums() {
        String token = Users.signedIn(server(), Users.newEmail());
        String other = Users.signedIn(server(), Users.newEmail());
        String a = upload(token, "a.bin", Content.random(10, 31));
        String b = upload(token, "b.bin", Content.random(10, 32));
        String c = upload(token, "c.bin", Content.random(10, 33));
        String foreign = upload(other, "f.bin", Content.random(10, 34));

        JsonNode album = http().post("/api/v1/albums", Map.of("name", "Summer", "description", "Holidays"), token).json();
        String albumId = album.path("id").asString();
        assertThat(http().post("/api/v1/albums/" + albumId + "/items", Map.of("itemIds", List.of(b, a, c)), token)
                .json().path("itemCount").asInt()).isEqualTo(3);
        assertThat(ids(http().get("/api/v1/albums/" + albumId + "/items", token).json())).containsExactly(b, a, c);
        assertThat(http().post("/api/v1/albums/" + albumId + "/items", Map.of("itemIds", List.of(foreign)), token)
                .status()).as("another user's item").isEqualTo(400);
        assertThat(http().get("/api/v1/albums/" + albumId, other).status()).isEqualTo(404);

        http().send("PUT", "/api/v1/albums/" + albumId + "/order", Map.of("itemIds", List.of(c, b, a)), token);
        assertThat(ids(http().get("/api/v1/albums/" + albumId + "/items", token).json())).containsExactly(c, b, a);
        // An item in the trash is not shown, so the order names only the others; it keeps its place after them.
        http().delete("/api/v1/items/" + b, null, token);
        assertThat(http().send("PUT", "/api/v1/albums/" + albumId + "/order", Map.of("itemIds", List.of(a, c)), token)
                .status()).isEqualTo(200);
        assertThat(http().send("PUT", "/api/v1/albums/" + albumId + "/order", Map.of("itemIds", List.of(a, b, c)), token)
                .status()).as("the trashed item is not one to order").isEqualTo(400);
        http().post("/api/v1/items/" + b + "/restore", null, token);
        assertThat(ids(http().get("/api/v1/albums/" + albumId + "/items", token).json())).containsExactly(a, c, b);
        http().send("PUT", "/api/v1/albums/" + albumId + "/order", Map.of("itemIds", List.of(c, b, a)), token);
        assertThat(http().get("/api/v1/albums/" + albumId, token).json().path("coverItemId").asString()).isEqualTo(c);
        JsonNode renamed = http().patch("/api/v1/albums/" + albumId, Map.of("name", "Summer 2024", "coverItemId", a),
                token).json();
        assertThat(renamed.path("name").asString()).isEqualTo("Summer 2024");
        assertThat(renamed.path("coverItemId").asString()).isEqualTo(a);
        assertThat(renamed.path("description").asString()).isEqualTo("Holidays");

        http().delete("/api/v1/albums/" + albumId + "/items/" + a, null, token);
        JsonNode after = http().get("/api/v1/albums/" + albumId, token).json();
        assertThat(after.path("itemCount").asInt()).isEqualTo(2);
        assertThat(after.path("coverItemId").asString()).as("the cover falls back to the first item").isEqualTo(c);
        assertThat(ids(http().get("/api/v1/items?album=" + albumId, token).json())).containsExactlyInAnyOrder(b, c);

        assertThat(http().delete("/api/v1/albums/" + albumId, null, token).status()).isEqualTo(204);
        assertThat(http().get("/api/v1/items/" + b, token).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("tags: counts, bulk tagging, rename, merge onto an existing tag, delete")
    void tags() {
        String token = Users.signedIn(server(), Users.newEmail());
        String a = upload(token, "a.bin", Content.random(10, 41));
        String b = upload(token, "b.bin", Content.random(10, 42));
        http().post("/api/v1/items/tags", Map.of("itemIds", List.of(a, b), "add", List.of("beach", "family")), token);
        http().post("/api/v1/items/tags", Map.of("itemIds", List.of(b), "add", List.of("Beach")), token);
        assertThat(tagCounts(token)).containsEntry("beach", 2L).containsEntry("Beach", 1L).containsEntry("family", 2L);

        http().post("/api/v1/tags/merge", Map.of("from", List.of("Beach"), "into", "beach"), token);
        assertThat(tagCounts(token)).doesNotContainKey("Beach").containsEntry("beach", 2L);
        http().patch("/api/v1/tags/family", Map.of("name", "kin"), token);
        assertThat(tagCounts(token)).doesNotContainKey("family").containsEntry("kin", 2L);
        http().patch("/api/v1/tags/kin", Map.of("name", "beach"), token);
        assertThat(tagCounts(token)).containsOnlyKeys("beach");
        assertThat(http().get("/api/v1/items/" + a, token).json().path("tags").toString()).isEqualTo("[\"beach\"]");
        assertThat(http().delete("/api/v1/tags/beach", null, token).status()).isEqualTo(204);
        assertThat(http().get("/api/v1/items/" + a, token).json().path("tags")).isEmpty();
        assertThat(http().patch("/api/v1/tags/nothing", Map.of("name", "x"), token).status()).isEqualTo(404);
    }

    @Test
    @DisplayName("search and filters: text, type, dates, place, location, tag; cursor paging without repeats")
    void searchAndPaging() {
        String token = Users.signedIn(server(), Users.newEmail());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String id = upload(token, "file-" + i + ".bin", Content.random(10, 50 + i));
            Map<String, Object> changes = new LinkedHashMap<>();
            changes.put("capturedAt", "2020-01-0" + (i + 1) + "T12:00:00Z");
            if (i < 3) {
                changes.put("latitude", 48.1 + i * 0.01);
                changes.put("longitude", 11.5);
            }
            if (i == 4) {
                changes.put("description", "100% Snow_man");
                changes.put("tags", List.of("winter"));
            }
            http().patch("/api/v1/items/" + id, changes, token);
            ids.add(id);
        }

        assertThat(ids(http().get("/api/v1/items?q=snow_MAN", token).json())).containsExactly(ids.get(4));
        assertThat(ids(http().get("/api/v1/items?q=100%25", token).json())).containsExactly(ids.get(4));
        assertThat(ids(http().get("/api/v1/items?q=%25", token).json())).as("punctuation alone finds nothing").isEmpty();
        assertThat(ids(http().get("/api/v1/items?q=winter", token).json())).as("tags are searched").containsExactly(ids.get(4));
        assertThat(ids(http().get("/api/v1/items?tag=winter", token).json())).containsExactly(ids.get(4));
        assertThat(ids(http().get("/api/v1/items?hasLocation=true", token).json()))
                .containsExactlyInAnyOrder(ids.get(0), ids.get(1), ids.get(2));
        assertThat(ids(http().get("/api/v1/items?bbox=11.4,48.09,11.6,48.115", token).json()))
                .containsExactlyInAnyOrder(ids.get(0), ids.get(1));
        assertThat(ids(http().get("/api/v1/items?from=2020-01-03T00:00:00Z&to=2020-01-05T00:00:00Z", token).json()))
                .containsExactly(ids.get(3), ids.get(2));
        assertThat(ids(http().get("/api/v1/items?type=other", token).json())).hasSize(7);
        assertThat(ids(http().get("/api/v1/items?type=video", token).json())).isEmpty();
        assertThat(http().get("/api/v1/items?type=spreadsheet", token).status()).isEqualTo(400);
        assertThat(http().get("/api/v1/items?sort=owner", token).status()).isEqualTo(400);
        assertThat(http().get("/api/v1/items?cursor=not-a-cursor", token).status()).isEqualTo(400);
        assertThat(http().get("/api/v1/items?bbox=1,2,3", token).status()).isEqualTo(400);

        for (String sort : List.of("-takenAt", "takenAt", "filename", "-createdAt", "size")) {
            List<String> seen = new ArrayList<>();
            String cursor = null;
            do {
                JsonNode page = http().get("/api/v1/items?limit=3&sort=" + sort
                        + (cursor == null ? "" : "&cursor=" + cursor), token).json();
                seen.addAll(ids(page));
                cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asString();
            } while (cursor != null);
            assertThat(seen).as(sort).hasSize(7);
            assertThat(new HashSet<>(seen)).as(sort).hasSize(7);
            if (sort.equals("-takenAt")) {
                assertThat(seen).containsExactlyElementsOf(ids.reversed());
            }
            if (sort.equals("filename")) {
                assertThat(seen).containsExactlyElementsOf(ids);
            }
        }
        JsonNode days = http().get("/api/v1/timeline", token).json().path("days");
        assertThat(days).hasSize(7);
        assertThat(days.get(0).path("date").asString()).isEqualTo("2020-01-07");
        assertThat(days.get(0).path("count").asInt()).isEqualTo(1);
    }

    private Map<String, Long> tagCounts(String token) {
        Map<String, Long> counts = new LinkedHashMap<>();
        http().get("/api/v1/tags", token).json().path("tags")
                .forEach(t -> counts.put(t.path("name").asString(), t.path("count").asLong()));
        return counts;
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(i -> ids.add(i.path("id").asString()));
        return ids;
    }

    @Test
    @DisplayName("I.2e names, titles, descriptions and tags with a NUL or other control character are refused with 400")
    void controlCharactersAreRefused() {
        String token = Users.signedIn(server(), Users.newEmail());
        String item = upload(token, "a.bin", Content.random(100, 41));
        String album = http().post("/api/v1/albums", Map.of("name", "Summer"), token).json().path("id").asString();

        List<Http.Response> refused = List.of(
                http().post("/api/v1/albums", Map.of("name", "Sum\u0000mer"), token),
                http().post("/api/v1/albums", Map.of("name", "Summer", "description", "a\u0000b"), token),
                http().patch("/api/v1/albums/" + album, Map.of("name", "two\nlines"), token),
                http().patch("/api/v1/albums/" + album, Map.of("description", "bell\u0007"), token),
                http().patch("/api/v1/items/" + item, Map.of("title", "a\u0000b"), token),
                http().patch("/api/v1/items/" + item, Map.of("description", "escape\u001b[31m"), token),
                http().patch("/api/v1/items/" + item, Map.of("filename", "x\u0000.jpg"), token),
                http().patch("/api/v1/items/" + item, Map.of("tags", List.of("fine", "not\u0000fine")), token),
                http().post("/api/v1/items/tags", Map.of("itemIds", List.of(item), "add", List.of("\u0000")), token),
                http().send("PATCH", "/api/v1/tags/fine", Map.of("name", "re\u0000named"), token),
                http().post("/api/v1/shares", Map.of("itemIds", List.of(item), "title", "Trip\u0000"), token),
                http().post("/api/v1/albums", Map.of("name", "half \ud800 a pair"), token));
        for (Http.Response response : refused) {
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        assertThat(http().get("/api/v1/albums", token).json().path("albums")).hasSize(1);
        assertThat(http().get("/api/v1/albums/" + album, token).json().path("name").asString()).isEqualTo("Summer");
        assertThat(http().get("/api/v1/items/" + item, token).json().path("title").isNull()).isTrue();

        Http.Response lines = http().patch("/api/v1/albums/" + album, Map.of("description", "line one\nline two\tend"),
                token);
        assertThat(lines.status()).as("descriptions keep line breaks and tabs").isEqualTo(200);
        assertThat(lines.json().path("description").asString()).isEqualTo("line one\nline two\tend");
        assertThat(http().patch("/api/v1/items/" + item, Map.of("description", "a\r\nb", "title", "Überschrift 🌅"),
                token).status()).isEqualTo(200);
    }
}
