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
 * Kills a real {@code arca backup} process (SIGKILL) while it writes chunks, then runs it again:
 * the repository has no snapshot from the killed run, the new run writes none of the chunks the
 * killed one completed, and the result restores and checks.
 */
class BackupInterruptionTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path temp;

    @Test
    @DisplayName("a backup killed mid-way leaves no snapshot, and the next one reuses every chunk it wrote")
    void killMidBackup() throws Exception {
        Path source = Files.createDirectories(temp.resolve("media"));
        Random random = new Random(3);
        for (int i = 0; i < 40; i++) {
            byte[] bytes = new byte[3_000_000];
            random.nextBytes(bytes);
            Files.write(source.resolve("video-" + i + ".bin"), bytes);
        }
        Path repo = temp.resolve("repo");

        Process first = arca("backup", source.toString(), "--repo", repo.toString());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (chunks(repo) < 20 && first.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        first.destroyForcibly().waitFor();
        long written = chunks(repo);
        assertThat(written).as("the kill came while chunks were being written").isPositive();
        assertThat(Files.list(repo.resolve("snapshots")).filter(p -> !p.getFileName().toString().startsWith(".tmp-"))
                .count()).as("no snapshot from the killed run").isZero();

        Process second = arca("backup", source.toString(), "--repo", repo.toString(), "--json");
        assertThat(second.waitFor()).isZero();
        JsonNode result = JSON.readTree(second.getInputStream().readAllBytes());
        assertThat(result.path("chunksAdded").asLong()).as("chunks of the killed run are not written again")
                .isEqualTo(chunks(repo) - written);
        assertThat(result.path("files").asInt()).isEqualTo(40);

        Process check = arca("check", "--repo", repo.toString());
        assertThat(check.waitFor()).isZero();
        Path target = temp.resolve("restored");
        assertThat(arca("restore", "latest", "--to", target.toString(), "--repo", repo.toString()).waitFor()).isZero();
        for (int i = 0; i < 40; i++) {
            assertThat(Files.mismatch(source.resolve("video-" + i + ".bin"), target.resolve("video-" + i + ".bin")))
                    .isEqualTo(-1L);
        }
    }

    @Test
    @DisplayName("I.2f a backup to the server killed mid-way resends no chunk the server acknowledged, and restores")
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
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (stored(jdbc) < total / 3 && first.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            first.destroyForcibly().waitFor();
            Thread.sleep(500);
            long acknowledged = stored(jdbc);
            assertThat(acknowledged).as("the kill came mid-way").isPositive().isLessThan(total);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM backup_snapshots").query(Integer.class).single()).isZero();

            Cli.Run second = Cli.arcaAs(config, "", "backup", source.toString(), "--json");
            assertThat(second.exitCode()).as(second.err()).isZero();
            assertThat(JSON.readTree(second.out()).path("bytesAdded").asLong())
                    .as("only what the server had not acknowledged is sent").isEqualTo(total - acknowledged);
            Path target = temp.resolve("restored");
            assertThat(Cli.arcaAs(config, "", "restore", "latest", "--to", target.toString()).exitCode()).isZero();
            for (int i = 0; i < 30; i++) {
                assertThat(Files.mismatch(source.resolve("video-" + i + ".bin"), target.resolve("video-" + i + ".bin")))
                        .isEqualTo(-1L);
            }
        }
    }

    private static long stored(org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        return jdbc.sql("SELECT COALESCE(SUM(size), 0) FROM chunks").query(Long.class).single();
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

    private static long chunks(Path repo) throws IOException {
        Path dir = repo.resolve("chunks");
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        while (true) {
            try (Stream<Path> files = Files.walk(dir)) {
                return files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".tmp-"))
                        .count();
            } catch (java.io.UncheckedIOException renamedWhileWalking) {
                // a temporary file was renamed under the walk; count again
            }
        }
    }
}
