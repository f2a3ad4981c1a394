package dev.arca.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.library.internal.SearchTerms;
import dev.arca.support.Content;
import dev.arca.support.Db;
import dev.arca.support.TestServer;
import dev.arca.support.Users;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Text search (docs/search.md) on both databases at once: the same library is built on SQLite and
 * on PostgreSQL, and every query must find the same items in the same order on both, besides
 * finding what the word rules promise.
 */
class SearchTest {

    /** File name, title, description, tags, album: one item of the library each. */
    private record Entry(String filename, String title, String description, List<String> tags, String album) {}

    private static final List<Entry> LIBRARY = List.of(
            new Entry("IMG_0001.jpg", "Harbour at dawn", null, List.of("sea"), null),
            new Entry("IMG_0002.jpg", "Hafen in Lübeck", "Müller und Söhne am Kai", List.of(), "Urlaub Ostsee"),
            new Entry("DSC01234.JPG", "Café Crème", "naïve façade, Ærø", List.of("Straße"), null),
            new Entry("birthday-party.mov", null, "Anna's 30th birthday", List.of("family"), "Urlaub Ostsee"),
            new Entry("harbour_lights.png", "Night", "Lights on the HARBOUR wall", List.of(), null),
            new Entry("東京タワー.jpg", "東京の夜", null, List.of(), null),
            new Entry("scan 100%.pdf", "Tax 2023", "form_B", List.of("paperwork"), null),
            new Entry("garden.heic", "Garden", "roses", List.of("family", "summer"), null));

    /** Queries and, for each, the file names it must find, newest first (the upload order reversed). */
    private static final Map<String, List<String>> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("harbour", List.of("harbour_lights.png", "IMG_0001.jpg"));
        EXPECTED.put("HARB", List.of("harbour_lights.png", "IMG_0001.jpg"));
        EXPECTED.put("harbour dawn", List.of("IMG_0001.jpg"));
        EXPECTED.put("dawn harbour", List.of("IMG_0001.jpg"));
        EXPECTED.put("lubeck", List.of("IMG_0002.jpg"));
        EXPECTED.put("Lübeck", List.of("IMG_0002.jpg"));
        EXPECTED.put("luebeck", List.of("IMG_0002.jpg"));
        EXPECTED.put("mueller sohne", List.of("IMG_0002.jpg"));
        EXPECTED.put("cafe creme", List.of("DSC01234.JPG"));
        EXPECTED.put("naive", List.of("DSC01234.JPG"));
        EXPECTED.put("aero", List.of("DSC01234.JPG"));
        EXPECTED.put("strasse", List.of("DSC01234.JPG"));
        EXPECTED.put("dsc01234", List.of("DSC01234.JPG"));
        EXPECTED.put("img", List.of("IMG_0002.jpg", "IMG_0001.jpg"));
        EXPECTED.put("img_0002", List.of("IMG_0002.jpg"));
        EXPECTED.put("0001", List.of("IMG_0001.jpg"));
        EXPECTED.put("fam", List.of("garden.heic", "birthday-party.mov"));
        EXPECTED.put("family roses", List.of("garden.heic"));
        EXPECTED.put("ostsee", List.of("birthday-party.mov", "IMG_0002.jpg"));
        EXPECTED.put("urlaub birthday", List.of("birthday-party.mov"));
        EXPECTED.put("anna", List.of("birthday-party.mov"));
        EXPECTED.put("東京", List.of("東京タワー.jpg"));
        EXPECTED.put("タワー", List.of("東京タワー.jpg"));
        EXPECTED.put("100", List.of("scan 100%.pdf"));
        EXPECTED.put("form_b", List.of("scan 100%.pdf"));
        EXPECTED.put("2023 tax", List.of("scan 100%.pdf"));
        EXPECTED.put("jpg", List.of("東京タワー.jpg", "DSC01234.JPG", "IMG_0002.jpg", "IMG_0001.jpg"));
        EXPECTED.put("%", List.of());
        EXPECTED.put("  -- ", List.of());
        EXPECTED.put("harbourside", List.of());
        EXPECTED.put("x", List.of());
    }

    private static final Map<Db, String> TOKENS = new EnumMap<>(Db.class);
    private static final Map<Db, String> OTHERS = new EnumMap<>(Db.class);

    @BeforeAll
    static void buildLibraries() {
        for (Db db : Db.values()) {
            TestServer server = TestServer.on(db);
            String token = Users.signedIn(server, Users.newEmail());
            Map<String, String> albums = new LinkedHashMap<>();
            for (int i = 0; i < LIBRARY.size(); i++) {
                Entry entry = LIBRARY.get(i);
                String id = Content.upload(server, token, entry.filename(), Content.random(64, entry.filename().hashCode()))
                        .path("id").asString();
                Map<String, Object> changes = new LinkedHashMap<>();
                changes.put("title", entry.title());
                changes.put("description", entry.description());
                changes.put("tags", entry.tags());
                changes.put("capturedAt", "2020-01-0" + (i + 1) + "T12:00:00Z");
                assertThat(server.http().patch("/api/v1/items/" + id, changes, token).status()).isEqualTo(200);
                if (entry.album() != null) {
                    String album = albums.computeIfAbsent(entry.album(), name -> server.http()
                            .post("/api/v1/albums", Map.of("name", name), token).json().path("id").asString());
                    server.http().post("/api/v1/albums/" + album + "/items", Map.of("itemIds", List.of(id)), token);
                }
            }
            TOKENS.put(db, token);
            // Another account with the same words: never found by the first.
            String other = Users.signedIn(server, Users.newEmail());
            String id = Content.upload(server, other, "IMG_0003.jpg", Content.random(64, 3)).path("id").asString();
            server.http().patch("/api/v1/items/" + id, Map.of("title", "harbour family Lübeck"), other);
            OTHERS.put(db, other);
        }
    }

    private static List<String> found(Db db, String token, String query, int limit) {
        List<String> names = new ArrayList<>();
        String cursor = null;
        do {
            String path = "/api/v1/items?limit=" + limit + "&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                    + (cursor == null ? "" : "&cursor=" + cursor);
            JsonNode page = TestServer.on(db).http().get(path, token).json();
            page.path("items").forEach(item -> names.add(item.path("filename").asString()));
            cursor = page.path("nextCursor").isNull() || page.path("nextCursor").isMissingNode() ? null
                    : page.path("nextCursor").asString();
        } while (cursor != null);
        return names;
    }

    @Test
    @DisplayName("text search: prefixes, accents and case folded, German umlauts either way, every word required, tags and albums")
    void wordRules() {
        for (Db db : Db.values()) {
            EXPECTED.forEach((query, names) -> assertThat(found(db, TOKENS.get(db), query, 100))
                    .as("%s on %s", query, db).containsExactlyElementsOf(names));
        }
    }

    @Test
    @DisplayName("text search finds the same items in the same order on SQLite and PostgreSQL, page by page")
    void sameOnBothDatabases() {
        List<String> queries = new ArrayList<>(EXPECTED.keySet());
        queries.addAll(List.of("i", "h", "a", "u", "s", "f", "2", "ü", "ae"));
        for (String query : queries) {
            List<String> onSqlite = found(Db.SQLITE, TOKENS.get(Db.SQLITE), query, 100);
            assertThat(found(Db.POSTGRES, TOKENS.get(Db.POSTGRES), query, 100)).as(query)
                    .containsExactlyElementsOf(onSqlite);
            assertThat(found(Db.SQLITE, TOKENS.get(Db.SQLITE), query, 1)).as("%s one per page", query)
                    .containsExactlyElementsOf(onSqlite);
        }
        assertThat(found(Db.SQLITE, TOKENS.get(Db.SQLITE), "h", 100)).as("a one-letter prefix finds many")
                .hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    @DisplayName("text search stays within the account")
    void otherAccounts() {
        for (Db db : Db.values()) {
            assertThat(found(db, OTHERS.get(db), "harbour", 100)).containsExactly("IMG_0003.jpg");
            assertThat(found(db, OTHERS.get(db), "birthday", 100)).isEmpty();
            assertThat(found(db, TOKENS.get(db), "img_0003", 100)).isEmpty();
        }
    }

    @Test
    @DisplayName("a title change, a new name and a version are found at once; items written before the index are indexed")
    void indexFollowsChanges() {
        for (Db db : Db.values()) {
            TestServer server = TestServer.on(db);
            String token = Users.signedIn(server, Users.newEmail());
            String id = Content.upload(server, token, "before.jpg", Content.random(64, 7)).path("id").asString();
            assertThat(found(db, token, "before", 100)).containsExactly("before.jpg");

            server.http().patch("/api/v1/items/" + id, Map.of("title", "Zugspitze", "filename", "after.jpg"), token);
            assertThat(found(db, token, "zugspitze", 100)).containsExactly("after.jpg");
            assertThat(found(db, token, "before", 100)).isEmpty();
            server.http().patch("/api/v1/items/" + id, java.util.Collections.singletonMap("title", null), token);
            assertThat(found(db, token, "zugspitze", 100)).isEmpty();

            // As after an upgrade from a release without the index, or under older word rules.
            server.jdbc().sql("DELETE FROM search_terms WHERE item_id = ?").param(id).update();
            server.jdbc().sql("UPDATE items SET terms_version = NULL WHERE id = ?").param(id).update();
            assertThat(found(db, token, "after", 100)).isEmpty();
            assertThat(server.bean(SearchTerms.class).indexPending()).isPositive();
            assertThat(found(db, token, "after", 100)).containsExactly("after.jpg");
        }
    }
}
