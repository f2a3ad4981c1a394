package dev.arca.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * Format 2 repositories against someone who holds the folder: nothing of the sources is readable
 * in it, no chunk is named by its plain SHA-256, a wrong password opens nothing and changes
 * nothing, tampered bytes are named by check and refused by restore, and passwords can be added,
 * changed and removed.
 */
class EncryptedRepositoryTest {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String MARKER = "ARCA-PLAINTEXT-MARKER-4711";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path temp;

    private Path source() throws IOException {
        Path source = Files.createDirectories(temp.resolve("photos"));
        Files.writeString(source.resolve("diary " + MARKER + ".txt"), "Dear diary, " + MARKER + " " + "x".repeat(5000));
        byte[] big = new byte[3_000_000];
        new Random(7).nextBytes(big);
        Files.write(source.resolve("big.bin"), big);
        return source;
    }

    private static List<byte[]> files(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile).map(p -> {
                try {
                    return Files.readAllBytes(p);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    private static List<String> names(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.map(p -> p.getFileName().toString()).toList();
        }
    }

    @Test
    @DisplayName("I.5 the repository holds no plaintext of the sources and no plain SHA-256 of any chunk")
    void nothingOfTheSourcesIsReadable() throws IOException {
        Path source = source();
        Path repo = temp.resolve("repo");
        Cli.Run backup = Cli.arca(PASSWORD + "\n", "backup", source.toString(), "--repo", repo.toString(), "--json");
        assertThat(backup.exitCode()).as(backup.err()).isZero();
        assertThat(backup.err()).contains("Keep its password safe");
        assertThat(JSON.readTree(Files.readAllBytes(repo.resolve("config"))).path("version").asInt()).isEqualTo(2);

        String fileSha = dev.arca.protocol.chunk.ContentHash.sha256Hex(Files.readAllBytes(source.resolve("big.bin")));
        // 64 bytes from inside the random file: present in any plain copy, absent from ciphertext.
        String sample = new String(java.util.Arrays.copyOfRange(Files.readAllBytes(source.resolve("big.bin")),
                1_000_000, 1_000_064), StandardCharsets.ISO_8859_1);
        for (byte[] content : files(repo)) {
            String text = new String(content, StandardCharsets.ISO_8859_1);
            assertThat(text).doesNotContain(MARKER).doesNotContain("diary").doesNotContain(fileSha)
                    .doesNotContain(sample);
        }
        assertThat(names(repo)).noneMatch(n -> n.contains(MARKER) || n.contains("diary") || n.equals(fileSha));
        // No stored name is the SHA-256 of a chunk of the sources.
        for (byte[] chunk : chunks(source.resolve("big.bin"))) {
            String sha = dev.arca.protocol.chunk.ContentHash.sha256Hex(chunk);
            assertThat(names(repo)).doesNotContain(sha);
        }

        Path target = temp.resolve("restored");
        Cli.Run restore = Cli.arca(PASSWORD + "\n", "restore", "latest", "--to", target.toString(), "--repo",
                repo.toString());
        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(Files.readAllBytes(target.resolve("big.bin"))).isEqualTo(Files.readAllBytes(source.resolve("big.bin")));
        assertThat(Files.readString(target.resolve("diary " + MARKER + ".txt"))).contains(MARKER);
    }

    private static List<byte[]> chunks(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        List<byte[]> chunks = new java.util.ArrayList<>();
        var cuts = dev.arca.protocol.chunk.FastCdc.DEFAULT;
        int offset = 0;
        while (offset < bytes.length) {
            int length = cuts.cut(bytes, offset, bytes.length, true);
            chunks.add(java.util.Arrays.copyOfRange(bytes, offset, offset + length));
            offset += length;
        }
        return chunks;
    }

    @Test
    @DisplayName("text is stored compressed, random bytes (like photos) as they are, and both restore exactly")
    void compressesWhereItHelps() throws IOException {
        Path source = Files.createDirectories(temp.resolve("mixed"));
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 60_000; i++) {
            log.append("2026-12-07 line ").append(i).append(" of a log that repeats itself a lot\n");
        }
        Files.writeString(source.resolve("app.log"), log);
        byte[] random = new byte[2_000_000];
        new Random(3).nextBytes(random);
        Files.write(source.resolve("photo.raw"), random);
        Path repo = temp.resolve("repo");
        assertThat(Cli.arca(PASSWORD + "\n", "backup", source.toString(), "--repo", repo.toString()).exitCode()).isZero();

        long stored;
        try (Stream<Path> files = Files.walk(repo.resolve("data"))) {
            stored = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        long logSize = Files.size(source.resolve("app.log"));
        assertThat(stored).as("the log shrinks; the random bytes cost their size and a few bytes per chunk")
                .isLessThan(random.length + logSize / 5).isGreaterThanOrEqualTo(random.length);
        Path target = temp.resolve("back");
        assertThat(Cli.arca(PASSWORD + "\n", "restore", "latest", "--to", target.toString(), "--repo", repo.toString())
                .exitCode()).isZero();
        assertThat(Files.readAllBytes(target.resolve("app.log"))).isEqualTo(Files.readAllBytes(source.resolve("app.log")));
        assertThat(Files.readAllBytes(target.resolve("photo.raw"))).isEqualTo(random);
    }

    @Test
    @DisplayName("I.5 a wrong or missing password opens nothing and changes nothing, with a clear error")
    void aWrongPasswordIsRefused() throws IOException {
        Path repo = temp.resolve("repo");
        assertThat(Cli.arca(PASSWORD + "\n", "backup", source().toString(), "--repo", repo.toString()).exitCode()).isZero();
        List<String> before = names(repo);

        Cli.Run wrong = Cli.arca("not the password\n", "snapshots", "--repo", repo.toString());
        assertThat(wrong.exitCode()).isEqualTo(3);
        assertThat(wrong.err()).contains("password does not open this repository");
        Cli.Run none = Cli.arca("", "restore", "latest", "--to", temp.resolve("t").toString(), "--repo", repo.toString());
        assertThat(none.exitCode()).isEqualTo(6);
        assertThat(none.err()).contains("needs a password");
        assertThat(names(repo)).containsExactlyInAnyOrderElementsOf(before);
        assertThat(temp.resolve("t")).doesNotExist();
    }

    @Test
    @DisplayName("I.5 tampered pack, index and snapshot bytes are named by check and refused by restore")
    void tamperingIsFound() throws IOException {
        Path repo = temp.resolve("repo");
        assertThat(Cli.arca(PASSWORD + "\n", "backup", source().toString(), "--repo", repo.toString()).exitCode()).isZero();
        Path pack = only(repo.resolve("data"));
        byte[] bytes = Files.readAllBytes(pack);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(pack, bytes);

        Cli.Run check = Cli.arca(PASSWORD + "\n", "check", "--repo", repo.toString());
        assertThat(check.exitCode()).isEqualTo(7);
        assertThat(check.err()).contains("damaged");
        Cli.Run restore = Cli.arca(PASSWORD + "\n", "restore", "latest", "--to", temp.resolve("bad").toString(),
                "--repo", repo.toString());
        assertThat(restore.exitCode()).isNotZero();
        assertThat(restore.err()).contains("damaged");

        for (String folder : List.of("snapshots", "index")) {
            Path file = only(repo.resolve(folder));
            byte[] sealed = Files.readAllBytes(file);
            sealed[20] ^= 0x01;
            Files.write(file, sealed);
            Cli.Run list = Cli.arca(PASSWORD + "\n", "snapshots", "--repo", repo.toString());
            assertThat(list.exitCode()).as(folder).isNotZero();
            assertThat(list.err()).as(folder).contains("tampered");
            sealed[20] ^= 0x01;
            Files.write(file, sealed);
        }
    }

    @Test
    @DisplayName("many small files go into a few packs; prune rewrites half-used packs and drops orphans")
    void smallFilesArePacked() throws IOException {
        Path source = Files.createDirectories(temp.resolve("small"));
        Random random = new Random(11);
        for (int i = 0; i < 2_000; i++) {
            byte[] bytes = new byte[4_000 + random.nextInt(30_000)];
            random.nextBytes(bytes);
            Files.write(source.resolve("note-" + i + ".bin"), bytes);
        }
        Path repo = temp.resolve("repo");
        assertThat(Cli.arca(PASSWORD + "\n", "backup", source.toString(), "--repo", repo.toString()).exitCode()).isZero();
        assertThat(files(repo.resolve("data"))).as("2,000 chunks in a few packs").hasSizeBetween(1, 8);
        long full = bytes(repo.resolve("data"));

        // Half the files go; a pack nobody indexed (a killed backup's) lies beside the others.
        for (int i = 0; i < 2_000; i += 2) {
            Files.delete(source.resolve("note-" + i + ".bin"));
        }
        assertThat(Cli.arca(PASSWORD + "\n", "backup", source.toString(), "--repo", repo.toString()).exitCode()).isZero();
        Path orphan = Files.createDirectories(repo.resolve("data/ab")).resolve("ab" + "0".repeat(62));
        Files.write(orphan, new byte[1000]);
        Cli.Run forget = Cli.arca(PASSWORD + "\n", "forget", "--keep-last", "1", "--repo", repo.toString());
        assertThat(forget.exitCode()).as(forget.err()).isZero();
        assertThat(orphan).doesNotExist();
        assertThat(bytes(repo.resolve("data"))).as("the deleted half's bytes are gone").isLessThan(full * 6 / 10);
        assertThat(files(repo.resolve("index"))).as("one index after prune").hasSize(1);
        assertThat(Cli.arca(PASSWORD + "\n", "check", "--repo", repo.toString()).exitCode()).isZero();
        Path target = temp.resolve("restored");
        assertThat(Cli.arca(PASSWORD + "\n", "restore", "latest", "--to", target.toString(), "--repo", repo.toString())
                .exitCode()).isZero();
        for (int i = 1; i < 2_000; i += 2) {
            assertThat(Files.mismatch(source.resolve("note-" + i + ".bin"), target.resolve("note-" + i + ".bin")))
                    .isEqualTo(-1L);
        }
        assertThat(target.resolve("note-0.bin")).doesNotExist();
    }

    private static Path only(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
    }

    private static long bytes(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    @Test
    @DisplayName("I.5 a format-1 repository still restores, and migrates into an encrypted one that restores the same")
    void formatOneMigrates() throws IOException {
        Path source = source();
        Path old = temp.resolve("old");
        assertThat(Cli.arca("", "backup", source.toString(), "--repo", old.toString(), "--insecure-no-encryption")
                .exitCode()).isZero();
        Files.writeString(source.resolve("later.txt"), "a second snapshot");
        assertThat(Cli.arca("", "backup", source.toString(), "--repo", old.toString()).exitCode()).isZero();
        assertThat(JSON.readTree(Files.readAllBytes(old.resolve("config"))).path("version").asInt()).isEqualTo(1);
        Cli.Run plainRestore = Cli.arca("", "restore", "latest", "--to", temp.resolve("from-old").toString(), "--repo",
                old.toString());
        assertThat(plainRestore.exitCode()).as(plainRestore.err()).isZero();

        Path fresh = temp.resolve("new");
        Cli.Run migrate = Cli.arca(PASSWORD + "\n", "migrate", "--repo", old.toString(), "--to", fresh.toString());
        assertThat(migrate.exitCode()).as(migrate.err()).isZero();
        assertThat(migrate.out()).contains("copied 2 snapshots");
        assertThat(JSON.readTree(Files.readAllBytes(fresh.resolve("config"))).path("version").asInt()).isEqualTo(2);
        for (byte[] content : files(fresh)) {
            assertThat(new String(content, StandardCharsets.ISO_8859_1)).doesNotContain(MARKER);
        }
        Cli.Run restore = Cli.arca(PASSWORD + "\n", "restore", "latest", "--to", temp.resolve("from-new").toString(),
                "--repo", fresh.toString());
        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(Files.readAllBytes(temp.resolve("from-new").resolve("big.bin")))
                .isEqualTo(Files.readAllBytes(source.resolve("big.bin")));
        assertThat(Files.readString(temp.resolve("from-new").resolve("later.txt"))).isEqualTo("a second snapshot");
        assertThat(Cli.arca(PASSWORD + "\n", "check", "--repo", fresh.toString()).exitCode()).isZero();
        assertThat(Cli.arca("", "migrate", "--repo", old.toString(), "--to", fresh.toString()).exitCode())
                .as("never into an existing repository").isEqualTo(2);
    }

    @Test
    @DisplayName("I.5 passwords and a recovery key are added, changed and removed; the last one stays")
    void keysAreManaged() throws IOException {
        Path repo = temp.resolve("repo");
        assertThat(Cli.arca(PASSWORD + "\n", "backup", source().toString(), "--repo", repo.toString()).exitCode()).isZero();

        Cli.Run add = Cli.arca(PASSWORD + "\nsecond password\n", "key", "add", "--repo", repo.toString());
        assertThat(add.exitCode()).as(add.err()).isZero();
        String second = add.out().strip().replace("added key ", "");
        assertThat(Cli.arca("second password\n", "snapshots", "--repo", repo.toString()).exitCode()).isZero();
        Cli.Run list = Cli.arca(PASSWORD + "\n", "key", "list", "--repo", repo.toString());
        assertThat(list.out().lines()).hasSize(2).anyMatch(l -> l.startsWith(second));

        Cli.Run recovery = Cli.arca(PASSWORD + "\n", "key", "add", "--recovery", "--repo", repo.toString());
        assertThat(recovery.exitCode()).as(recovery.err()).isZero();
        String recoveryKey = recovery.out().lines().filter(l -> l.startsWith("recovery key ")).findFirst()
                .orElseThrow().substring("recovery key ".length());
        assertThat(recoveryKey).matches("([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}");
        assertThat(Cli.arca(recoveryKey + "\n", "snapshots", "--repo", repo.toString()).exitCode())
                .as("the recovery key opens the repository").isZero();
        assertThat(Cli.arca(PASSWORD + "\n", "key", "list", "--repo", repo.toString()).out().lines()).hasSize(3);

        Cli.Run passwd = Cli.arca(PASSWORD + "\nthird password\n", "key", "passwd", "--repo", repo.toString());
        assertThat(passwd.exitCode()).as(passwd.err()).isZero();
        assertThat(Cli.arca(PASSWORD + "\n", "snapshots", "--repo", repo.toString()).exitCode()).as("the old password")
                .isEqualTo(3);
        assertThat(Cli.arca("third password\n", "snapshots", "--repo", repo.toString()).exitCode()).isZero();

        Cli.Run remove = Cli.arca("third password\n", "key", "remove", second, "--repo", repo.toString());
        assertThat(remove.exitCode()).as(remove.err()).isZero();
        assertThat(Cli.arca("second password\n", "snapshots", "--repo", repo.toString()).exitCode()).isEqualTo(3);
        String recoverySlot = recovery.out().lines().filter(l -> l.startsWith("added key ")).findFirst().orElseThrow()
                .substring("added key ".length());
        assertThat(Cli.arca("third password\n", "key", "remove", recoverySlot, "--repo", repo.toString()).exitCode())
                .isZero();
        assertThat(Cli.arca(recoveryKey + "\n", "snapshots", "--repo", repo.toString()).exitCode()).isEqualTo(3);
        String last = Cli.arca("third password\n", "key", "list", "--repo", repo.toString()).out().strip().split(" ")[0];
        Cli.Run lastOne = Cli.arca("third password\n", "key", "remove", last, "--repo", repo.toString());
        assertThat(lastOne.exitCode()).isNotZero();
        assertThat(lastOne.err()).contains("last key");
        assertThat(HexFormat.isHexDigit(last.charAt(0))).isTrue();
    }
}
