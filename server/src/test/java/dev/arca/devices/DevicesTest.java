package dev.arca.devices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.protocol.manifest.FileManifest;
import dev.arca.support.Chunked;
import dev.arca.support.Content;
import dev.arca.support.Db;
import dev.arca.support.Http;
import dev.arca.support.TestServer;
import dev.arca.support.Users;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

@ParameterizedClass
@EnumSource(Db.class)
class DevicesTest {

    @Parameter
    Db db;

    private TestServer server() {
        return TestServer.on(db);
    }

    /** The id of a bearer token, as the client knows it from signing in. */
    private String tokenId(Http http, String token) {
        return server().jdbc().sql("SELECT id FROM api_tokens WHERE token_hash = ?")
                .param(dev.arca.platform.Secrets.sha256Hex(token)).query(String.class).single();
    }

    @Test
    @DisplayName("I.2f a device registers with its token, reports partitions, is renamed and listed")
    void registerReportRename() {
        String email = Users.newEmail();
        String token = Users.signedIn(server(), email);
        Http http = server().http();
        String id = UUID.randomUUID().toString();

        Http.Response registered = http.send("PUT", "/api/v1/devices/" + id,
                Map.of("name", "Laptop", "tokenId", tokenId(http, token)), token);
        assertThat(registered.status()).as(registered.toString()).isEqualTo(200);
        assertThat(registered.json().path("signedIn").asBoolean()).isTrue();

        http.send("PUT", "/api/v1/devices/" + id + "/partitions", Map.of("partitions", List.of(
                Map.of("volumeLabel", "HOME", "fileSystem", "ext4", "sizeBytes", 500_000_000_000L,
                        "freeBytes", 120_000_000_000L))), token);
        http.patch("/api/v1/devices/" + id, Map.of("name", "Work laptop"), token);

        JsonNode devices = http.get("/api/v1/devices", token).json().path("devices");
        assertThat(devices).hasSize(1);
        assertThat(devices.get(0).path("name").asString()).isEqualTo("Work laptop");
        assertThat(devices.get(0).path("partitions").get(0).path("fileSystem").asString()).isEqualTo("ext4");
        assertThat(http.send("PUT", "/api/v1/devices/" + id + "/partitions", Map.of("partitions", List.of(
                Map.of("volumeLabel", "X", "fileSystem", "ext4", "sizeBytes", 1, "freeBytes", 2))), token).status())
                .isEqualTo(400);
    }

    @Test
    @DisplayName("I.2f revoking a device ends its token at once and deletes its partition data")
    void revokeEndsTokenAndPartitions() {
        String email = Users.newEmail();
        String token = Users.signedIn(server(), email);
        String other = Users.token(server(), email, Users.PASSWORD);
        Http http = server().http();
        String id = UUID.randomUUID().toString();
        http.send("PUT", "/api/v1/devices/" + id, Map.of("name", "Phone", "tokenId", tokenId(http, token)), token);
        http.send("PUT", "/api/v1/devices/" + id + "/partitions", Map.of("partitions", List.of(
                Map.of("volumeLabel", "DCIM", "fileSystem", "f2fs", "sizeBytes", 64_000_000_000L,
                        "freeBytes", 1_000_000L))), token);

        assertThat(http.delete("/api/v1/devices/" + id, null, other).status()).isEqualTo(204);

        assertThat(http.get("/api/v1/devices", token).status()).as("the device's token no longer works").isEqualTo(401);
        assertThat(http.get("/api/v1/devices", other).json().path("devices")).isEmpty();
        String accountId = Users.accountId(server(), email);
        assertThat(server().jdbc().sql("SELECT COUNT(*) FROM device_partitions WHERE account_id = ?").param(accountId)
                .query(Integer.class).single()).isZero();
    }

    private int rows(String sql, Object... params) {
        return server().jdbc().sql(sql).params(params).query(Integer.class).single();
    }

    @Test
    @DisplayName("I.2f a revoked device's id and name leave the sync journal, transfers and backup snapshots; its history stays usable")
    void revokedDeviceIsForgottenEverywhere() {
        String email = Users.newEmail();
        String token = Users.signedIn(server(), email);
        String accountId = Users.accountId(server(), email);
        Http http = server().http();
        String phone = UUID.randomUUID().toString();
        String laptop = UUID.randomUUID().toString();
        http.send("PUT", "/api/v1/devices/" + phone, Map.of("name", "Phone"), token);
        http.send("PUT", "/api/v1/devices/" + laptop, Map.of("name", "Laptop"), token);
        FileManifest file = Chunked.store(server(), token, Content.random(10_000, 7));
        // The phone syncs a file, sends one to the laptop, receives one from it, and backs up.
        assertThat(http.post("/api/v1/sync/files", Map.of("folder", "Camera", "path", "a.jpg",
                "manifest", file.encode(), "baseVersion", 0, "mtime", 1_700_000_000_000L, "deviceId", phone), token)
                .status()).isEqualTo(200);
        String toLaptop = http.post("/api/v1/transfers", Map.of("fromDevice", phone, "toDevice", laptop,
                "filename", "a.jpg", "manifest", file.encode()), token).json().path("id").asString();
        http.post("/api/v1/transfers", Map.of("fromDevice", laptop, "toDevice", phone, "filename", "b.jpg",
                "manifest", file.encode()), token);
        String host = "phone-of-" + UUID.randomUUID();
        assertThat(http.send("PUT", "/api/v1/backups/snapshots/00112233aabbccee", Map.of("deviceId", phone,
                "snapshot", Map.of("id", "00112233aabbccee", "time", "2026-12-01T10:00:00Z", "host", host,
                        "source", "/sdcard/DCIM", "entries", List.of(Map.of("path", ".", "type", "dir")))), token)
                .status()).isEqualTo(201);

        assertThat(http.delete("/api/v1/devices/" + phone, null, token).status()).isEqualTo(204);

        assertThat(rows("SELECT COUNT(*) FROM sync_journal WHERE device_id = ?", phone)).isZero();
        assertThat(rows("SELECT COUNT(*) FROM sync_journal WHERE account_id = ? AND path = 'a.jpg'", accountId))
                .as("the history stays").isPositive();
        assertThat(rows("SELECT COUNT(*) FROM transfers WHERE from_device = ? OR to_device = ?", phone, phone)).isZero();
        assertThat(rows("SELECT COUNT(*) FROM transfers WHERE id = ?", toLaptop)).as("still on its way").isOne();
        assertThat(rows("SELECT COUNT(*) FROM backup_snapshots WHERE device_id = ? OR host = ? OR body LIKE ?",
                phone, host, "%" + host + "%")).isZero();
        JsonNode snapshots = http.get("/api/v1/backups/snapshots", token).json().path("snapshots");
        assertThat(snapshots).as("the snapshot stays restorable").hasSize(1);
        assertThat(snapshots.get(0).path("host").asString()).isEqualTo("revoked device");
    }

    @Test
    @DisplayName("another user's device ids and tokens cannot be used")
    void othersDevicesAreInvisible() {
        String alice = Users.signedIn(server(), Users.newEmail());
        String bob = Users.signedIn(server(), Users.newEmail());
        Http http = server().http();
        String id = UUID.randomUUID().toString();
        http.send("PUT", "/api/v1/devices/" + id, Map.of("name", "Alice's", "tokenId", tokenId(http, alice)), alice);

        assertThat(http.send("PUT", "/api/v1/devices/" + id, Map.of("name", "Mine now"), bob).status()).isEqualTo(409);
        assertThat(http.send("PUT", "/api/v1/devices/" + UUID.randomUUID(),
                Map.of("name", "x", "tokenId", tokenId(http, alice)), bob).status()).isEqualTo(409);
        assertThat(http.patch("/api/v1/devices/" + id, Map.of("name", "x"), bob).status()).isEqualTo(404);
        assertThat(http.delete("/api/v1/devices/" + id, null, bob).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/devices", alice).json().path("devices").get(0).path("name").asString())
                .isEqualTo("Alice's");
        assertThat(http.send("PUT", "/api/v1/devices/not-a-uuid", Map.of("name", "x"), bob).status()).isEqualTo(400);
    }
}
