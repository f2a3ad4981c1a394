package dev.arca.backups;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.library.internal.GarbageCollector;
import dev.arca.protocol.manifest.FileManifest;
import dev.arca.support.Chunked;
import dev.arca.support.Content;
import dev.arca.support.Db;
import dev.arca.support.Http;
import dev.arca.support.TestServer;
import dev.arca.support.Users;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Db.class)
class BackupsTest {

    @Parameter
    Db db;

    private TestServer server() {
        return TestServer.on(db);
    }

    private static Map<String, Object> snapshot(String id, FileManifest file) {
        return Map.of("id", id, "time", "2026-11-29T10:00:00Z", "host", "laptop", "source", "/home/me/Photos",
                "entries", List.of(Map.of("path", ".", "type", "dir"), Map.of("path", "a.bin", "type", "file",
                        "size", file.size(), "sha256", file.sha256(),
                        "chunks", file.chunks().stream().map(c -> c.sha256()).toList())));
    }

    private Http.Response save(String token, String id, Object snapshot) {
        return server().http().send("PUT", "/api/v1/backups/snapshots/" + id, Map.of("snapshot", snapshot), token);
    }

    private int collect(String email) {
        return server().bean(GarbageCollector.class).collect(Users.accountId(server(), email), Duration.ZERO);
    }

    @Test
    @DisplayName("I.2f a snapshot holds its chunks until it is forgotten; snapshots are never replaced")
    void snapshotsHoldTheirChunks() {
        String email = Users.newEmail();
        String token = Users.signedIn(server(), email);
        FileManifest file = Chunked.store(server(), token, Content.random(3_000_000, 11));
        assertThat(save(token, "00112233aabbccdd", snapshot("00112233aabbccdd", file)).status()).isEqualTo(201);
        assertThat(save(token, "00112233aabbccdd", snapshot("00112233aabbccdd", file)).status()).isEqualTo(409);

        assertThat(collect(email)).as("held chunks stay").isZero();
        var listed = server().http().get("/api/v1/backups/snapshots", token).json().path("snapshots");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("entries").get(1).path("sha256").asString()).isEqualTo(file.sha256());

        assertThat(server().http().delete("/api/v1/backups/snapshots/00112233aabbccdd", null, token).status())
                .isEqualTo(204);
        assertThat(collect(email)).as("released chunks go").isEqualTo(file.chunks().size());
        assertThat(server().http().get("/api/v1/backups/snapshots", token).json().path("snapshots")).isEmpty();
    }

    @Test
    @DisplayName("I.2f bad snapshots are refused and store nothing; another account sees none")
    void badInput() {
        String token = Users.signedIn(server(), Users.newEmail());
        FileManifest file = Chunked.store(server(), token, Content.random(1000, 12));
        assertThat(save(token, "not-an-id", snapshot("not-an-id", file)).status()).isEqualTo(400);
        assertThat(save(token, "00000000000000aa", snapshot("00000000000000bb", file)).status()).isEqualTo(400);
        assertThat(save(token, "00000000000000aa", Map.of("id", "00000000000000aa")).status()).isEqualTo(400);
        assertThat(save(token, "00000000000000aa", "a string").status()).isEqualTo(400);

        String other = Users.signedIn(server(), Users.newEmail());
        Http.Response foreign = save(other, "00000000000000cc", snapshot("00000000000000cc", file));
        assertThat(foreign.status()).as("chunks of another account").isEqualTo(409);
        assertThat(foreign.json().path("missing")).hasSize(1);
        assertThat(server().http().get("/api/v1/backups/snapshots", other).json().path("snapshots")).isEmpty();

        assertThat(save(token, "00000000000000dd", snapshot("00000000000000dd", file)).status()).isEqualTo(201);
        assertThat(server().http().delete("/api/v1/backups/snapshots/00000000000000dd", null, other).status())
                .isEqualTo(404);
        assertThat(server().http().get("/api/v1/backups/snapshots", token).json().path("snapshots")).hasSize(1);
    }

    @Test
    @DisplayName("a snapshot that would make a restore write outside its target is refused (400) and holds nothing")
    void snapshotsThatLeaveTheirFolderAreRefused() {
        String email = Users.newEmail();
        String token = Users.signedIn(server(), email);
        FileManifest file = Chunked.store(server(), token, Content.random(1000, 13));
        Map<String, Object> link = Map.of("path", "link", "type", "symlink", "target", "/home/me/.ssh");
        Map<String, Object> dir = Map.of("path", "dir", "type", "dir");
        Map<String, List<Object>> hostile = Map.of(
                "below a symbolic link", List.of(link, fileEntry("link/authorized_keys", file)),
                "below a symbolic link, link last", List.of(fileEntry("link/authorized_keys", file), link),
                "below a file", List.of(fileEntry("f", file), fileEntry("f/x", file)),
                "'..'", List.of(fileEntry("../../.ssh/authorized_keys", file)),
                "'..', inside a folder", List.of(dir, fileEntry("dir/../../x", file)),
                "absolute", List.of(fileEntry("/home/me/.ssh/authorized_keys", file)),
                "backslash", List.of(fileEntry("..\\..\\x", file)),
                "more than once", List.of(dir, Map.of("path", "dir", "type", "file")),
                "not file, dir or symlink", List.of(Map.of("path", "fifo", "type", "fifo")),
                "has a path", List.of(Map.of("type", "file")));
        hostile.forEach((problem, entries) -> {
            String id = "%016x".formatted(problem.hashCode() & 0xffffffffL);
            Map<String, Object> snapshot = Map.of("id", id, "time", "2026-11-29T10:00:00Z", "host", "laptop",
                    "source", "/home/me/Photos", "entries", entries);
            Http.Response refused = save(token, id, snapshot);
            assertThat(refused.status()).as(problem).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).as(problem).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(refused.json().path("detail").asString()).as(problem).contains(problem.split(",")[0]);
        });

        assertThat(server().http().get("/api/v1/backups/snapshots", token).json().path("snapshots")).isEmpty();
        assertThat(collect(email)).as("no snapshot holds the chunks").isEqualTo(file.chunks().size());
    }

    private static Map<String, Object> fileEntry(String path, FileManifest file) {
        return Map.of("path", path, "type", "file", "size", file.size(), "sha256", file.sha256(),
                "chunks", file.chunks().stream().map(c -> c.sha256()).toList());
    }
}
