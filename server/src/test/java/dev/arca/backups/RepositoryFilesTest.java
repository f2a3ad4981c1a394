package dev.arca.backups;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.support.Content;
import dev.arca.support.Db;
import dev.arca.support.TestServer;
import dev.arca.support.Users;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The files of encrypted backup repositories: stored once and read back byte for byte, listed by
 * kind with names and sizes, counted against the quota, invisible to other accounts, and refused
 * with problem details for bad names, second writes and oversize bodies.
 */
class RepositoryFilesTest {

    private static final String BASE = "/api/v1/backups/repositories/default/";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static HttpResponse<byte[]> put(TestServer server, String token, String path, byte[] bytes) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(server.baseUrl + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void storedOnceListedCountedAndPrivate(Db db) throws Exception {
        TestServer server = TestServer.on(db);
        String email = Users.newEmail();
        String token = Users.signedIn(server, email);
        String accountId = Users.accountId(server, email);
        String pack = "ab".repeat(32);
        byte[] sealed = Content.random(300_000, 41);

        assertThat(put(server, token, BASE + "data/" + pack, sealed).statusCode()).isEqualTo(201);
        assertThat(put(server, token, BASE + "config/config", "{}".getBytes()).statusCode()).isEqualTo(201);
        HttpResponse<byte[]> again = put(server, token, BASE + "data/" + pack, Content.random(10, 1));
        assertThat(again.statusCode()).as("a file is never replaced").isEqualTo(409);
        assertThat(server.http().get(BASE + "data/" + pack, token).bytes()).isEqualTo(sealed);
        var listed = server.http().get(BASE + "data", token).json().path("objects");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("name").asString()).isEqualTo(pack);
        assertThat(listed.get(0).path("size").asLong()).isEqualTo(sealed.length);
        assertThat(server.http().get("/api/v1/me/usage", token).json().path("usedBytes").asLong())
                .as("the quota counts repository files").isEqualTo(sealed.length + 2);

        // Another account sees nothing of it, and cannot delete it.
        String other = Users.signedIn(server, Users.newEmail());
        assertThat(server.http().get(BASE + "data/" + pack, other).status()).isEqualTo(404);
        assertThat(server.http().get(BASE + "data", other).json().path("objects")).isEmpty();
        assertThat(server.http().delete(BASE + "data/" + pack, null, other).status()).isEqualTo(404);

        // Bad names are refused before anything is stored.
        for (String path : new String[] {"data/..%2F..%2Fetc", "data/ABCDEF0123456789", "nope/" + pack,
                "data/" + pack + "0"}) {
            HttpResponse<byte[]> refused = put(server, token, BASE + path, sealed);
            assertThat(refused.statusCode()).as(path).isIn(400, 404);
        }
        assertThat(put(server, token, "/api/v1/backups/repositories/Bad_Name/data/" + "cd".repeat(32), sealed)
                .statusCode()).isEqualTo(400);

        // Over the quota: 413 with problem details, nothing stored.
        String admin = Users.token(server, TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        assertThat(server.http().send("PUT", "/api/v1/admin/accounts/" + accountId + "/quota",
                Map.of("quotaBytes", 400_000), admin).status()).isEqualTo(204);
        HttpResponse<byte[]> over = put(server, token, BASE + "data/" + "cd".repeat(32), Content.random(200_000, 2));
        assertThat(over.statusCode()).isEqualTo(413);
        assertThat(new String(over.body())).contains("quota-exceeded");
        assertThat(server.http().get(BASE + "data", token).json().path("objects")).hasSize(1);
        // A full account still takes the small lock that reading and forgetting need; big "locks" count.
        assertThat(server.http().send("PUT", "/api/v1/admin/accounts/" + accountId + "/quota",
                Map.of("quotaBytes", sealed.length + 2), admin).status()).isEqualTo(204);
        assertThat(put(server, token, BASE + "locks/0123456789abcdef", "{\"exclusive\":false}".getBytes()).statusCode())
                .isEqualTo(201);
        assertThat(put(server, token, BASE + "locks/fedcba9876543210", Content.random(5_000, 3)).statusCode())
                .isEqualTo(413);
        assertThat(server.http().delete(BASE + "locks/0123456789abcdef", null, token).status()).isEqualTo(204);

        assertThat(server.http().delete(BASE + "data/" + pack, null, token).status()).isEqualTo(204);
        assertThat(server.http().get(BASE + "data/" + pack, token).status()).isEqualTo(404);
        assertThat(server.http().get("/api/v1/me/usage", token).json().path("usedBytes").asLong()).isEqualTo(2);
    }
}
