package dev.arca.devices;

import static org.assertj.core.api.Assertions.assertThat;

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
