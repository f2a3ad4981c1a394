package dev.arca.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The backup commands against a local repository folder, run as the arca command line runs them. */
class BackupCommandsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path temp;

    /** The password of the encrypted repositories these tests make, given on standard input. */
    static final String PASSWORD = "correct horse battery staple";

    private static Cli.Run arca(String... args) {
        return Cli.arca(PASSWORD + "\n", args);
    }

    /** A tree with odd names, an empty file and folder, a large file, a symlink and special permissions. */
    private Path tree() throws IOException {
        Path source = Files.createDirectories(temp.resolve("photos"));
        Files.writeString(source.resolve("plain.txt"), "hello");
        Files.write(source.resolve("empty"), new byte[0]);
        Path odd = Files.createDirectories(source.resolve("Ünïcode ✓ folder/with space/-dash"));
        Files.writeString(odd.resolve("été  double  space.jpg"), "not really a photo");
        Files.writeString(odd.resolve("emoji 😀, colon: and 'quotes'.txt"), "a name with odd characters");
        Files.createDirectories(source.resolve("empty folder"));
        byte[] big = new byte[5_000_000];
        new Random(1).nextBytes(big);
        Files.write(source.resolve("big.bin"), big);
        Files.writeString(source.resolve("secret.txt"), "owner only");
        Files.setPosixFilePermissions(source.resolve("secret.txt"), PosixFilePermissions.fromString("rw-------"));
        Files.writeString(source.resolve("run.sh"), "#!/bin/sh\necho hi\n");
        Files.setPosixFilePermissions(source.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(source.resolve("link-to-plain"), Path.of("plain.txt"));
        Files.setLastModifiedTime(source.resolve("plain.txt"), FileTime.fromMillis(1_500_000_000_123L));
        Files.setLastModifiedTime(odd, FileTime.fromMillis(1_400_000_000_000L));
        return source;
    }

    /** Every entry under a folder: relative path to type, bytes' hash, time and permissions. */
    private static Map<String, String> describe(Path root) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.filter(p -> !p.equals(root)).toList()) {
                String kind = Files.isSymbolicLink(p) ? "link:" + Files.readSymbolicLink(p)
                        : Files.isDirectory(p) ? "dir" : "file:" + sha(Files.readAllBytes(p));
                entries.put(root.relativize(p).toString(), kind + " "
                        + Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toMillis() + " "
                        + (Files.isSymbolicLink(p) ? "" : PosixFilePermissions.toString(Files.getPosixFilePermissions(p))));
            }
        }
        return entries;
    }

    private static String sha(byte[] bytes) {
        return dev.arca.protocol.chunk.ContentHash.sha256Hex(bytes);
    }

    @Test
    @DisplayName("I.2c backup to a folder without an account, then restore byte for byte with times and permissions")
    void backupAndRestoreRoundTrip() throws IOException {
        Path source = tree();
        Path repo = temp.resolve("repo");

        Cli.Run backup = arca("backup", source.toString(), "--repo", repo.toString(), "--json");
        assertThat(backup.exitCode()).as(backup.err()).isZero();
        JsonNode result = JSON.readTree(backup.out());
        assertThat(result.path("filesRead").asInt()).isEqualTo(7);

        Cli.Run list = arca("snapshots", "--repo", repo.toString(), "--json");
        JsonNode snapshots = JSON.readTree(list.out());
        assertThat(snapshots).hasSize(1);
        String id = snapshots.get(0).path("id").asString();
        assertThat(id).isEqualTo(result.path("id").asString());

        Path target = temp.resolve("restored");
        Cli.Run restore = arca("restore", id, "--to", target.toString(), "--repo", repo.toString());
        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(describe(target)).isEqualTo(describe(source));
        assertThat(arca("check", "--repo", repo.toString()).exitCode()).isZero();
    }

    @Test
    @DisplayName("a second backup reads only changed files and stores only new chunks; a path restores alone")
    void incrementalBackupAndPartialRestore() throws IOException {
        Path source = tree();
        Path repo = temp.resolve("repo");
        arca("backup", source.toString(), "--to", repo.toString());

        JsonNode unchanged = JSON.readTree(arca("backup", source.toString(), "--repo", repo.toString(), "--json").out());
        assertThat(unchanged.path("filesRead").asInt()).isZero();
        assertThat(unchanged.path("filesUnchanged").asInt()).isEqualTo(7);
        assertThat(unchanged.path("chunksAdded").asInt()).isZero();

        // Change one byte in the middle of the big file: one file read, few new bytes stored.
        try (RandomAccessFile file = new RandomAccessFile(source.resolve("big.bin").toFile(), "rw")) {
            file.seek(2_500_000);
            file.write(0x42);
        }
        Files.setLastModifiedTime(source.resolve("big.bin"), FileTime.fromMillis(1_700_000_000_000L));
        JsonNode changed = JSON.readTree(arca("backup", source.toString(), "--repo", repo.toString(), "--json").out());
        assertThat(changed.path("filesRead").asInt()).isEqualTo(1);
        assertThat(changed.path("bytesAdded").asLong()).isPositive().isLessThan(5_000_000 / 2);

        Path target = temp.resolve("one-folder");
        Cli.Run restore = arca("restore", "latest", "Ünïcode ✓ folder/with space", "--to", target.toString(),
                "--repo", repo.toString());
        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(Files.readString(target.resolve("Ünïcode ✓ folder/with space/-dash/été  double  space.jpg")))
                .isEqualTo("not really a photo");
        assertThat(target.resolve("big.bin")).doesNotExist();
        assertThat(arca("restore", "latest", "no/such/path", "--to", target.toString(), "--repo", repo.toString())
                .exitCode()).isEqualTo(6);
    }

    @Test
    @DisplayName("forget keeps what the policy says, prunes unused chunks, and the kept snapshot still restores")
    void forgetAndPrune() throws IOException {
        Path source = tree();
        Path repo = temp.resolve("repo");
        arca("backup", source.toString(), "--repo", repo.toString());
        Files.write(source.resolve("big.bin"), new byte[] {1, 2, 3});
        arca("backup", source.toString(), "--repo", repo.toString());
        long storedBefore = storedBytes(repo);

        assertThat(arca("forget", "--repo", repo.toString()).exitCode()).as("a policy is required").isEqualTo(2);
        Cli.Run forget = arca("forget", "--keep-last", "1", "--repo", repo.toString());
        assertThat(forget.exitCode()).as(forget.err()).isZero();
        assertThat(forget.out()).contains("removed 1");

        assertThat(JSON.readTree(arca("snapshots", "--repo", repo.toString(), "--json").out())).hasSize(1);
        assertThat(storedBytes(repo)).as("the old big file's chunks are gone").isLessThan(storedBefore - 4_000_000);
        Path target = temp.resolve("after-forget");
        assertThat(arca("restore", "latest", "--to", target.toString(), "--repo", repo.toString()).exitCode()).isZero();
        assertThat(describe(target)).isEqualTo(describe(source));
        assertThat(arca("check", "--repo", repo.toString()).exitCode()).isZero();
    }

    @Test
    @DisplayName("check finds a damaged and a missing chunk and names the files; restore refuses damaged bytes")
    void checkFindsDamage() throws IOException {
        Path source = tree();
        Path repo = temp.resolve("repo");
        // Format 1, whose chunks are plain files named by their hash; EncryptedRepositoryTest damages format 2.
        arca("backup", source.toString(), "--repo", repo.toString(), "--insecure-no-encryption");
        Path plainChunk = chunk(repo, sha("hello".getBytes(StandardCharsets.UTF_8)));
        Files.writeString(plainChunk, "jello");
        Files.delete(chunk(repo, sha("owner only".getBytes(StandardCharsets.UTF_8))));

        Cli.Run check = arca("check", "--repo", repo.toString());
        assertThat(check.exitCode()).isEqualTo(7);
        assertThat(check.err()).contains("plain.txt").contains("damaged").contains("secret.txt").contains("missing");

        // Part N of T reads only its share of the chunks, and still finds every missing one.
        String helloSha = sha("hello".getBytes(StandardCharsets.UTF_8));
        int helloPart = (int) (Long.parseLong(helloSha.substring(0, 8), 16) % 2) + 1;
        Cli.Run withIt = arca("check", "--read-data-subset", helloPart + "/2", "--repo", repo.toString());
        assertThat(withIt.err()).contains("plain.txt").contains("damaged").contains("secret.txt");
        assertThat(withIt.out()).contains("part " + helloPart + " of 2");
        Cli.Run without = arca("check", "--read-data-subset", (3 - helloPart) + "/2", "--repo", repo.toString());
        assertThat(without.exitCode()).as("the missing chunk is found by every part").isEqualTo(7);
        assertThat(without.err()).contains("secret.txt").contains("missing").doesNotContain("plain.txt");
        assertThat(arca("check", "--read-data-subset", "3/2", "--repo", repo.toString()).exitCode()).isEqualTo(2);
        Cli.Run restore = arca("restore", "latest", "plain.txt", "--to", temp.resolve("bad").toString(), "--repo",
                repo.toString());
        assertThat(restore.exitCode()).isEqualTo(6);
        assertThat(restore.err()).contains("damaged");
        assertThat(temp.resolve("bad/plain.txt")).doesNotExist();
    }

    @Test
    @DisplayName("a name no restore could write safely (control character, backslash) is left out and named")
    void namesOutsideThePathRulesAreReported() throws IOException {
        Path source = Files.createDirectories(temp.resolve("odd"));
        Files.writeString(source.resolve("kept.txt"), "kept");
        Files.writeString(source.resolve("line\nbreak.txt"), "a name with a line break");
        Files.writeString(Files.createDirectories(source.resolve("back\\slash")).resolve("inside.txt"), "below it");
        Path repo = temp.resolve("repo");

        Cli.Run backup = arca("backup", source.toString(), "--repo", repo.toString(), "--json");
        assertThat(backup.exitCode()).as(backup.err()).isZero();
        JsonNode result = JSON.readTree(backup.out());
        assertThat(result.path("files").asInt()).isEqualTo(1);
        assertThat(result.path("skipped")).hasSize(2);
        assertThat(backup.err()).contains("Not backed up: The path \"line\\u000abreak.txt\" holds a control character.")
                .contains("Not backed up: The path \"back\\\\slash\" holds a backslash.");

        Path target = temp.resolve("restored");
        Cli.Run restore = arca("restore", "latest", "--to", target.toString(), "--repo", repo.toString());
        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(describe(target).keySet()).containsExactly("kept.txt");
    }

    @Test
    @DisplayName("clear errors: not signed in without a repository, no repository, a file as source, an unknown snapshot")
    void clearErrors() throws IOException {
        Path file = Files.writeString(temp.resolve("file.txt"), "x");
        Cli.Run notSignedIn = Cli.arcaAs(temp.resolve("no-config"), "", "backup", temp.toString());
        assertThat(notSignedIn.exitCode()).isEqualTo(3);
        assertThat(notSignedIn.err()).contains("Not signed in");
        Cli.Run missing = arca("snapshots", "--repo", temp.resolve("nothing").toString());
        assertThat(missing.exitCode()).isEqualTo(6);
        assertThat(missing.err()).contains("No backup repository");
        Cli.Run notFolder = arca("backup", file.toString(), "--repo", temp.resolve("r").toString());
        assertThat(notFolder.exitCode()).isEqualTo(6);
        assertThat(notFolder.err()).contains("is not a folder");
        Cli.Run unknown = arca("restore", "abc", "--to", temp.resolve("t").toString(), "--repo", temp.resolve("r").toString());
        assertThat(unknown.exitCode()).isEqualTo(6);
        assertThat(unknown.err()).contains("No snapshot abc");
    }

    @Test
    @DisplayName("I.5 backup to the signed-in server is encrypted on the client: the server holds nothing it can read")
    void backupToTheServer() throws Exception {
        try (Cli.Server server = Cli.startServer(temp.resolve("server"), "backup@example.test", "backup password 1")) {
            Path config = temp.resolve("config");
            Cli.login(server, config, "backup@example.test", "backup password 1", "--device-name", "laptop");
            Path source = tree();

            Cli.Run first = Cli.arcaAs(config, PASSWORD + "\n", "backup", source.toString(), "--json");
            assertThat(first.exitCode()).as(first.err()).isZero();
            assertThat(first.err()).contains("encrypted on this computer");
            assertThat(JSON.readTree(first.out()).path("filesRead").asInt()).isEqualTo(7);
            Cli.Run second = Cli.arcaAs(config, PASSWORD + "\n", "backup", source.toString(), "--json");
            JsonNode again = JSON.readTree(second.out());
            assertThat(again.path("filesUnchanged").asInt()).isEqualTo(7);
            assertThat(again.path("chunksAdded").asInt()).isZero();
            assertThat(Cli.arcaAs(config, "not the password\n", "snapshots").exitCode()).isEqualTo(3);

            JsonNode snapshots = JSON.readTree(Cli.arcaAs(config, PASSWORD + "\n", "snapshots", "--json").out());
            assertThat(snapshots).hasSize(2);
            Path target = temp.resolve("restored");
            Cli.Run restore = Cli.arcaAs(config, PASSWORD + "\n", "restore", "latest", "--to", target.toString());
            assertThat(restore.exitCode()).as(restore.err()).isZero();
            assertThat(describe(target)).isEqualTo(describe(source));

            // What the server holds, read back as the server gives it: names, sizes, sealed bytes.
            var jdbc = server.context().getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM backup_snapshots").query(Integer.class).single())
                    .as("no snapshot in the clear").isZero();
            List<String> kinds = jdbc.sql("SELECT DISTINCT kind FROM backup_objects").query(String.class).list();
            assertThat(kinds).contains("config", "keys", "index", "data", "snapshots");
            String bigSha = sha(Files.readAllBytes(source.resolve("big.bin")));
            try (var api = new dev.arca.client.net.ServerApi(
                    dev.arca.client.state.Credentials.load(config).orElseThrow(), "test")) {
                for (String kind : List.of("keys", "index", "data", "snapshots")) {
                    for (JsonNode object : api.get("/api/v1/backups/repositories/default/" + kind).path("objects")) {
                        String held = new String(api.bytes("/api/v1/backups/repositories/default/" + kind + "/"
                                + object.path("name").asString()), StandardCharsets.ISO_8859_1);
                        assertThat(held).as(kind).doesNotContain("owner only").doesNotContain("not really a photo")
                                .doesNotContain("secret.txt").doesNotContain(bigSha);
                    }
                }
                // The partition of the backed-up folder is shown with the device.
                assertThat(api.get("/api/v1/devices").path("devices").get(0).path("partitions")).hasSize(1);
            }

            Cli.Run forget = Cli.arcaAs(config, PASSWORD + "\n", "forget", "--keep-last", "1");
            assertThat(forget.exitCode()).as(forget.err()).isZero();
            assertThat(JSON.readTree(Cli.arcaAs(config, PASSWORD + "\n", "snapshots", "--json").out())).hasSize(1);
            Cli.Run check = Cli.arcaAs(config, PASSWORD + "\n", "check");
            assertThat(check.exitCode()).as(check.err() + check.out()).isZero();
            assertThat(Cli.arcaAs(config, "", "snapshots", "--legacy-server", "--json").exitCode())
                    .as("the snapshots kept in the clear before stay reachable").isZero();
        }
    }

    @Test
    @DisplayName("I.5 snapshots the server kept in the clear are listed with --legacy-server and migrate into the encrypted repository")
    void legacyServerSnapshotsMigrate() throws Exception {
        try (Cli.Server server = Cli.startServer(temp.resolve("server"), "legacy@example.test", "legacy password 1")) {
            Path config = temp.resolve("config");
            Cli.login(server, config, "legacy@example.test", "legacy password 1");
            Path source = tree();
            // A snapshot as clients saved them before backups were encrypted on the client.
            var credentials = dev.arca.client.state.Credentials.load(config).orElseThrow();
            try (var api = new dev.arca.client.net.ServerApi(credentials, "test");
                    var legacy = new dev.arca.client.backup.ServerRepository(api,
                            dev.arca.client.state.DeviceId.loadOrCreate(config))) {
                new dev.arca.client.backup.Backup(legacy, java.time.Clock.systemUTC(),
                        dev.arca.client.progress.Meter.NONE).run(source, "old laptop");
            }
            assertThat(JSON.readTree(Cli.arcaAs(config, "", "snapshots", "--legacy-server", "--json").out())).hasSize(1);
            assertThat(Cli.arcaAs(config, "", "backup", source.toString(), "--legacy-server").exitCode())
                    .as("no new backups in the clear").isEqualTo(2);

            Cli.Run migrate = Cli.arcaAs(config, PASSWORD + "\n", "migrate", "--legacy-server", "--to-server");
            assertThat(migrate.exitCode()).as(migrate.err()).isZero();
            assertThat(migrate.out()).contains("copied 1 snapshots");
            Path target = temp.resolve("migrated");
            Cli.Run restore = Cli.arcaAs(config, PASSWORD + "\n", "restore", "latest", "--to", target.toString());
            assertThat(restore.exitCode()).as(restore.err()).isZero();
            assertThat(describe(target)).isEqualTo(describe(source));
        }
    }

    @Test
    @DisplayName("forget on the server waits for a backup that is running, and goes ahead once it ends")
    void forgetWaitsForARunningBackup() throws Exception {
        try (Cli.Server server = Cli.startServer(temp.resolve("server"), "locks@example.test", "locks password 1")) {
            Path config = temp.resolve("config");
            Cli.login(server, config, "locks@example.test", "locks password 1");
            Path source = tree();
            assertThat(Cli.arcaAs(config, PASSWORD + "\n", "backup", source.toString()).exitCode()).isZero();
            Random random = new Random(4);
            for (int i = 0; i < 40; i++) {
                byte[] bytes = new byte[4_000_000];
                random.nextBytes(bytes);
                Files.write(source.resolve("video-" + i + ".bin"), bytes);
            }
            var jdbc = server.context().getBean(org.springframework.jdbc.core.simple.JdbcClient.class);

            Process backup = Cli.process(config, "backup", source.toString());
            try (var stdin = backup.getOutputStream()) {
                stdin.write((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
            }
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
            while (jdbc.sql("SELECT COUNT(*) FROM backup_objects WHERE kind = 'locks'").query(Integer.class).single() == 0
                    && backup.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Cli.Run refused = Cli.arcaAs(config, PASSWORD + "\n", "forget", "--keep-last", "1");
            assertThat(backup.isAlive()).as("the backup was still running when forget asked").isTrue();
            assertThat(refused.exitCode()).isEqualTo(6);
            assertThat(refused.err()).contains("in use by another arca command");

            assertThat(backup.waitFor()).isZero();
            assertThat(jdbc.sql("SELECT COUNT(*) FROM backup_objects WHERE kind = 'locks'").query(Integer.class)
                    .single()).as("the backup's lock goes with it").isZero();
            Cli.Run forget = Cli.arcaAs(config, PASSWORD + "\n", "forget", "--keep-last", "1");
            assertThat(forget.exitCode()).as(forget.err()).isZero();
            assertThat(JSON.readTree(Cli.arcaAs(config, PASSWORD + "\n", "snapshots", "--json").out())).hasSize(1);
        }
    }

    private static Path chunk(Path repo, String sha) {
        return repo.resolve("chunks").resolve(sha.substring(0, 2)).resolve(sha);
    }

    /** The bytes of every chunk and pack the repository stores. */
    private static long storedBytes(Path repo) throws IOException {
        Path dir = repo.resolve(Files.isDirectory(repo.resolve("data")) ? "data" : "chunks");
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
