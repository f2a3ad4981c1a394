package dev.arca.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A restore writes inside its target only, whatever the snapshot says (it may come from another
 * device or a shared repository) and whatever the target holds already. Snapshots are crafted in
 * a real local repository next to one that {@code arca backup} wrote.
 */
class RestoreSafetyTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path temp;

    Path repo;

    /** A folder outside every target, where nothing may be written. */
    Path outside;

    /** The snapshot {@code arca backup} wrote of a folder with {@code plain.txt} ("hello"). */
    ObjectNode honest;

    @BeforeEach
    void repository() throws IOException {
        Path source = Files.createDirectories(temp.resolve("source"));
        Files.writeString(source.resolve("plain.txt"), "hello");
        Files.createDirectories(source.resolve("a"));
        Files.writeString(source.resolve("a/x.txt"), "hello");
        repo = temp.resolve("repo");
        // Format 1, in the clear, so that the test can write snapshots a hostile device would.
        Cli.Run backup = Cli.arca("", "backup", source.toString(), "--repo", repo.toString(), "--insecure-no-encryption");
        assertThat(backup.exitCode()).as(backup.err()).isZero();
        try (Stream<Path> files = Files.list(repo.resolve("snapshots"))) {
            honest = (ObjectNode) JSON.readTree(Files.readAllBytes(files.findFirst().orElseThrow()));
        }
        outside = Files.createDirectories(temp.resolve("outside"));
    }

    /** The entry of {@code plain.txt} under another path: a file whose chunks the repository holds. */
    private JsonNode fileAt(String path) {
        JsonNode plain = find(honest, "plain.txt");
        return ((ObjectNode) plain.deepCopy()).put("path", path);
    }

    private static JsonNode find(JsonNode snapshot, String path) {
        for (JsonNode entry : snapshot.path("entries")) {
            if (entry.path("path").asString().equals(path)) {
                return entry;
            }
        }
        throw new AssertionError("no entry " + path);
    }

    /** Saves a snapshot with these entries beside the honest one; returns its id. */
    private String craft(String id, List<Object> entries) throws IOException {
        ObjectNode snapshot = honest.deepCopy();
        snapshot.put("id", id);
        snapshot.set("entries", JSON.valueToTree(entries));
        Files.write(repo.resolve("snapshots").resolve(id + ".json"), JSON.writeValueAsBytes(snapshot));
        return id;
    }

    private Cli.Run restore(String id, Path target) {
        return Cli.arca("", "restore", id, "--to", target.toString(), "--repo", repo.toString());
    }

    private static List<Path> everything(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(p -> !p.equals(dir)).toList();
        }
    }

    @Test
    @DisplayName("a link in the snapshot with a file below it: refused before anything is written, nothing outside")
    void aFileBelowALinkOfTheSnapshot() throws IOException {
        Map<String, Object> dir = Map.of("path", ".", "type", "dir", "size", 0, "mtime", 0);
        Map<String, Object> link = Map.of("path", "link", "type", "symlink", "size", 0, "mtime", 0,
                "target", outside.toString());
        String id = craft("1111111111111111", List.of(dir, fileAt("early.txt"), link, fileAt("link/authorized_keys")));
        Path target = temp.resolve("target");

        Cli.Run run = restore(id, target);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(6);
        assertThat(run.err()).contains("Restore failed: Snapshot 1111111111111111 is refused, nothing was restored")
                .contains("\"link/authorized_keys\" lies below a symbolic link, \"link\"");
        assertThat(everything(outside)).isEmpty();
        assertThat(everything(target)).as("nothing is written before the refusal").isEmpty();
    }

    @Test
    @DisplayName("a '..' or absolute path in the snapshot: refused before anything is written, nothing lands outside")
    void pathsThatLeaveTheTarget() throws IOException {
        Map<String, Object> dir = Map.of("path", ".", "type", "dir", "size", 0, "mtime", 0);
        Map<String, List<Object>> hostile = Map.of(
                "2222222222222222", List.of(dir, fileAt("early.txt"), fileAt("../outside/escaped.txt")),
                "3333333333333333", List.of(dir, fileAt("early.txt"), fileAt("a/../../outside/escaped.txt")),
                "4444444444444444", List.of(dir, fileAt("early.txt"),
                        fileAt(outside.resolve("escaped.txt").toString())),
                "5555555555555555", List.of(dir, fileAt("early.txt"), fileAt("..\\outside\\escaped.txt")));
        for (var snapshot : hostile.entrySet()) {
            String id = craft(snapshot.getKey(), snapshot.getValue());
            Path target = temp.resolve("target-" + id);

            Cli.Run run = restore(id, target);

            assertThat(run.exitCode()).as(id + run.err()).isEqualTo(6);
            assertThat(run.err()).as(id).contains("is refused, nothing was restored").containsAnyOf("'..'", "absolute",
                    "backslash");
            assertThat(everything(outside)).as(id).isEmpty();
            assertThat(everything(target)).as(id + ": nothing is written before the refusal").isEmpty();
        }
    }

    @Test
    @DisplayName("a link the target holds already is never written through; a link in a file's place is replaced")
    void linksInTheTarget() throws IOException {
        Path target = Files.createDirectories(temp.resolve("target"));
        Files.createSymbolicLink(target.resolve("a"), outside);
        Path victim = Files.writeString(outside.resolve("victim.txt"), "untouched");
        Files.createSymbolicLink(target.resolve("plain.txt"), victim);

        Cli.Run run = restore(honest.path("id").asString(), target);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(6);
        assertThat(run.err()).contains("\"a\" is a symbolic link; nothing is written through it.");
        assertThat(everything(outside)).containsExactly(victim);
        assertThat(Files.readString(victim)).isEqualTo("untouched");

        Files.delete(target.resolve("a"));
        Cli.Run again = restore(honest.path("id").asString(), target);
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(Files.isSymbolicLink(target.resolve("plain.txt"))).as("the link is replaced by the file").isFalse();
        assertThat(Files.readString(target.resolve("plain.txt"))).isEqualTo("hello");
        assertThat(Files.readString(target.resolve("a/x.txt"))).isEqualTo("hello");
        assertThat(Files.readString(victim)).isEqualTo("untouched");
    }
}
