package dev.arca.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.support.BlobFiles;
import dev.arca.support.Content;
import dev.arca.support.Db;
import dev.arca.support.Http;
import dev.arca.support.TestServer;
import dev.arca.support.Users;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        List<Path> onDiskA = BlobFiles.under(server.dataDir.resolve("disk-a"), accountId + "/c/");
        List<Path> onDiskB = BlobFiles.under(server.dataDir.resolve("disk-b"), accountId + "/c/");
        assertThat(onDiskA).as("every blob has a copy on each disk").isNotEmpty().hasSameSizeAs(onDiskB);

        BlobFiles.flipLastByte(onDiskA.get(0));
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
        assertThat(BlobFiles.under(server.dataDir.resolve("disk-b"), accountId + "/c/")).hasSameSizeAs(onDiskA);

        JsonNode health = server.http().get("/api/v1/admin/storage/health", admin).json();
        assertThat(health.path("health").path("status").asString()).isEqualTo("UP");
        assertThat(health.path("health").path("locations")).hasSize(2);
        assertThat(health.path("lastScrub").path("blobsChecked").asLong()).isPositive();
        assertThat(server.http().get("/api/v1/admin/storage/health", token).status()).isEqualTo(403);
    }
}
