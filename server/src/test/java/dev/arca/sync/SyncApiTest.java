package dev.arca.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.protocol.chunk.FastCdc;
import dev.arca.protocol.delta.Delta;
import dev.arca.protocol.delta.Signature;
import dev.arca.protocol.manifest.ChunkPack;
import dev.arca.protocol.manifest.FileManifest;
import dev.arca.protocol.manifest.ManifestPatch;
import dev.arca.support.Chunked;
import dev.arca.support.Content;
import dev.arca.support.Db;
import dev.arca.support.Http;
import dev.arca.support.TestServer;
import dev.arca.support.Users;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

@ParameterizedClass
@EnumSource(Db.class)
class SyncApiTest {

    @Parameter
    Db db;

    private final String device = UUID.randomUUID().toString();

    private TestServer server() {
        return TestServer.on(db);
    }

    /** Sends what is missing and commits; returns the response of the commit. */
    private Http.Response sync(String token, String folder, String path, byte[] bytes, long base) {
        return commit(token, folder, path, Chunked.store(server(), token, bytes), base);
    }

    private Http.Response commit(String token, String folder, String path, FileManifest manifest, long base) {
        Map<String, Object> body = new HashMap<>();
        body.put("folder", folder);
        body.put("path", path);
        body.put("manifest", manifest.encode());
        body.put("baseVersion", base);
        body.put("mtime", 1_700_000_000_000L);
        body.put("deviceId", device);
        return server().http().post("/api/v1/sync/files", body, token);
    }

    private JsonNode changes(String token, long after) {
        Http.Response response = server().http().get("/api/v1/sync/changes?after=" + after, token);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    @Test
    @DisplayName("I.2f a file goes up as missing chunks and a commit; the journal lists it; identical content is stored once")
    void commitAndJournal() {
        String token = Users.signedIn(server(), Users.newEmail());
        byte[] bytes = Content.random(3 * 1024 * 1024, 1);
        Chunked.Cut cut = Chunked.cut(bytes);
        assertThat(cut.manifest().chunks()).hasSizeGreaterThan(1);
        assertThat(Chunked.missing(server(), token, cut.manifest())).hasSize(cut.manifest().chunks().size());

        Http.Response first = sync(token, "Pictures", "2026/holiday.bin", bytes, 0);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        long revision = first.json().path("seq").asLong();
        assertThat(first.json().path("kind").asString()).isEqualTo("put");
        assertThat(Chunked.missing(server(), token, cut.manifest())).isEmpty();

        // The same content under another name costs no chunk and no second copy.
        Http.Response copy = commit(token, "Pictures", "copy.bin", cut.manifest(), 0);
        assertThat(copy.status()).isEqualTo(200);
        String account = server().jdbc().sql("SELECT account_id FROM sync_files WHERE path = 'copy.bin' AND item_id <> ?")
                .param(first.json().path("itemId").asString()).query(String.class).list().getFirst();
        assertThat(server().jdbc().sql("SELECT COUNT(*) FROM chunks WHERE account_id = ?").param(account)
                .query(Integer.class).single()).isEqualTo(cut.manifest().chunks().size());

        JsonNode page = changes(token, 0);
        assertThat(page.path("entries")).hasSize(2);
        assertThat(page.path("entries").get(0).path("path").asString()).isEqualTo("2026/holiday.bin");
        assertThat(page.path("entries").get(0).path("sha256").asString()).isEqualTo(Content.sha256(bytes));
        assertThat(page.path("cursor").asLong()).isEqualTo(copy.json().path("seq").asLong());
        assertThat(changes(token, page.path("cursor").asLong()).path("entries")).isEmpty();

        // The file is a library item, and its manifest and chunks come back.
        String itemId = first.json().path("itemId").asString();
        assertThat(server().http().get("/api/v1/items/" + itemId, token).json().path("filename").asString())
                .isEqualTo("holiday.bin");
        Http.Response manifest = server().http().get("/api/v1/sync/manifests/" + itemId + "/1", token);
        assertThat(FileManifest.parse(manifest.text())).isEqualTo(cut.manifest());
        String firstChunk = cut.manifest().chunks().getFirst().sha256();
        assertThat(server().http().get("/api/v1/sync/chunks/" + firstChunk, token).bytes())
                .isEqualTo(cut.pieces().get(firstChunk));

        // Committing the same again (an answer lost on the way) changes nothing.
        Http.Response again = commit(token, "Pictures", "2026/holiday.bin", cut.manifest(), 0);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("seq").asLong()).isEqualTo(revision);
        assertThat(changes(token, page.path("cursor").asLong()).path("entries")).isEmpty();
    }

    @Test
    @DisplayName("I.2f a change based on an old version is refused with the current one; nothing is overwritten")
    void conflicts() {
        String token = Users.signedIn(server(), Users.newEmail());
        long v1 = sync(token, "Docs", "note.txt", "first".getBytes(), 0).json().path("seq").asLong();
        Http.Response mine = sync(token, "Docs", "note.txt", "mine".getBytes(), v1);
        assertThat(mine.status()).isEqualTo(200);
        Http.Response theirs = sync(token, "Docs", "note.txt", "theirs".getBytes(), v1);
        assertThat(theirs.status()).isEqualTo(409);
        assertThat(theirs.json().path("type").asString()).isEqualTo("urn:arca:problem:sync-conflict");
        assertThat(theirs.json().path("current").path("revision").asLong()).isEqualTo(mine.json().path("seq").asLong());
        assertThat(theirs.json().path("current").path("sha256").asString()).isEqualTo(Content.sha256("mine".getBytes()));
        // A new file where one exists is a conflict too.
        assertThat(sync(token, "Docs", "note.txt", "other".getBytes(), 0).status()).isEqualTo(409);
        // Every committed content is still in the item's versions.
        String itemId = mine.json().path("itemId").asString();
        assertThat(server().http().get("/api/v1/items/" + itemId + "/versions", token).json().path("versions"))
                .hasSize(2);
    }

    @Test
    @DisplayName("I.2f a move sends no content; a delete goes to the trash and can be restored")
    void moveAndDelete() {
        String token = Users.signedIn(server(), Users.newEmail());
        Http.Response put = sync(token, "Music", "a/song.mp3", Content.random(10_000, 3), 0);
        long v1 = put.json().path("seq").asLong();
        String itemId = put.json().path("itemId").asString();
        Http.Response moved = server().http().post("/api/v1/sync/moves", Map.of("folder", "Music", "from", "a/song.mp3",
                "to", "b/tune.mp3", "baseVersion", v1, "deviceId", device), token);
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(moved.json().path("kind").asString()).isEqualTo("move");
        assertThat(moved.json().path("from").asString()).isEqualTo("a/song.mp3");
        assertThat(moved.json().path("itemId").asString()).isEqualTo(itemId);
        assertThat(server().http().get("/api/v1/items/" + itemId, token).json().path("filename").asString())
                .isEqualTo("tune.mp3");
        // The old version no longer applies.
        assertThat(server().http().post("/api/v1/sync/deletes", Map.of("folder", "Music", "path", "b/tune.mp3",
                "baseVersion", v1), token).status()).isEqualTo(409);
        Http.Response deleted = server().http().post("/api/v1/sync/deletes", Map.of("folder", "Music",
                "path", "b/tune.mp3", "baseVersion", moved.json().path("seq").asLong()), token);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(server().http().get("/api/v1/items/" + itemId, token).json().path("trashedAt").isNull()).isFalse();
        assertThat(server().http().post("/api/v1/items/" + itemId + "/restore", Map.of(), token).status())
                .isBetween(200, 204);
        List<String> kinds = new ArrayList<>();
        changes(token, 0).path("entries").forEach(e -> kinds.add(e.path("kind").asString()));
        assertThat(kinds).containsExactly("put", "move", "delete");
    }

    @Test
    @DisplayName("I.2f a client waiting for changes is answered as soon as another device commits")
    void longPoll() throws Exception {
        String token = Users.signedIn(server(), Users.newEmail());
        long cursor = changes(token, 0).path("cursor").asLong();
        CompletableFuture<Http.Response> waiting = CompletableFuture.supplyAsync(
                () -> server().http().get("/api/v1/sync/changes?wait=30&after=" + cursor, token));
        Thread.sleep(300);
        assertThat(waiting).isNotDone();
        sync(token, "Inbox", "new.txt", "hello".getBytes(), 0);
        Http.Response answer = waiting.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(answer.json().path("entries").get(0).path("path").asString()).isEqualTo("new.txt");
    }

    @Test
    @DisplayName("I.2f bad input is refused clearly and stores nothing: wrong hashes, hostile paths, foreign ids")
    void badInput() {
        String token = Users.signedIn(server(), Users.newEmail());
        byte[] bytes = Content.random(5_000, 9);
        Http.Response wrong = Chunked.putChunk(server(), token, Content.sha256("something else".getBytes()), bytes);
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().path("type").asString()).isEqualTo("urn:arca:problem:checksum-mismatch");
        assertThat(Chunked.putChunk(server(), token, "not-a-hash", bytes).status()).isEqualTo(400);
        assertThat(Chunked.putChunk(server(), token, Content.sha256(new byte[FastCdc.DEFAULT.maxSize() + 1]),
                new byte[FastCdc.DEFAULT.maxSize() + 1]).status()).isEqualTo(413);

        // A manifest of chunks never sent.
        Chunked.Cut cut = Chunked.cut(bytes);
        Http.Response missing = commit(token, "F", "x.bin", cut.manifest(), 0);
        assertThat(missing.status()).isEqualTo(409);
        assertThat(missing.json().path("missing").get(0).asString()).isEqualTo(cut.manifest().chunks().get(0).sha256());

        // A manifest that lies about the file's hash.
        Chunked.putChunk(server(), token, cut.manifest().chunks().get(0).sha256(), bytes);
        FileManifest lie = new FileManifest(bytes.length, cut.manifest().sha256(), cut.manifest().chunks());
        assertThat(commit(token, "F", "ok.bin", lie, 0).status()).isEqualTo(200);
        Chunked.Cut two = Chunked.cut(Content.random(3 * 1024 * 1024, 10));
        for (var e : two.pieces().entrySet()) {
            Chunked.putChunk(server(), token, e.getKey(), e.getValue());
        }
        FileManifest forged = new FileManifest(two.manifest().size(), Content.sha256("forged".getBytes()),
                two.manifest().chunks());
        assertThat(commit(token, "F", "forged.bin", forged, 0).status()).isEqualTo(400);

        for (String path : List.of("../escape", "a/../../b", "/abs", "a//b", "", "con\u0000trol", "a/./b", ".",
                "..\\..\\escape", "C:\\Windows\\x", "n".repeat(256))) {
            Http.Response bad = commit(token, "F", path, cut.manifest(), 0);
            assertThat(bad.status()).as(path).isEqualTo(400);
        }
        assertThat(commit(token, "a/b", "x", cut.manifest(), 0).status()).isEqualTo(400);
        assertThat(server().http().get("/api/v1/sync/changes?wait=999", token).status()).isEqualTo(400);

        // Another account sees none of this.
        String other = Users.signedIn(server(), Users.newEmail());
        String itemId = changes(token, 0).path("entries").get(0).path("itemId").asString();
        assertThat(server().http().get("/api/v1/sync/manifests/" + itemId + "/1", other).status()).isEqualTo(404);
        assertThat(server().http().get("/api/v1/sync/chunks/" + cut.manifest().chunks().get(0).sha256(), other).status())
                .isEqualTo(404);
        assertThat(changes(other, 0).path("entries")).isEmpty();
        assertThat(server().http().get("/api/v1/sync/changes", null).status()).isEqualTo(401);
    }

    @Test
    @DisplayName("I.2f a one-byte change goes up as a delta to the old chunk and a patch of the old manifest")
    void deltaAndPatch() {
        String token = Users.signedIn(server(), Users.newEmail());
        byte[] bytes = Content.random(3 * 1024 * 1024, 21);
        Http.Response first = sync(token, "Videos", "big.bin", bytes, 0);
        FileManifest before = Chunked.cut(bytes).manifest();
        bytes[1_500_000] ^= 1;
        Chunked.Cut after = Chunked.cut(bytes);
        List<String> missing = Chunked.missing(server(), token, after.manifest());
        assertThat(missing).hasSize(1);
        String changed = missing.getFirst();
        int index = after.manifest().chunks().stream().map(c -> c.sha256()).toList().indexOf(changed);
        String base = before.chunks().get(index).sha256();

        byte[] signature = server().http().get("/api/v1/sync/chunks/" + base + "/signature", token).bytes();
        byte[] delta = Delta.encode(after.pieces().get(changed), Signature.decode(signature));
        assertThat(delta.length).isLessThan(5_000);
        assertThat(Content.send(server(), "PUT", "/api/v1/sync/chunks/" + changed + "?base=" + base, token,
                "application/octet-stream", "garbage".getBytes(), Map.of()).status()).isEqualTo(400);
        assertThat(Chunked.missing(server(), token, after.manifest())).hasSize(1);
        assertThat(Content.send(server(), "PUT", "/api/v1/sync/chunks/" + changed + "?base=" + base, token,
                "application/octet-stream", delta, Map.of()).status()).isEqualTo(204);
        assertThat(server().http().get("/api/v1/sync/chunks/" + changed, token).bytes())
                .isEqualTo(after.pieces().get(changed));

        String patch = ManifestPatch.diff(before, after.manifest());
        Map<String, Object> body = new HashMap<>();
        body.put("folder", "Videos");
        body.put("path", "big.bin");
        body.put("patch", patch);
        body.put("baseVersion", first.json().path("seq").asLong());
        body.put("mtime", 1L);
        Map<String, Object> stale = new HashMap<>(body);
        stale.put("baseVersion", 999L);
        assertThat(server().http().post("/api/v1/sync/files", stale, token).status()).isEqualTo(409);
        Map<String, Object> wrongBase = new HashMap<>(body);
        wrongBase.put("patch", ManifestPatch.diff(after.manifest(), after.manifest()));
        assertThat(server().http().post("/api/v1/sync/files", wrongBase, token).status()).isEqualTo(400);
        Http.Response committed = server().http().post("/api/v1/sync/files", body, token);
        assertThat(committed.status()).as(committed.toString()).isEqualTo(200);
        assertThat(committed.json().path("sha256").asString()).isEqualTo(Content.sha256(bytes));
    }

    @Test
    @DisplayName("I.2f small chunks go in packs and commits in batches; a bad chunk or commit spoils nothing else")
    void packsAndBatches() {
        String token = Users.signedIn(server(), Users.newEmail());
        byte[][] files = {Content.random(5_000, 31), Content.random(6_000, 32), Content.random(7_000, 33)};
        ChunkPack.Writer bad = new ChunkPack.Writer();
        bad.add(Content.sha256(files[0]), files[0]);
        bad.add(Content.sha256(files[1]), files[2]);
        Http.Response refused = Content.send(server(), "POST", "/api/v1/sync/chunks", token,
                "application/vnd.arca.chunk-pack", bad.toBytes(), Map.of());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("type").asString()).isEqualTo("urn:arca:problem:checksum-mismatch");
        assertThat(Chunked.missing(server(), token, Chunked.cut(files[0]).manifest())).as("nothing stored").hasSize(1);
        assertThat(Content.send(server(), "POST", "/api/v1/sync/chunks", token, "application/vnd.arca.chunk-pack",
                "ACPK1 truncated".getBytes(), Map.of()).status()).isEqualTo(400);

        ChunkPack.Writer pack = new ChunkPack.Writer();
        for (byte[] file : files) {
            pack.add(Content.sha256(file), file);
        }
        assertThat(Content.send(server(), "POST", "/api/v1/sync/chunks", token, "application/vnd.arca.chunk-pack",
                pack.toBytes(), Map.of()).status()).isEqualTo(204);
        for (byte[] file : files) {
            assertThat(Chunked.missing(server(), token, Chunked.cut(file).manifest())).isEmpty();
        }

        long taken = sync(token, "F", "taken.bin", "already here".getBytes(), 0).json().path("seq").asLong();
        // Chunks the account stores that do not join into the file the manifest claims.
        FileManifest stored = Chunked.store(server(), token, Content.random(3 * 1024 * 1024, 34));
        assertThat(stored.chunks()).hasSizeGreaterThan(1);
        FileManifest forged = new FileManifest(stored.size(), Content.sha256("forged".getBytes()), stored.chunks());
        List<Map<String, Object>> commits = List.of(
                Map.of("folder", "F", "path", "a.bin", "manifest", Chunked.cut(files[0]).manifest().encode(),
                        "baseVersion", 0),
                Map.of("folder", "F", "path", "taken.bin", "manifest", Chunked.cut(files[1]).manifest().encode(),
                        "baseVersion", 0),
                Map.of("folder", "F", "path", "../escape", "manifest", Chunked.cut(files[2]).manifest().encode(),
                        "baseVersion", 0),
                Map.of("folder", "F", "path", "c.bin", "manifest", Chunked.cut(files[2]).manifest().encode(),
                        "baseVersion", 0),
                Map.of("folder", "F", "path", "forged.bin", "manifest", forged.encode(), "baseVersion", 0));
        Http.Response batch = server().http().post("/api/v1/sync/files/batch", Map.of("commits", commits), token);
        assertThat(batch.status()).as(batch.toString()).isEqualTo(200);
        JsonNode results = batch.json().path("results");
        assertThat(results.get(0).path("path").asString()).isEqualTo("a.bin");
        assertThat(results.get(1).path("status").asInt()).isEqualTo(409);
        assertThat(results.get(1).path("current").path("revision").asLong()).isEqualTo(taken);
        assertThat(results.get(2).path("status").asInt()).isEqualTo(400);
        assertThat(results.get(3).path("path").asString()).isEqualTo("c.bin");
        assertThat(results.get(4).path("status").asInt()).isEqualTo(400);
        assertThat(results.get(4).path("type").asString()).isEqualTo("urn:arca:problem:checksum-mismatch");
        List<String> paths = new ArrayList<>();
        changes(token, taken).path("entries").forEach(e -> paths.add(e.path("path").asString()));
        assertThat(paths).containsExactly("a.bin", "c.bin");
        assertThat(server().http().get("/api/v1/items?q=c.bin", token).json().path("items")).hasSize(1);
    }

    @Test
    @DisplayName("I.2f names are compared in Unicode NFC: two spellings of one name are one file")
    void unicodeNames() {
        String token = Users.signedIn(server(), Users.newEmail());
        String composed = "Caf\u00e9.txt";
        String decomposed = "Cafe\u0301.txt";
        long v1 = sync(token, "F", decomposed, "one".getBytes(), 0).json().path("seq").asLong();
        assertThat(changes(token, 0).path("entries").get(0).path("path").asString()).isEqualTo(composed);
        assertThat(sync(token, "F", composed, "two".getBytes(), v1).status()).isEqualTo(200);
    }
}
