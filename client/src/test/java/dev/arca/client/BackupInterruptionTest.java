package dev.arca.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kills a real {@code arca backup} process (SIGKILL) while it writes packs, then runs it again:
 * the repository has no snapshot from the killed run, the new run writes none of the chunks the
 * killed one indexed, prune removes what it left unindexed, and the result restores and checks.
 */
class BackupInterruptionTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path temp;

    @Test
    @DisplayName("a backup killed mid-way leaves no snapshot; the next reuses every indexed pack, and prune drops the rest")
    void killMidBackup() throws Exception {
        Path source = Files.createDirectories(temp.resolve("media"));
        Random random = new Random(3);
        long total = 0;
        for (int i = 0; i < 40; i++) {
            byte[] bytes = new byte[3_000_000];
            random.nextBytes(bytes);
            Files.write(source.resolve("video-" + i + ".bin"), bytes);
            total += bytes.length;
        }
        Path repo = temp.resolve("repo");

        // Killed once the first index file names some finished packs.
        Process first = arca("backup", source.toString(), "--repo", repo.toString());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (files(repo.resolve("index")) == 0 && first.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        first.destroyForcibly().waitFor();
        assertThat(files(repo.resolve("index"))).as("the kill came after the first index").isPositive();
        assertThat(files(repo.resolve("snapshots"))).as("no snapshot from the killed run").isZero();

        Process second = arca("backup", source.toString(), "--repo", repo.toString(), "--json");
        assertThat(second.waitFor()).isZero();
        JsonNode result = JSON.readTree(second.getInputStream().readAllBytes());
        assertThat(result.path("bytesAdded").asLong()).as("the indexed packs' chunks are not written again")
                .isPositive().isLessThanOrEqualTo(total - 4 * (16L << 20) + 4096);
        assertThat(result.path("files").asInt()).isEqualTo(40);

        // Prune removes what the killed run left unindexed; what stays is one copy of the sources.
        assertThat(arca("forget", "--keep-last", "1", "--repo", repo.toString()).waitFor()).isZero();
        assertThat(bytes(repo.resolve("data"))).isBetween(total, total + total / 100);
        assertThat(arca("check", "--repo", repo.toString()).waitFor()).isZero();
        Path target = temp.resolve("restored");
        assertThat(arca("restore", "latest", "--to", target.toString(), "--repo", repo.toString()).waitFor()).isZero();
        for (int i = 0; i < 40; i++) {
            assertThat(Files.mismatch(source.resolve("video-" + i + ".bin"), target.resolve("video-" + i + ".bin")))
                    .isEqualTo(-1L);
        }
    }

    @Test
    @DisplayName("I.2f a backup to the server killed mid-way resends nothing the server indexed, and restores")
    void killMidBackupToTheServer() throws Exception {
        try (Cli.Server server = Cli.startServer(temp.resolve("server"), "kill@example.test", "kill password 12")) {
            Path config = temp.resolve("config");
            Cli.Run login = Cli.arcaAs(config, "kill password 12\n", "login", server.baseUrl(), "--email",
                    "kill@example.test", "--password-stdin");
            assertThat(login.exitCode()).as(login.err()).isZero();
            Path source = Files.createDirectories(temp.resolve("media"));
            Random random = new Random(8);
            long total = 0;
            for (int i = 0; i < 30; i++) {
                byte[] bytes = new byte[3_000_000];
                random.nextBytes(bytes);
                Files.write(source.resolve("video-" + i + ".bin"), bytes);
                total += bytes.length;
            }
            var jdbc = server.context().getBean(org.springframework.jdbc.core.simple.JdbcClient.class);

            Process first = Cli.process(config, "backup", source.toString());
            try (var stdin = first.getOutputStream()) {
                stdin.write("server backup password\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (indexes(jdbc) == 0 && first.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            first.destroyForcibly().waitFor();
            assertThat(indexes(jdbc)).as("the kill came after the first index").isPositive();
            assertThat(jdbc.sql("SELECT COUNT(*) FROM backup_objects WHERE kind = 'snapshots'").query(Integer.class)
                    .single()).isZero();

            Cli.Run second = Cli.arcaAs(config, "server backup password\n", "backup", source.toString(), "--json");
            assertThat(second.exitCode()).as(second.err()).isZero();
            assertThat(JSON.readTree(second.out()).path("bytesAdded").asLong())
                    .as("what the server indexed is not sent again").isLessThanOrEqualTo(total - 4 * (16L << 20) + 4096);
            Path target = temp.resolve("restored");
            assertThat(Cli.arcaAs(config, "server backup password\n", "restore", "latest", "--to", target.toString())
                    .exitCode()).isZero();
            for (int i = 0; i < 30; i++) {
                assertThat(Files.mismatch(source.resolve("video-" + i + ".bin"), target.resolve("video-" + i + ".bin")))
                        .isEqualTo(-1L);
            }
        }
    }

    private static int indexes(org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        return jdbc.sql("SELECT COUNT(*) FROM backup_objects WHERE kind = 'index'").query(Integer.class).single();
    }


    /** {@code arca args...} as a process of its own, given the encrypted repository's password on standard input. */
    private static Process arca(String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.arca.client.Arca"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (var stdin = process.getOutputStream()) {
            stdin.write("interrupted backup password\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return process;
    }

    /** Complete files in a folder of the repository (temporary ones not counted); 0 before it exists. */
    private static long files(Path dir) throws IOException {
        return list(dir).filter(p -> !p.getFileName().toString().startsWith(".tmp-")).count();
    }

    private static long bytes(Path dir) throws IOException {
        return list(dir).mapToLong(p -> p.toFile().length()).sum();
    }

    private static Stream<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Stream.empty();
        }
        while (true) {
            try (Stream<Path> files = Files.walk(dir)) {
                return files.filter(Files::isRegularFile).toList().stream();
            } catch (java.io.UncheckedIOException renamedWhileWalking) {
                // a temporary file was renamed under the walk; list again
            }
        }
    }
}
