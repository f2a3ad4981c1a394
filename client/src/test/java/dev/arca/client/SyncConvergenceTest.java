package dev.arca.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.client.net.ServerApi;
import dev.arca.client.state.Credentials;
import dev.arca.client.state.DeviceId;
import dev.arca.client.sync.Sync;
import dev.arca.protocol.chunk.ContentHash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Random histories of creates, edits, renames and deletes on three devices, with syncs that are
 * cut off at random points (as a kill or a broken connection would), always end, once every
 * device has synced a few times, with the same tree everywhere, and with every content a device
 * held still reachable: in the tree, or in the server's versions and trash.
 */
class SyncConvergenceTest {

    private static final String PASSWORD = "property password 1";
    private static final List<String> NAMES = List.of("a.txt", "b.txt", "d/c.txt", "d/e/f.txt", "g.jpg");
    private static final int DEVICES = 3;

    static Path temp;
    static Cli.Server server;
    static List<Path> configs = new ArrayList<>();

    sealed interface Op {}

    record Write(int device, int name, int content) implements Op {}

    record Rename(int device, int name, int to) implements Op {}

    record Delete(int device, int name) implements Op {}

    /** A sync of one device, cut off before its {@code failAt}-th step (never, when negative). */
    record SyncNow(int device, int failAt) implements Op {}

    @BeforeContainer
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

    @AfterContainer
    static void stop() throws IOException {
        server.close();
        try (Stream<Path> files = Files.walk(temp)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Provide
    Arbitrary<List<Op>> histories() {
        Arbitrary<Integer> device = Arbitraries.integers().between(0, DEVICES - 1);
        Arbitrary<Integer> name = Arbitraries.integers().between(0, NAMES.size() - 1);
        Arbitrary<Op> write = Combinators.combine(device, name, Arbitraries.integers().between(0, 6)).as(Write::new);
        Arbitrary<Op> rename = Combinators.combine(device, name, name).as(Rename::new);
        Arbitrary<Op> delete = Combinators.combine(device, name).as(Delete::new);
        Arbitrary<Op> sync = Combinators.combine(device, Arbitraries.integers().between(-6, 12)).as(SyncNow::new);
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(4, write), net.jqwik.api.Tuple.of(2, rename),
                        net.jqwik.api.Tuple.of(2, delete), net.jqwik.api.Tuple.of(5, sync))
                .list().ofMinSize(4).ofMaxSize(30);
    }

    @Property(tries = 30)
    void devicesConvergeAndNothingIsLost(@ForAll("histories") List<Op> history) throws Exception {
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
                case SyncNow s -> sync(s.device(), roots.get(s.device()), folder, s.failAt());
            }
        }
        Set<String> held = new HashSet<>();
        for (Path root : roots) {
            held.addAll(tree(root).values());
        }
        List<Map<String, String>> trees = List.of();
        for (int round = 0; round < 4; round++) {
            for (int d = 0; d < DEVICES; d++) {
                sync(d, roots.get(d), folder, -1);
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
