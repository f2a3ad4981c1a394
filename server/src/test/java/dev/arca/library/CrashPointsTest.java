package dev.arca.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.support.Chunked;
import dev.arca.support.Content;
import dev.arca.support.Http;
import dev.arca.support.ServerProcess;
import dev.arca.support.TestServer;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Crash points: for each kind of write, a background thread repeats the operation against a real
 * server process while the test records everything the server acknowledged; the process is
 * killed (SIGKILL) at a random moment, started again on the same data directory, and checked:
 * nothing acknowledged is lost, nothing served is corrupt, and a scrub finds the storage whole.
 * Each operation keeps one data directory for all its rounds, so damage would accumulate.
 *
 * <p>{@code -Darca.crash.rounds} sets the rounds per operation (2 by default, 100 for the long
 * form); {@code -Darca.crash.seed} replays a printed seed. The seed fixes the content and the kill
 * delays; where in an operation the kill lands still depends on timing.
 */
class CrashPointsTest {

    private static final int ROUNDS = Integer.getInteger("arca.crash.rounds", 2);
    private static final long SEED = Long.getLong("arca.crash.seed", new SecureRandom().nextLong());

    /**
     * The kill comes at least this long (ms) after the operation loop starts, and at most an
     * operation's own limit, chosen so that a few of its steps fit in before.
     */
    private static final long KILL_AFTER_MIN = 300;
    private static final long KILL_WITHIN = 2_000;

    private static final String FOLDER = "Crash";

    @BeforeAll
    static void announce() {
        System.out.println("CrashPointsTest: " + ROUNDS + " rounds per operation, seed " + SEED
                + " (replay with -Darca.crash.seed=" + SEED + ")");
    }

    @Test
    @DisplayName("I.5 uploads (multipart and tus) killed at random points lose no acknowledged item")
    void uploads() throws Exception {
        crashRounds("uploads", KILL_WITHIN, (client, random, ledger) -> {
            byte[] bytes = bytes(random, 1_000, 1_500_000);
            String id = ledger.next() % 2 == 0 ? multipart(client, bytes) : tus(client, bytes);
            ledger.live.put(id, Content.sha256(bytes));
        });
    }

    @Test
    @DisplayName("I.5 sync chunk uploads and file commits killed at random points lose no acknowledged commit")
    void syncCommits() throws Exception {
        crashRounds("sync", KILL_WITHIN, (client, random, ledger) -> {
            byte[] bytes = bytes(random, 1_000, 1_500_000);
            Commit commit = commit(client, "f-" + ledger.next() + ".bin", bytes);
            ledger.commits.put(commit.path(), commit);
            ledger.live.put(commit.itemId(), commit.sha256());
        });
    }

    @Test
    @DisplayName("I.5 backup snapshots saved, forgotten and collected, killed at random points, keep every held chunk")
    void backupSnapshotsAndGarbageCollection() throws Exception {
        crashRounds("backups", KILL_WITHIN, (client, random, ledger) -> {
            byte[] bytes = bytes(random, 1_000, 800_000);
            Chunked.Cut cut = storeChunks(client, bytes);
            String id = "%016x".formatted(random.nextLong());
            Map<String, Object> snapshot = Map.of("id", id, "time", "2026-11-29T10:00:00Z", "host", "laptop",
                    "source", "/home/me/Photos", "entries", List.of(Map.of("path", ".", "type", "dir"),
                            Map.of("path", "a.bin", "type", "file", "size", cut.manifest().size(),
                                    "sha256", cut.manifest().sha256(),
                                    "chunks", cut.manifest().chunks().stream().map(c -> c.sha256()).toList())));
            expect(client.json("PUT", "/api/v1/backups/snapshots/" + id, Map.of("snapshot", snapshot)), 201);
            ledger.snapshots.add(id);
            // Every other step forgets another snapshot and collects: emptying the trash runs the
            // garbage collector, which deletes the chunks no snapshot, item or upload holds any more.
            // A snapshot leaves the ledger before it is forgotten: cut short, it may be listed or not.
            String old = ledger.snapshots.stream().filter(s -> !s.equals(id)).findAny().orElse(null);
            if (ledger.next() % 2 == 1 && old != null) {
                ledger.snapshots.remove(old);
                expect(client.send("DELETE", "/api/v1/backups/snapshots/" + old, null, null), 204);
                ledger.forgotten.add(old);
                expect(client.send("DELETE", "/api/v1/trash", null, null), 200);
            }
        });
    }

    @Test
    @DisplayName("I.5 trash purges and garbage collection killed at random points keep items that share chunks")
    void trashPurgeAndGarbageCollection() throws Exception {
        crashRounds("trash", 3 * KILL_WITHIN, (client, random, ledger) -> {
            // Both items are synced files and the doomed one is the kept one with a tail. The kept
            // one is longer than the largest chunk (4 MiB), so they share at least their first
            // chunk: the collector must delete only what nothing holds any more.
            byte[] kept = bytes(random, 4_300_000, 5_000_000);
            byte[] doomed = Arrays.copyOf(kept, kept.length + 100_000);
            random.nextBytes(doomed);
            System.arraycopy(kept, 0, doomed, 0, kept.length);
            int n = ledger.next();
            Commit keptCommit = commit(client, "kept-" + n + ".bin", kept);
            ledger.commits.put(keptCommit.path(), keptCommit);
            ledger.live.put(keptCommit.itemId(), keptCommit.sha256());
            // The doomed item is never required to be listed: it goes to the trash right after its
            // commit, and a kill in between may leave it live or trashed.
            String doomedId = commit(client, "doomed-" + n + ".bin", doomed).itemId();
            expect(client.send("DELETE", "/api/v1/items/" + doomedId, null, null), 204);
            ledger.trashed.add(doomedId);
            if (n % 3 == 0) {
                expect(client.send("DELETE", "/api/v1/trash", null, null), 200);
                ledger.purged.addAll(ledger.trashed);
            } else {
                expect(client.send("DELETE", "/api/v1/trash/" + doomedId, null, null), 204);
                ledger.purged.add(doomedId);
            }
        });
    }

    @Test
    @DisplayName("I.5 a scrub killed at random points leaves the storage whole")
    void scrub() throws Exception {
        crashRounds("scrub", KILL_WITHIN, (client, random, ledger) -> {
            byte[] bytes = bytes(random, 1_000, 300_000);
            ledger.live.put(multipart(client, bytes), Content.sha256(bytes));
            JsonNode report = expect(client.admin("POST", "/api/v1/admin/storage/scrub"), 200).json();
            assertThat(report.path("unrepairable").asLong()).as("scrub: %s", report).isZero();
        });
    }

    /** One step of an operation; it records in the ledger what the server acknowledged, as soon as it did. */
    @FunctionalInterface
    private interface Operation {
        void step(Client client, SplittableRandom random, Ledger ledger) throws Exception;
    }

    /** The server of a round with the account's and the administrator's tokens. */
    private record Client(ServerProcess server, String token, String adminToken) {
        Http.Response send(String method, String path, String contentType, byte[] body) {
            return server.send(method, path, token, contentType, body);
        }

        Http.Response send(String method, String path, String contentType, byte[] body, Map<String, String> headers) {
            return server.send(method, path, token, contentType, body, headers);
        }

        Http.Response json(String method, String path, Object body) {
            return server.json(method, path, token, body);
        }

        Http.Response admin(String method, String path) {
            return server.send(method, path, adminToken, null, null);
        }
    }

    /** A sync commit the server acknowledged. */
    private record Commit(String path, String itemId, String sha256) {}

    /**
     * What the server acknowledged, over all rounds of one operation. The worker thread writes it
     * and the test reads it once the worker has stopped, hence concurrent collections.
     */
    private static final class Ledger {
        /** Items that must be listed, with the SHA-256 of their content. */
        final Map<String, String> live = new ConcurrentHashMap<>();
        /** Items moved to the trash: not listed among the live ones. */
        final Set<String> trashed = ConcurrentHashMap.newKeySet();
        /** Items purged: listed nowhere. */
        final Set<String> purged = ConcurrentHashMap.newKeySet();
        /** Sync commits by path (each path is committed once). */
        final Map<String, Commit> commits = new ConcurrentHashMap<>();
        /** Snapshots saved and not forgotten: listed, with every chunk readable. */
        final Set<String> snapshots = ConcurrentHashMap.newKeySet();
        /** Snapshots forgotten: not listed. */
        final Set<String> forgotten = ConcurrentHashMap.newKeySet();
        private final AtomicInteger steps = new AtomicInteger();

        /** A number no earlier step of the operation had, across rounds. */
        int next() {
            return steps.getAndIncrement();
        }

        String summary() {
            return "%d live items, %d purged, %d commits, %d snapshots (%d forgotten)".formatted(live.size(),
                    purged.size(), commits.size(), snapshots.size(), forgotten.size());
        }
    }

    /** What a verification after a restart found, for the log. */
    private record Verified(int items, int snapshots, JsonNode firstScrub) {}

    private void crashRounds(String operation, long killWithin, Operation op) throws Exception {
        Path dataDir = Files.createTempDirectory("arca-crash-" + operation);
        SplittableRandom random = new SplittableRandom(SEED);
        Ledger ledger = new Ledger();
        ServerProcess server = ServerProcess.start(dataDir);
        try {
            String token = server.signUp();
            for (int round = 1; round <= ROUNDS; round++) {
                Client client = new Client(server, token,
                        server.token(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD));
                long killAfter = random.nextLong(KILL_AFTER_MIN, killWithin);
                SplittableRandom stepRandom = random.split();
                AtomicBoolean killing = new AtomicBoolean();
                AtomicReference<Throwable> failure = new AtomicReference<>();
                AtomicInteger completed = new AtomicInteger();
                // The loop ends with the first failed step; a failure before the kill is a bug.
                Thread worker = Thread.ofPlatform().name("crash-" + operation).start(() -> {
                    try {
                        while (true) {
                            op.step(client, stepRandom, ledger);
                            completed.incrementAndGet();
                        }
                    } catch (Throwable e) {
                        if (!killing.get()) {
                            failure.set(e);
                        }
                    }
                });
                Thread.sleep(killAfter);
                killing.set(true);
                server.kill();
                worker.join();
                if (failure.get() != null) {
                    throw new AssertionError(operation + " failed while the server was up (seed " + SEED + ")",
                            failure.get());
                }
                server = ServerProcess.start(dataDir);
                Client restarted = new Client(server, token,
                        server.token(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD));
                Verified verified = verify(restarted, ledger, operation + " round " + round + " (seed " + SEED + ")");
                System.out.printf("CrashPointsTest %s round %d/%d: killed after %d ms, %d steps done; %s; "
                        + "%d items and %d snapshots verified; first scrub after restart: %s%n", operation, round,
                        ROUNDS, killAfter, completed.get(), ledger.summary(), verified.items(), verified.snapshots(),
                        findings(verified.firstScrub()));
            }
        } finally {
            server.kill();
        }
    }

    /** Checks the restarted server against the ledger; {@code where} names the round in failures. */
    private static Verified verify(Client client, Ledger ledger, String where) {
        // Every listed item serves the content its hash names, and an acknowledged item's content.
        Map<String, String> listed = items(client, false);
        listed.forEach((id, sha256) -> {
            Http.Response content = client.send("GET", "/api/v1/items/" + id + "/content", null, null);
            assertThat(content.status()).as("%s: content of listed item %s", where, id).isEqualTo(200);
            assertThat(Content.sha256(content.bytes())).as("%s: content of item %s", where, id).isEqualTo(sha256);
            if (ledger.live.containsKey(id)) {
                assertThat(sha256).as("%s: hash of acknowledged item %s", where, id).isEqualTo(ledger.live.get(id));
            }
        });
        assertThat(ledger.live.keySet()).as("%s: acknowledged items are listed", where).allMatch(listed::containsKey);
        assertThat(ledger.trashed).as("%s: trashed items are not listed", where).noneMatch(listed::containsKey);
        Set<String> inTrash = items(client, true).keySet();
        assertThat(ledger.purged).as("%s: purged items are not in the trash", where).noneMatch(inTrash::contains);

        // Every acknowledged commit is in the journal with its item and content.
        Map<String, JsonNode> journal = journal(client);
        ledger.commits.values().forEach(commit -> {
            JsonNode entry = journal.get(commit.path());
            assertThat(entry).as("%s: acknowledged commit of %s is in the journal", where, commit.path()).isNotNull();
            assertThat(entry.path("itemId").asString()).as("%s: item of %s", where, commit.path())
                    .isEqualTo(commit.itemId());
            assertThat(entry.path("sha256").asString()).as("%s: hash of %s", where, commit.path())
                    .isEqualTo(commit.sha256());
        });

        // Every listed snapshot has all its chunks, and they make up the files it names.
        JsonNode snapshots = expect(client.send("GET", "/api/v1/backups/snapshots", null, null), 200).json()
                .path("snapshots");
        List<String> snapshotIds = new ArrayList<>();
        for (JsonNode snapshot : snapshots) {
            snapshotIds.add(snapshot.path("id").asString());
            for (JsonNode entry : snapshot.path("entries")) {
                if (entry.path("type").asString().equals("file")) {
                    verifyChunks(client, entry, where + ", snapshot " + snapshot.path("id").asString());
                }
            }
        }
        assertThat(ledger.snapshots).as("%s: acknowledged snapshots are listed", where).allMatch(snapshotIds::contains);
        assertThat(ledger.forgotten).as("%s: forgotten snapshots are not", where).noneMatch(snapshotIds::contains);

        // A scrub may repair what the kill cut short (a copy written to one disk only); it must
        // find nothing it cannot repair, and a second scrub and the health must find nothing at all.
        JsonNode first = expect(client.admin("POST", "/api/v1/admin/storage/scrub"), 200).json();
        assertThat(first.path("unrepairable").asLong()).as("%s: first scrub %s", where, first).isZero();
        assertThat(first.path("repairFailed").asLong()).as("%s: first scrub %s", where, first).isZero();
        JsonNode second = expect(client.admin("POST", "/api/v1/admin/storage/scrub"), 200).json();
        for (String count : List.of("replicasMissing", "replicasCorrupt", "replicasStale", "replicasMisplaced",
                "unrepairable", "repairFailed")) {
            assertThat(second.path(count).asLong()).as("%s: second scrub %s: %s", where, count, second).isZero();
        }
        JsonNode health = expect(client.admin("GET", "/api/v1/admin/storage/health"), 200).json();
        assertThat(health.path("health").path("status").asString()).as("%s: health %s", where, health)
                .isEqualTo("UP");
        assertThat(health.path("lastScrub").path("replicasMissing").asLong()).as("%s: health %s", where, health)
                .isZero();
        assertThat(health.path("lastScrub").path("replicasCorrupt").asLong()).as("%s: health %s", where, health)
                .isZero();
        return new Verified(listed.size(), snapshotIds.size(), first);
    }

    private static void verifyChunks(Client client, JsonNode file, String where) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (JsonNode chunk : file.path("chunks")) {
            String hash = chunk.asString();
            Http.Response response = client.send("GET", "/api/v1/sync/chunks/" + hash, null, null);
            assertThat(response.status()).as("%s: chunk %s", where, hash).isEqualTo(200);
            assertThat(Content.sha256(response.bytes())).as("%s: chunk %s", where, hash).isEqualTo(hash);
            bytes.writeBytes(response.bytes());
        }
        assertThat(Content.sha256(bytes.toByteArray())).as("%s: file %s", where, file.path("path").asString())
                .isEqualTo(file.path("sha256").asString());
    }

    /** Listed items (live or in the trash) by id, with the SHA-256 the listing gives. */
    private static Map<String, String> items(Client client, boolean trashed) {
        Map<String, String> items = new HashMap<>();
        String cursor = null;
        do {
            String path = "/api/v1/items?limit=500&trashed=" + trashed
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            JsonNode page = expect(client.send("GET", path, null, null), 200).json();
            page.path("items").forEach(item -> items.put(item.path("id").asString(), item.path("sha256").asString()));
            cursor = page.path("nextCursor").isString() ? page.path("nextCursor").asString() : null;
        } while (cursor != null);
        return items;
    }

    /** The latest journal entry of each path. */
    private static Map<String, JsonNode> journal(Client client) {
        Map<String, JsonNode> latest = new HashMap<>();
        long after = 0;
        JsonNode page;
        do {
            page = expect(client.send("GET", "/api/v1/sync/changes?after=" + after, null, null), 200).json();
            page.path("entries").forEach(entry -> latest.put(entry.path("path").asString(), entry));
            after = page.path("cursor").asLong();
        } while (page.path("more").asBoolean());
        return latest;
    }

    private static String multipart(Client client, byte[] bytes) {
        Content.Multipart body = Content.multipart(Map.of("crash.bin", bytes));
        return expect(client.send("POST", "/api/v1/items", body.contentType(), body.body()), 201).json()
                .path("items").get(0).path("id").asString();
    }

    /** A tus upload in two PATCHes; the item exists once the last one is acknowledged. */
    private static String tus(Client client, byte[] bytes) {
        String location = expect(client.send("POST", "/api/v1/uploads", null, null,
                Map.of("Tus-Resumable", "1.0.0", "Upload-Length", Integer.toString(bytes.length))), 201)
                .headers().firstValue("Location").orElseThrow();
        int half = bytes.length / 2;
        expect(client.send("PATCH", location, "application/offset+octet-stream", Arrays.copyOf(bytes, half),
                Map.of("Tus-Resumable", "1.0.0", "Upload-Offset", "0")), 204);
        return expect(client.send("PATCH", location, "application/offset+octet-stream",
                Arrays.copyOfRange(bytes, half, bytes.length),
                Map.of("Tus-Resumable", "1.0.0", "Upload-Offset", Integer.toString(half))), 204)
                .headers().firstValue("Arca-Item-Id").orElseThrow();
    }

    /** Stores the chunks the account lacks and commits the file as new at the path. */
    private static Commit commit(Client client, String path, byte[] bytes) {
        Chunked.Cut cut = storeChunks(client, bytes);
        Map<String, Object> body = new HashMap<>();
        body.put("folder", FOLDER);
        body.put("path", path);
        body.put("manifest", cut.manifest().encode());
        body.put("baseVersion", 0);
        body.put("mtime", 1_700_000_000_000L);
        JsonNode entry = expect(client.json("POST", "/api/v1/sync/files", body), 200).json();
        Commit commit = new Commit(path, entry.path("itemId").asString(), entry.path("sha256").asString());
        assertThat(commit.sha256()).as("the committed hash").isEqualTo(Content.sha256(bytes));
        return commit;
    }

    /** Cuts the bytes and stores the chunks the account lacks, as a sync client does. */
    private static Chunked.Cut storeChunks(Client client, byte[] bytes) {
        Chunked.Cut cut = Chunked.cut(bytes);
        JsonNode missing = expect(client.json("POST", "/api/v1/sync/chunks/missing",
                Map.of("hashes", cut.manifest().chunks().stream().map(c -> c.sha256()).toList())), 200).json();
        for (JsonNode hash : missing.path("missing")) {
            expect(client.send("PUT", "/api/v1/sync/chunks/" + hash.asString(), "application/octet-stream",
                    cut.pieces().get(hash.asString())), 204);
        }
        return cut;
    }

    private static byte[] bytes(SplittableRandom random, int min, int max) {
        byte[] bytes = new byte[random.nextInt(min, max)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static Http.Response expect(Http.Response response, int status) {
        assertThat(response.status()).as("%s", response).isEqualTo(status);
        return response;
    }

    private static String findings(JsonNode scrub) {
        return "%d blobs, %d missing, %d stale, %d repaired, %d temporary files removed".formatted(
                scrub.path("blobsChecked").asLong(), scrub.path("replicasMissing").asLong(),
                scrub.path("replicasStale").asLong(), scrub.path("repaired").asLong(),
                scrub.path("tempFilesRemoved").asLong());
    }
}
