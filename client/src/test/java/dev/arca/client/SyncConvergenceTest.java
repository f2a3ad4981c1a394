package dev.arca.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.client.net.ChunkTransfer;
import dev.arca.client.net.ServerApi;
import dev.arca.client.state.Credentials;
import dev.arca.client.state.DeviceId;
import dev.arca.client.sync.Sync;
import dev.arca.protocol.chunk.ContentHash;
import dev.arca.protocol.manifest.FileManifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Random histories of creates, edits, renames and deletes on three devices, with syncs that are
 * cut off at random points (as a kill or a broken connection would), always end, once every
 * device has synced a few times, with the same tree everywhere, and with every content a device
 * held still reachable: in the tree, or in the server's versions and trash.
 *
 * <p>The histories come from fixed seeds, so every run checks the same ones; a failure names its
 * seed. {@code -Darca.test.seed=N} starts the seeds at N instead, to replay a failure (its
 * history is the first) or to try other histories.
 */
class SyncConvergenceTest {

    private static final String PASSWORD = "property password 1";
    private static final List<String> NAMES = List.of("a.txt", "b.txt", "d/c.txt", "d/e/f.txt", "g.jpg");
    private static final int DEVICES = 3;
    private static final int HISTORIES = 30;
    private static final long FIRST_SEED = Long.getLong("arca.test.seed", 20261129L);

    static Path temp;
    static Cli.Server server;
    static List<Path> configs = new ArrayList<>();

    sealed interface Op {}

    record Write(int device, int name, int content) implements Op {}

    record Rename(int device, int name, int to) implements Op {}

    record Delete(int device, int name) implements Op {}

    /** A sync of one device, cut off before its {@code failAt}-th step (never, when negative). */
    record SyncNow(int device, int failAt) implements Op {}

    /** How a device syncs: the real client, or a broken one that the properties must catch. */
    interface Syncer {
        void sync(int device, Path root, String folder, int failAt) throws IOException;
    }

    @BeforeAll
    static void start() throws Exception {
        temp = Files.createTempDirectory("arca-sync-properties");
        server = Cli.startServer(temp.resolve("server"), "prop@example.test", PASSWORD);
        for (int d = 0; d < DEVICES; d++) {
            Path config = temp.resolve("config-" + d);
            Cli.Run login = Cli.arcaAs(config, PASSWORD + "\n", "login", server.baseUrl(), "--email",
                    "prop@example.test", "--password-stdin", "--device-name", "device " + d);
            assertThat(login.exitCode()).as(login.err()).isZero();
            configs.add(config);
        }
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
        try (Stream<Path> files = Files.walk(temp)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static LongStream seeds() {
        return LongStream.range(FIRST_SEED, FIRST_SEED + HISTORIES);
    }

    /**
     * A history of 4 to 30 steps drawn from {@code random}: writes, renames, deletes and syncs in
     * the proportions 4 : 2 : 2 : 5; about a third of the syncs run to the end, the others are cut
     * off at one of their first 13 steps.
     */
    static List<Op> history(SplittableRandom random) {
        int length = random.nextInt(4, 31);
        List<Op> history = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            int device = random.nextInt(DEVICES);
            int name = random.nextInt(NAMES.size());
            int kind = random.nextInt(13);
            history.add(kind < 4 ? new Write(device, name, random.nextInt(7))
                    : kind < 6 ? new Rename(device, name, random.nextInt(NAMES.size()))
                    : kind < 8 ? new Delete(device, name)
                    : new SyncNow(device, random.nextInt(-6, 13)));
        }
        return history;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void devicesConvergeAndNothingIsLost(long seed) throws Exception {
        List<Op> history = history(new SplittableRandom(seed));
        try {
            check(history, SyncConvergenceTest::sync);
        } catch (AssertionError e) {
            throw new AssertionError("seed " + seed + " (replay with -Darca.test.seed=" + seed + "), history "
                    + history + ": " + e.getMessage(), e);
        }
    }

    /**
     * The mutation check: a client that lets the server's content overwrite a local change (a
     * conflict resolved by overwriting instead of keeping both) breaks the properties, so the
     * random histories above would catch that mistake. One device changes a file the other has
     * changed and synced meanwhile; the real client keeps both, the overwriting one loses one.
     */
    @Test
    void thePropertiesCatchConflictsThatOverwrite() throws Exception {
        List<Op> history = List.of(new Write(0, 0, 1), new SyncNow(0, -1), new SyncNow(1, -1), new Write(0, 0, 2),
                new SyncNow(0, -1), new Write(1, 0, 3));
        check(history, SyncConvergenceTest::sync);
        assertThatThrownBy(() -> check(history, new Overwriting()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("every content a device held is in the tree, the versions or the trash");
    }

    /** Runs the history in a new folder, syncs every device until they agree, and checks both properties. */
    private static void check(List<Op> history, Syncer syncer) throws Exception {
        String folder = "p-" + UUID.randomUUID();
        Path run = Files.createDirectories(temp.resolve(folder));
        List<Path> roots = new ArrayList<>();
        for (int d = 0; d < DEVICES; d++) {
            roots.add(Files.createDirectories(run.resolve("device-" + d)));
        }
        for (Op op : history) {
            switch (op) {
                case Write w -> {
                    Path file = resolve(roots.get(w.device()), NAMES.get(w.name()));
                    Files.createDirectories(file.getParent());
                    Files.writeString(file, folder + " content " + w.content() + " by " + w.device(),
                            StandardCharsets.UTF_8);
                }
                case Rename r -> {
                    Path from = resolve(roots.get(r.device()), NAMES.get(r.name()));
                    Path to = resolve(roots.get(r.device()), NAMES.get(r.to()));
                    if (Files.exists(from) && !Files.exists(to)) {
                        Files.createDirectories(to.getParent());
                        Files.move(from, to);
                    }
                }
                case Delete d -> Files.deleteIfExists(resolve(roots.get(d.device()), NAMES.get(d.name())));
                case SyncNow s -> syncer.sync(s.device(), roots.get(s.device()), folder, s.failAt());
            }
        }
        Set<String> held = new HashSet<>();
        for (Path root : roots) {
            held.addAll(tree(root).values());
        }
        List<Map<String, String>> trees = List.of();
        for (int round = 0; round < 4; round++) {
            for (int d = 0; d < DEVICES; d++) {
                syncer.sync(d, roots.get(d), folder, -1);
            }
            trees = roots.stream().map(SyncConvergenceTest::treeUnchecked).toList();
            if (trees.stream().distinct().count() == 1) {
                break;
            }
        }
        assertThat(trees).as("every device holds the same tree").allSatisfy(t -> assertThat(t).isEqualTo(
                treeUnchecked(roots.getFirst())));
        Set<String> reachable = new HashSet<>(trees.getFirst().values());
        reachable.addAll(server.context().getBean(JdbcClient.class).sql("SELECT sha256 FROM item_versions")
                .query(String.class).list());
        assertThat(reachable).as("every content a device held is in the tree, the versions or the trash")
                .containsAll(held);
    }

    private static void sync(int device, Path root, String folder, int failAt) throws IOException {
        Path config = configs.get(device);
        Credentials credentials = Credentials.load(config).orElseThrow();
        java.util.concurrent.atomic.AtomicInteger steps = new java.util.concurrent.atomic.AtomicInteger();
        Sync.Faults faults = step -> {
            if (failAt >= 0 && steps.getAndIncrement() == failAt) {
                throw new IOException("cut off at " + step);
            }
        };
        try (ServerApi api = new ServerApi(credentials, "test");
                Sync sync = new Sync(api, config, credentials.server(), root, folder, DeviceId.loadOrCreate(config),
                        credentials.deviceName(), new Sync.Options(Duration.ZERO, 1_000), faults,
                        Clock.systemDefaultZone())) {
            sync.once();
        } catch (IOException cutOff) {
            if (failAt < 0) {
                throw cutOff;
            }
        }
    }

    /**
     * A client that resolves a conflict by overwriting: before each sync (which it runs to the
     * end), a file changed here since this device's last sync whose server content changed too is
     * replaced by the server's content, so the real sync then finds nothing to keep.
     */
    private static final class Overwriting implements Syncer {

        private final Map<Integer, Map<String, String>> lastSynced = new HashMap<>();

        @Override
        public void sync(int device, Path root, String folder, int failAt) throws IOException {
            Map<String, String> before = lastSynced.getOrDefault(device, Map.of());
            Credentials credentials = Credentials.load(configs.get(device)).orElseThrow();
            try (ServerApi api = new ServerApi(credentials, "test")) {
                Map<String, JsonNode> remote = remoteTree(api, folder);
                for (Map.Entry<String, String> local : tree(root).entrySet()) {
                    JsonNode theirs = remote.get(local.getKey());
                    String base = before.get(local.getKey());
                    if (theirs != null && !local.getValue().equals(base)
                            && !theirs.path("sha256").asString().equals(base)
                            && !theirs.path("sha256").asString().equals(local.getValue())) {
                        overwrite(api, theirs, root.resolve(local.getKey()));
                    }
                }
            }
            SyncConvergenceTest.sync(device, root, folder, -1);
            lastSynced.put(device, tree(root));
        }

        /** The folder's files on the server, by path, as its journal tells. */
        private static Map<String, JsonNode> remoteTree(ServerApi api, String folder) throws IOException {
            Map<String, JsonNode> files = new HashMap<>();
            for (JsonNode e : api.get("/api/v1/sync/changes?folder=" + ServerApi.query(folder)
                    + "&after=0&limit=5000").path("entries")) {
                switch (e.path("kind").asString()) {
                    case "delete" -> files.remove(e.path("path").asString());
                    case "move" -> {
                        files.remove(e.path("from").asString());
                        files.put(e.path("path").asString(), e);
                    }
                    default -> files.put(e.path("path").asString(), e);
                }
            }
            return files;
        }

        private static void overwrite(ServerApi api, JsonNode entry, Path file) throws IOException {
            FileManifest manifest = FileManifest.parse(api.text("/api/v1/sync/manifests/"
                    + entry.path("itemId").asString() + "/" + entry.path("version").asInt()));
            Path temp = file.resolveSibling(".arca-tmp-overwrite");
            ChunkTransfer.fetch(api, manifest, temp, ChunkTransfer.LocalSource.NONE, ChunkTransfer.Checkpoint.NONE);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Path resolve(Path root, String name) {
        return root.resolve(name.replace('/', java.io.File.separatorChar));
    }

    private static Map<String, String> treeUnchecked(Path root) {
        try {
            return tree(root);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every file under {@code root} (Arca's temporary files aside) with the hash of its content. */
    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> tree = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).toList()) {
                if (!file.getFileName().toString().startsWith(".arca-tmp-")) {
                    tree.put(root.relativize(file).toString(), ContentHash.sha256Hex(Files.readAllBytes(file)));
                }
            }
        }
        return tree;
    }
}
