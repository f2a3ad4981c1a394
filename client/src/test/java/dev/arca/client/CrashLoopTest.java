package dev.arca.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills real {@code arca forget --prune} and {@code arca restore} processes (SIGKILL) while they
 * write, round after round on a changing folder: after each kill {@code check} is clean, the
 * latest snapshot restores byte for byte, and a restore run again over a killed one finishes it.
 */
class CrashLoopTest {

    private static final String PASSWORD = "crash loop password";
    private static final int ROUNDS = 4;

    @TempDir
    Path temp;

    @Test
    @DisplayName("kill -9 during prune and restore, round after round: check is clean and restores are identical")
    void killDuringPruneAndRestore() throws Exception {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        Path source = Files.createDirectories(temp.resolve("photos"));
        Path repo = temp.resolve("repo");
        int next = 0;
        int killed = 0;
        for (; next < 600; next++) {
            write(source, next, random);
        }
        backup(source, repo);
        for (int round = 0; round < ROUNDS; round++) {
            String context = "seed " + seed + ", round " + round;
            // A third of the files go and new ones come, so prune has packs to rewrite.
            List<Path> files;
            try (Stream<Path> all = Files.list(source)) {
                files = all.sorted().toList();
            }
            for (int i = round % 3; i < files.size(); i += 3) {
                Files.delete(files.get(i));
            }
            for (int i = 0; i < 150; i++) {
                write(source, next++, random);
            }
            backup(source, repo);

            Set<String> before = names(repo.resolve("data"));
            Process prune = arca("forget", "--keep-last", "1", "--repo", repo.toString());
            killed += killOnce(prune, () -> !names(repo.resolve("data")).equals(before), random) ? 1 : 0;
            assertClean(repo, source, context + ", prune killed");

            Path target = temp.resolve("restored-" + round);
            Process restore = arca("restore", "latest", "--to", target.toString(), "--repo", repo.toString());
            killed += killOnce(restore, () -> Files.isDirectory(target) && !names(target).isEmpty(), random) ? 1 : 0;
            Cli.Run again = Cli.arca(PASSWORD + "\n", "restore", "latest", "--to", target.toString(), "--repo",
                    repo.toString());
            assertThat(again.exitCode()).as(context + ", restore after a killed one: " + again.err()).isZero();
            assertSame(source, target, context + ", restore after a killed one");
        }
        System.out.printf("crash loop, seed %d: %d of %d kills found the process at work%n", seed, killed, 2 * ROUNDS);
        assertThat(killed).as("seed " + seed + ": kills that came while the process worked").isGreaterThanOrEqualTo(ROUNDS);
        Cli.Run prune = Cli.arca(PASSWORD + "\n", "forget", "--keep-last", "1", "--repo", repo.toString());
        assertThat(prune.exitCode()).as(prune.err()).isZero();
        assertThat(bytes(repo.resolve("data"))).as("seed " + seed + ": after a full prune, one copy of the sources")
                .isLessThan(bytes(source) + bytes(source) / 50);
    }

    private static void write(Path source, int n, Random random) throws IOException {
        byte[] bytes = new byte[n % 50 == 0 ? 1_500_000 : 4_000 + random.nextInt(40_000)];
        random.nextBytes(bytes);
        Files.write(source.resolve(String.format("IMG_%05d.jpg", n)), bytes);
    }

    private void backup(Path source, Path repo) {
        Cli.Run backup = Cli.arca(PASSWORD + "\n", "backup", source.toString(), "--repo", repo.toString());
        assertThat(backup.exitCode()).as(backup.err()).isZero();
    }

    /**
     * Waits until {@code started} holds (or the process ends), waits a random moment more and kills
     * it; true when the kill found it still running.
     */
    private static boolean killOnce(Process process, Check started, Random random) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (process.isAlive() && !started.holds() && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        Thread.sleep(random.nextInt(150));
        boolean running = process.isAlive();
        process.destroyForcibly().waitFor();
        return running;
    }

    @FunctionalInterface
    private interface Check {
        boolean holds() throws IOException;
    }

    private void assertClean(Path repo, Path source, String context) throws IOException {
        Cli.Run check = Cli.arca(PASSWORD + "\n", "check", "--repo", repo.toString());
        assertThat(check.exitCode()).as(context + ": " + check.err() + check.out()).isZero();
        Path target = Files.createTempDirectory(temp, "check");
        Cli.Run restore = Cli.arca(PASSWORD + "\n", "restore", "latest", "--to", target.toString(), "--repo",
                repo.toString());
        assertThat(restore.exitCode()).as(context + ": " + restore.err()).isZero();
        assertSame(source, target, context);
    }

    /**
     * Every file of the source is in the target with the same bytes, and nothing else: no
     * half-written file of a killed restore stays once a restore has run to its end.
     */
    private static void assertSame(Path source, Path target, String context) throws IOException {
        Set<String> expected = names(source);
        assertThat(names(target)).as(context).isEqualTo(expected);
        for (String name : expected) {
            assertThat(Files.mismatch(source.resolve(name), target.resolve(name))).as(context + ": " + name)
                    .isEqualTo(-1L);
        }
    }

    private static Set<String> names(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        while (true) {
            try (Stream<Path> files = Files.walk(dir)) {
                return files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString())
                        .collect(Collectors.toSet());
            } catch (java.io.UncheckedIOException renamedWhileWalking) {
                // a temporary file was renamed under the walk; list again
            }
        }
    }

    private static long bytes(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /** {@code arca args...} as a process of its own, given the repository's password on standard input. */
    private static Process arca(String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.arca.client.Arca"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (var stdin = process.getOutputStream()) {
            stdin.write((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return process;
    }
}
