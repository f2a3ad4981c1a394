package dev.arca.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.library.internal.TimelineMoves;
import dev.arca.support.Content;
import dev.arca.support.Db;
import dev.arca.support.Http;
import dev.arca.support.TestServer;
import dev.arca.support.Users;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * Paging through the timeline while items move on it (docs/search.md, "Paging"): a page after
 * the first lists items where they were when the first was listed, so none is repeated or skipped.
 */
@ParameterizedClass
@EnumSource(Db.class)
class TimelinePagingTest {

    @Parameter
    Db db;

    private TestServer server() {
        return TestServer.on(db);
    }

    private Http http() {
        return server().http();
    }

    private record Page(List<String> ids, String next) {}

    private Page page(String token, String query, String cursor) {
        JsonNode page = http().get("/api/v1/items?" + query + (cursor == null ? "" : "&cursor=" + cursor), token).json();
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path("id").asString()));
        JsonNode next = page.path("nextCursor");
        return new Page(ids, next.isNull() || next.isMissingNode() ? null : next.asString());
    }

    private void date(String token, String id, String day) {
        assertThat(http().patch("/api/v1/items/" + id, Map.of("capturedAt", day + "T12:00:00Z"), token).status())
                .isEqualTo(200);
    }

    @Test
    @DisplayName("an item moved after the first page is listed once, where it was: neither repeated nor skipped")
    void movesBetweenPages() {
        String token = Users.signedIn(server(), Users.newEmail());
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            String id = Content.upload(server(), token, "p" + i + ".bin", Content.random(16, 300 + i)).path("id").asString();
            date(token, id, "2020-01-%02d".formatted(i));
            ids.add(id);
        }
        String query = "limit=4";
        Page first = page(token, query, null);
        assertThat(first.ids()).containsExactly(ids.get(11), ids.get(10), ids.get(9), ids.get(8));

        date(token, ids.get(11), "2019-01-01"); // listed already; would come again at the end
        date(token, ids.get(0), "2021-01-01"); // not listed yet; would never come
        date(token, ids.get(5), "2019-06-01"); // not listed yet, moved further down
        date(token, ids.get(5), "2022-01-01"); // and then up: where it was at the first page counts

        List<String> listed = new ArrayList<>(first.ids());
        for (String cursor = first.next(); cursor != null; ) {
            Page next = page(token, query, cursor);
            listed.addAll(next.ids());
            cursor = next.next();
        }
        assertThat(listed).as("every item once, in the order of the first page's moment")
                .containsExactlyElementsOf(ids.reversed());

        // A new listing shows where they are now.
        assertThat(page(token, "limit=2", null).ids()).containsExactly(ids.get(5), ids.get(0));

        // Within a date range, by where items were: one listed and then moved out is not listed
        // again, one moved in after the first page stays out, as it was out then.
        Page inRange = page(token, "limit=2&from=2020-01-02T00:00:00Z&to=2020-01-05T00:00:00Z", null);
        date(token, ids.get(2), "2020-01-10");
        date(token, ids.get(6), "2020-01-02");
        List<String> ranged = new ArrayList<>(inRange.ids());
        for (String cursor = inRange.next(); cursor != null; ) {
            Page next = page(token, "limit=2&from=2020-01-02T00:00:00Z&to=2020-01-05T00:00:00Z", cursor);
            ranged.addAll(next.ids());
            cursor = next.next();
        }
        assertThat(ranged).containsExactly(ids.get(3), ids.get(2), ids.get(1));
    }

    @Test
    @DisplayName("paging through uploads while their metadata is extracted lists each exactly once")
    void pagingDuringExtraction() throws Exception {
        String token = Users.signedIn(server(), Users.newEmail());
        byte[] photo = Content.resource("/media/photo.jpg");
        List<String> uploaded = java.util.Collections.synchronizedList(new ArrayList<>());
        // Photos keep arriving while the timeline is paged, and extraction moves each from its
        // upload time down to its capture date (2024), past the cursors of pages being listed.
        Thread uploader = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 40; i++) {
                uploaded.add(Content.upload(server(), token, "photo-" + i + ".jpg", photo).path("id").asString());
            }
        });
        int passes = 0;
        do {
            List<String> present = List.copyOf(uploaded);
            List<String> listed = new ArrayList<>();
            Page page = page(token, "limit=3", null);
            listed.addAll(page.ids());
            while (page.next() != null) {
                page = page(token, "limit=3", page.next());
                listed.addAll(page.ids());
            }
            assertThat(listed).as("pass %d", passes).doesNotHaveDuplicates().containsAll(present);
            passes++;
        } while (uploader.isAlive() || passes < 3);
        uploader.join();
        long moved = server().jdbc().sql("SELECT COUNT(*) FROM timeline_moves WHERE item_id IN (" + String.join(", ",
                uploaded.stream().map(id -> "?").toList()) + ")").params(new ArrayList<>(uploaded))
                .query(Long.class).single();
        assertThat(moved).as("extraction moved the photos").isPositive();
    }

    /** The days as the timeline answers them. */
    private Map<String, Long> timeline(String token) {
        Map<String, Long> days = new java.util.LinkedHashMap<>();
        http().get("/api/v1/timeline", token).json().path("days")
                .forEach(d -> days.put(d.path("date").asString(), d.path("count").asLong()));
        return days;
    }

    /** The days counted from the items themselves. */
    private Map<String, Long> counted(String token) {
        Map<String, Long> days = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
        JsonNode items = http().get("/api/v1/items?limit=500", token).json().path("items");
        items.forEach(item -> days.merge(item.path("takenAt").asString().substring(0, 10), 1L, Long::sum));
        return days;
    }

    @Test
    @DisplayName("the timeline's day counts follow uploads, extraction, date changes, trash, restore and purge")
    void dayCountsFollowEveryChange() throws Exception {
        String token = Users.signedIn(server(), Users.newEmail());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(Content.upload(server(), token, "d" + i + ".bin", Content.random(16, 900 + i)).path("id").asString());
        }
        String photo = Content.upload(server(), token, "photo.jpg", Content.resource("/media/photo.jpg"))
                .path("id").asString();
        date(token, ids.get(0), "1969-12-31"); // before 1970: the day is not rounded towards zero
        date(token, ids.get(1), "2020-02-29");
        date(token, ids.get(2), "2020-02-29");
        assertThat(http().delete("/api/v1/items/" + ids.get(3), null, token).status()).isEqualTo(204);
        assertThat(http().delete("/api/v1/items/" + ids.get(3), null, token).status()).as("twice").isEqualTo(204);
        assertThat(http().delete("/api/v1/items/" + ids.get(4), null, token).status()).isEqualTo(204);
        assertThat(http().post("/api/v1/items/" + ids.get(4) + "/restore", null, token).status()).isEqualTo(200);
        assertThat(http().post("/api/v1/items/" + ids.get(4) + "/restore", null, token).status()).as("twice")
                .isEqualTo(200);
        assertThat(http().delete("/api/v1/items/" + ids.get(5), null, token).status()).isEqualTo(204);
        date(token, ids.get(5), "2001-01-01"); // moved while in the trash: still not counted
        assertThat(http().delete("/api/v1/trash/" + ids.get(5), null, token).status()).isEqualTo(204);
        // The photo's extraction moves it to the day it was taken.
        for (int i = 0; i < 100 && !http().get("/api/v1/items/" + photo, token).json().path("takenAt").asString()
                .startsWith("2024"); i++) {
            Thread.sleep(100);
        }
        Map<String, Long> days = timeline(token);
        assertThat(days).isEqualTo(counted(token));
        assertThat(days).containsEntry("1969-12-31", 1L).containsEntry("2020-02-29", 2L).containsKey("2024-05-17");
        assertThat(days.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(5);
    }

    @Test
    @DisplayName("moves older than a day are forgotten")
    void movesArePruned() {
        String token = Users.signedIn(server(), Users.newEmail());
        String id = Content.upload(server(), token, "old.bin", Content.random(16, 77)).path("id").asString();
        date(token, id, "2018-01-01");
        server().jdbc().sql("UPDATE timeline_moves SET moved_at = ? WHERE item_id = ?")
                .params(System.currentTimeMillis() - TimelineMoves.KEPT.toMillis() - 1000, id).update();
        assertThat(server().bean(TimelineMoves.class).prune()).isPositive();
        assertThat(server().jdbc().sql("SELECT COUNT(*) FROM timeline_moves WHERE item_id = ?").param(id)
                .query(Long.class).single()).isZero();
    }
}
