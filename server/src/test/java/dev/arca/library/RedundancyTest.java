package dev.arca.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.support.Content;
import dev.arca.support.Db;
import dev.arca.support.Http;
import dev.arca.support.TestServer;
import dev.arca.support.Users;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The running server keeps two copies of every blob (the test server has two blob
 * directories): a damaged or lost copy does not reach the user, and the scrub an administrator
 * starts finds and repairs it.
 */
class RedundancyTest {

    private final TestServer server = TestServer.on(Db.SQLITE);

    @Test
    @DisplayName("I.5 a corrupt and a missing copy are served around, then found and repaired by the admin scrub")
    void damagedCopiesAreRepaired() throws IOException {
        String email = Users.newEmail();
        String token = Users.signedIn(server, email);
        String accountId = Users.accountId(server, email);
        byte[] bytes = Content.random(2_500_000, 81);
        String id = Content.upload(server, token, "precious.bin", bytes).path("id").asString();
        List<Path> onDiskA = blobFiles(server.dataDir.resolve("disk-a"), accountId);
        List<Path> onDiskB = blobFiles(server.dataDir.resolve("disk-b"), accountId);
        assertThat(onDiskA).as("every blob has a copy on each disk").isNotEmpty().hasSameSizeAs(onDiskB);

        flipLastByte(onDiskA.get(0));
        Files.delete(onDiskB.get(onDiskB.size() - 1));
        assertThat(server.http().get("/api/v1/items/" + id + "/content", token).bytes())
                .as("reads verify and fall back to the good copy").isEqualTo(bytes);

        String admin = Users.token(server, TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        assertThat(server.http().post("/api/v1/admin/storage/scrub", null, token).status()).isEqualTo(403);
        Http.Response scrub = server.http().post("/api/v1/admin/storage/scrub", null, admin);
        assertThat(scrub.status()).isEqualTo(200);
        JsonNode report = scrub.json();
        assertThat(report.path("replicasCorrupt").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(report.path("replicasMissing").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(report.path("repaired").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(report.path("unrepairable").asLong()).isZero();

        JsonNode again = server.http().post("/api/v1/admin/storage/scrub", null, admin).json();
        assertThat(again.path("replicasCorrupt").asLong()).isZero();
        assertThat(again.path("replicasMissing").asLong()).isZero();
        assertThat(blobFiles(server.dataDir.resolve("disk-b"), accountId)).hasSameSizeAs(onDiskA);

        JsonNode health = server.http().get("/api/v1/admin/storage/health", admin).json();
        assertThat(health.path("health").path("status").asString()).isEqualTo("UP");
        assertThat(health.path("health").path("locations")).hasSize(2);
        assertThat(health.path("lastScrub").path("blobsChecked").asLong()).isPositive();
        assertThat(server.http().get("/api/v1/admin/storage/health", token).status()).isEqualTo(403);
    }

    /** The blob files of an account: each file names its key in its header (docs/blob-store.md). */
    private static List<Path> blobFiles(Path dir, String accountId) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".blob")).filter(p -> keyOf(p).startsWith(accountId + "/c/"))
                    .sorted((a, b) -> keyOf(a).compareTo(keyOf(b))).toList();
        }
    }

    private static String keyOf(Path file) {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            raf.seek(6);
            int length = raf.readUnsignedShort();
            byte[] key = new byte[length];
            raf.seek(28);
            raf.readFully(key);
            return new String(key, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return "";
        }
    }

    private static void flipLastByte(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(raf.length() - 1);
            int b = raf.read();
            raf.seek(raf.length() - 1);
            raf.write(b ^ 0xff);
        }
    }
}
