package dev.arca.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.client.net.ServerApi;
import dev.arca.client.state.Credentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Two devices run the real {@code arca sync} against a real server. */
class SyncCommandTest {

    private static final String PASSWORD = "sync password 123";

    @TempDir
    static Path shared;

    static Cli.Server server;

    @TempDir
    Path tempRoot;

    /** This test's own directory, which also names its remote folder. */
    Path temp;

    @org.junit.jupiter.api.BeforeEach
    void own() throws IOException {
        temp = Files.createTempDirectory(tempRoot, "sync-");
    }

    @BeforeAll
    static void start() throws Exception {
        server = Cli.startServer(shared.resolve("server"), "sync@example.test", PASSWORD);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A signed-in device with its own config directory. */
    private Path device(String name) {
        Path config = temp.resolve("config-" + name);
        Cli.Run login = Cli.arcaAs(config, PASSWORD + "\n", "login", server.baseUrl(), "--email", "sync@example.test",
                "--password-stdin", "--device-name", name);
        assertThat(login.exitCode()).as(login.err()).isZero();
        return config;
    }

    private JsonNode sync(Path config, Path dir, String... more) {
        String[] args = Stream.concat(Stream.of("sync", dir.toString(), folder(), "--settle", "0s", "--json"),
                Stream.of(more)).toArray(String[]::new);
        Cli.Run run = Cli.arcaAs(config, "", args);
        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        return ServerApi.JSON.readTree(run.out().lines().reduce((a, b) -> b).orElseThrow());
    }

    private String folder() {
        return temp.getFileName().toString();
    }

    /** Every synced file under {@code dir} with its content, as text or a hash. */
    private static Map<String, String> tree(Path dir) throws IOException {
        Map<String, String> tree = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)).toList()) {
                String name = dir.relativize(file).toString();
                if (!name.endsWith(".log") && !name.endsWith(".part") && !name.equals(".arcaignore")) {
                    tree.put(name, dev.arca.protocol.chunk.ContentHash.sha256Hex(Files.readAllBytes(file)));
                }
            }
        }
        return tree;
    }

    private static final java.util.concurrent.atomic.AtomicLong CLOCK =
            new java.util.concurrent.atomic.AtomicLong(System.currentTimeMillis() - 3_600_000);

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        // Older than any settling time, and a different time for every write.
        Files.setLastModifiedTime(file, FileTime.fromMillis(CLOCK.addAndGet(1_000)));
    }

    @Test
    @DisplayName("I.2f two devices converge through creates, odd names, renames, deletes and a conflict that keeps both")
    void twoDevices() throws Exception {
        Path laptop = device("laptop");
        Path phone = device("phone");
        Path a = Files.createDirectories(temp.resolve("a"));
        Path b = temp.resolve("b");
        byte[] photo = new byte[3_000_000];
        new Random(1).nextBytes(photo);
        Files.write(a.resolve("photo.jpg"), photo);
        write(a.resolve("docs/note.txt"), "first");
        write(a.resolve("naïve café ☕ #1 (copy).txt"), "odd name");
        write(a.resolve(".arcaignore"), "*.log\n");
        write(a.resolve("debug.log"), "stays here");
        write(a.resolve("download.part"), "half a file");
        Files.createSymbolicLink(a.resolve("link"), a.resolve("photo.jpg"));

        JsonNode first = sync(laptop, a);
        assertThat(first.path("uploaded").asInt()).isEqualTo(3);
        assertThat(first.path("skipped").get(0).asString()).startsWith("link");
        sync(phone, b);
        assertThat(tree(b)).isEqualTo(tree(a)).hasSize(3);
        assertThat(b.resolve("debug.log")).doesNotExist();

        // A rename on one side and an edit on the other; the rename moves no content either way.
        Files.createDirectories(a.resolve("2026"));
        Files.move(a.resolve("photo.jpg"), a.resolve("2026/photo.jpg"));
        write(b.resolve("docs/note.txt"), "edited on the phone");
        JsonNode rename = sync(laptop, a);
        assertThat(rename.path("movedUp").asInt()).isEqualTo(1);
        assertThat(rename.path("bytesSent").asLong()).isZero();
        JsonNode phonePass = sync(phone, b);
        assertThat(phonePass.path("movedDown").asInt()).isEqualTo(1);
        assertThat(phonePass.path("bytesReceived").asLong()).isZero();
        sync(laptop, a);
        assertThat(Files.readString(a.resolve("docs/note.txt"))).isEqualTo("edited on the phone");
        assertThat(b.resolve("2026/photo.jpg")).exists();
        assertThat(b.resolve("photo.jpg")).doesNotExist();

        // Both edit the same file: the first to sync keeps the name, the other is kept beside it.
        write(a.resolve("docs/note.txt"), "laptop wins");
        write(b.resolve("docs/note.txt"), "phone keeps a copy");
        sync(laptop, a);
        JsonNode conflict = sync(phone, b);
        assertThat(conflict.path("conflicts")).hasSize(1);
        String aside = conflict.path("conflicts").get(0).asString();
        assertThat(aside).startsWith("docs/note (conflict from phone, ").endsWith(").txt");
        sync(laptop, a);
        assertThat(Files.readString(a.resolve("docs/note.txt"))).isEqualTo("laptop wins");
        assertThat(Files.readString(a.resolve(aside))).isEqualTo("phone keeps a copy");
        assertThat(tree(a)).isEqualTo(tree(b));

        // A delete reaches the other device, and the file waits in the server's trash.
        Files.delete(a.resolve("naïve café ☕ #1 (copy).txt"));
        assertThat(sync(laptop, a).path("deletedUp").asInt()).isEqualTo(1);
        assertThat(sync(phone, b).path("deletedDown").asInt()).isEqualTo(1);
        assertThat(b.resolve("naïve café ☕ #1 (copy).txt")).doesNotExist();
        try (ServerApi api = new ServerApi(Credentials.load(laptop).orElseThrow(), "test")) {
            JsonNode trash = api.get("/api/v1/items?trashed=true");
            assertThat(trash.path("items").findValuesAsString("filename")).contains("naïve café ☕ #1 (copy).txt");
        }
        assertThat(tree(a)).isEqualTo(tree(b));
    }

    @Test
    @DisplayName("I.2f a mass delete is held back until confirmed; nothing is deleted on the other device meanwhile")
    void massDeleteIsHeld() throws Exception {
        Path laptop = device("laptop");
        Path phone = device("phone");
        Path a = Files.createDirectories(temp.resolve("a"));
        Path b = temp.resolve("b");
        for (int i = 0; i < 6; i++) {
            write(a.resolve("file-" + i + ".txt"), "content " + i);
        }
        sync(laptop, a, "--delete-limit", "3");
        sync(phone, b);
        try (Stream<Path> files = Files.list(a)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Cli.Run held = Cli.arcaAs(laptop, "", "sync", a.toString(), folder(), "--settle", "0s", "--delete-limit", "3");
        assertThat(held.exitCode()).isEqualTo(9);
        assertThat(held.err()).contains("6 deletions were held back");
        sync(phone, b);
        assertThat(tree(b)).hasSize(6);

        assertThat(sync(laptop, a, "--delete-limit", "3", "--yes").path("deletedUp").asInt()).isEqualTo(6);
        sync(phone, b);
        assertThat(tree(b)).isEmpty();
    }

    @Test
    @DisplayName("I.2f a sync killed mid-upload resumes without sending again any chunk the server acknowledged")
    void killedMidSync() throws Exception {
        Path laptop = device("laptop");
        Path phone = device("phone");
        Path a = Files.createDirectories(temp.resolve("a"));
        Random random = new Random(7);
        long total = 0;
        for (int i = 0; i < 24; i++) {
            byte[] bytes = new byte[2_500_000];
            random.nextBytes(bytes);
            Files.write(a.resolve("video-" + i + ".bin"), bytes);
            Files.setLastModifiedTime(a.resolve("video-" + i + ".bin"), FileTime.fromMillis(1_700_000_000_000L + i));
            total += bytes.length;
        }
        var jdbc = server.context().getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
        long before = storedBytes(jdbc);

        Process killed = Cli.process(laptop, "sync", a.toString(), folder(), "--settle", "0s");
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (storedBytes(jdbc) - before < total / 3 && killed.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        killed.destroyForcibly().waitFor();
        Thread.sleep(500);
        long acknowledged = storedBytes(jdbc) - before;
        assertThat(acknowledged).as("the kill came mid-way").isPositive().isLessThan(total);

        JsonNode resumed = sync(laptop, a);
        assertThat(resumed.path("bytesSent").asLong()).as("only what was not acknowledged is sent")
                .isEqualTo(total - acknowledged);
        Path b = temp.resolve("b");
        sync(phone, b);
        assertThat(tree(b)).isEqualTo(tree(a));
    }

    @Test
    @DisplayName("I.2f a one-byte change to a large file goes up as a few kilobytes, and comes down right")
    void smallChangeToALargeFile() throws Exception {
        Path laptop = device("laptop");
        Path phone = device("phone");
        Path a = Files.createDirectories(temp.resolve("a"));
        Path b = temp.resolve("b");
        byte[] bytes = new byte[12_000_000];
        new Random(9).nextBytes(bytes);
        Path big = a.resolve("video.mov");
        Files.write(big, bytes);
        Files.setLastModifiedTime(big, FileTime.fromMillis(CLOCK.addAndGet(1_000)));
        sync(laptop, a);
        sync(phone, b);

        bytes[6_000_000] ^= 1;
        Files.write(big, bytes);
        Files.setLastModifiedTime(big, FileTime.fromMillis(CLOCK.addAndGet(1_000)));
        JsonNode pass = sync(laptop, a);
        assertThat(pass.path("uploaded").asInt()).isEqualTo(1);
        assertThat(pass.path("bytesSent").asLong()).as("a delta, not the chunk").isLessThan(5_000);
        assertThat(pass.path("wireBytesSent").asLong()).as("and no whole manifest").isLessThan(10_000);
        sync(phone, b);
        assertThat(Files.readAllBytes(b.resolve("video.mov"))).isEqualTo(bytes);
    }

    @Test
    @DisplayName("I.2f sync --watch brings down what another device commits and sends up what changes here")
    void watchFollowsBothSides() throws Exception {
        Path laptop = device("laptop");
        Path phone = device("phone");
        Path a = Files.createDirectories(temp.resolve("a"));
        Path b = Files.createDirectories(temp.resolve("b"));
        Process watching = Cli.process(phone, "sync", b.toString(), folder(), "--watch", "--settle", "200ms",
                "--rescan", "30s");
        try {
            write(a.resolve("from-laptop.txt"), "hello phone");
            sync(laptop, a);
            await(() -> Files.exists(b.resolve("from-laptop.txt")));
            assertThat(Files.readString(b.resolve("from-laptop.txt"))).isEqualTo("hello phone");

            Files.writeString(b.resolve("from-phone.txt"), "hello laptop");
            await(() -> {
                sync(laptop, a);
                return Files.exists(a.resolve("from-phone.txt"));
            });
            assertThat(Files.readString(a.resolve("from-phone.txt"))).isEqualTo("hello laptop");
        } finally {
            watching.destroy();
            watching.waitFor();
        }
    }

    @Test
    @DisplayName("a remote file below a name that is a link here is not written through it; odd local names stay")
    void neverWritesThroughALocalLink() throws Exception {
        Path laptop = device("laptop");
        Path phone = device("phone");
        Path a = Files.createDirectories(temp.resolve("a"));
        write(a.resolve("docs/authorized_keys"), "ssh-ed25519 AAAA attacker");
        write(a.resolve("plain.txt"), "synced");
        sync(laptop, a);

        Path outside = Files.createDirectories(temp.resolve("outside"));
        Path b = Files.createDirectories(temp.resolve("b"));
        Files.createSymbolicLink(b.resolve("docs"), outside);
        write(b.resolve("line\nbreak.txt"), "a name the server refuses");

        JsonNode pass = sync(phone, b);

        try (Stream<Path> written = Files.list(outside)) {
            assertThat(written.toList()).as("nothing written through the link").isEmpty();
        }
        assertThat(Files.readString(b.resolve("plain.txt"))).isEqualTo("synced");
        assertThat(Files.isSymbolicLink(b.resolve("docs"))).isTrue();
        List<String> skipped = new java.util.ArrayList<>();
        pass.path("skipped").forEach(s -> skipped.add(s.asString()));
        assertThat(skipped).anySatisfy(s -> assertThat(s).startsWith("\"docs/authorized_keys\" not synced here")
                .contains("\"docs\" is a symbolic link"));
        assertThat(skipped).anySatisfy(s -> assertThat(s).contains("line\\u000abreak.txt")
                .contains("control character"));
        assertThat(sync(laptop, a).path("downloaded").asInt()).as("the odd local name did not go up").isZero();
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    /** Waits up to 20 seconds for the condition, checking every 100 ms. */
    private static void await(Condition condition) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        while (!condition.holds()) {
            assertThat(System.nanoTime()).as("waited 20 seconds").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static long storedBytes(org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        return jdbc.sql("SELECT COALESCE(SUM(size), 0) FROM chunks").query(Long.class).single();
    }
}
