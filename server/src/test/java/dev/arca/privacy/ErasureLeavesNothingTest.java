package dev.arca.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.mail.FailingRelay;
import dev.arca.protocol.manifest.FileManifest;
import dev.arca.support.Chunked;
import dev.arca.support.Content;
import dev.arca.support.Db;
import dev.arca.support.TestServer;
import dev.arca.support.Users;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Erasure that erases: after it, the values are in no file of the data directory, and a copy of
 * the database taken before it gives nothing back, neither to the server it is restored into
 * nor to whoever holds the copy and the key directory.
 */
class ErasureLeavesNothingTest {

    @ParameterizedTest
    @EnumSource(Db.class)
    @DisplayName("I.2i I.5 after erasure no file of the data directory (database, WAL, outbox, blobs) holds the person's values")
    void noFileHoldsTheValues(Db db) throws Exception {
        TestServer server = TestServer.fresh(db);
        try {
            eraseAndScan(server);
        } finally {
            server.stop();
        }
    }

    private static void eraseAndScan(TestServer server) throws Exception {
        String unique = Long.toHexString(System.nanoTime());
        String email = "erasmus-" + unique + "@example.org";
        String name = "Erasmus Quill " + unique;
        String fileName = "holiday-" + unique + ".bin";
        String deviceName = "laptop-" + unique;
        String recipient = "friend-" + unique + "@example.org";

        Map<String, Object> registration = Users.registration(email, "NEWSLETTER");
        registration.put("name", name);
        registration.put("policyVersion", server.http().get("/api/v1/policy", null).json().path("version").asInt());
        assertThat(server.http().post("/api/v1/accounts", registration, null).status()).isEqualTo(202);
        Users.verify(server, email);
        String token = Users.token(server, email, Users.PASSWORD);
        String item = Content.upload(server, token, fileName, Content.random(5000, 7)).path("id").asString();
        String share = server.http().post("/api/v1/shares", Map.of("itemIds", List.of(item)), token).json()
                .path("id").asString();
        assertThat(server.http().post("/api/v1/shares/" + share + "/recipients", Map.of("emails", List.of(recipient)),
                token).status()).isEqualTo(201);
        // Mail the relay refused waits in the queue, for the person and for their recipient.
        FailingRelay.send(server, email, "For you " + unique);
        FailingRelay.send(server, recipient, "For your friend " + unique);
        // A device that signed in under its name and synced a file.
        String deviceToken = server.http().post("/api/v1/tokens", Map.of("email", email, "password", Users.PASSWORD,
                "deviceName", deviceName), null).json().path("token").asString();
        String device = java.util.UUID.randomUUID().toString();
        server.http().send("PUT", "/api/v1/devices/" + device, Map.of("name", deviceName), deviceToken);
        FileManifest synced = Chunked.store(server, deviceToken, Content.random(3000, 9));
        assertThat(server.http().post("/api/v1/sync/files", Map.of("folder", "Laptop", "path", "synced-" + fileName,
                "manifest", synced.encode(), "baseVersion", 0, "mtime", 1_700_000_000_000L, "deviceId", device),
                deviceToken).status()).isEqualTo(200);
        String accountId = Users.accountId(server, email);
        String wrappedKey = server.jdbc().sql("SELECT wrapped_key FROM account_keys WHERE account_id = ?")
                .param(accountId).query(String.class).single();
        assertThat(found(server.dataDir, List.of(email, name, fileName, deviceName, recipient)))
                .as("the scan finds the values before erasure").isNotEmpty();

        List<String> materialBefore = material(server.dataDir);
        assertThat(server.http().delete("/api/v1/me", Map.of("password", Users.PASSWORD), token).status())
                .isEqualTo(204);

        // The database gives up the freed pages in the background, right after the erasure.
        List<String> values = List.of(email, name, fileName, deviceName, recipient, wrappedKey);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!found(server.dataDir, values).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(found(server.dataDir, values)).as("files holding a value after erasure").isEmpty();

        // The key material that, with the server key, unwraps the account's key is gone from the
        // key directory: a copy of the database from before the erasure no longer opens.
        List<String> materialAfter = material(server.dataDir);
        assertThat(materialBefore).hasSize(materialAfter.size() + 1).containsAll(materialAfter);
    }

    private static List<String> material(Path dataDir) throws IOException {
        try (Stream<Path> files = Files.list(dataDir.resolve("keys").resolve("accounts"))) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    @DisplayName("I.2i a database restored from before an erasure is erased again at start-up")
    void restoredDatabaseIsErasedAgain() throws IOException {
        TestServer server = TestServer.fresh(Db.SQLITE);
        Path backup = Files.createTempDirectory("arca-backup");
        try {
            String email = Users.newEmail();
            String token = Users.signedIn(server, email);
            String accountId = Users.accountId(server, email);
            Content.upload(server, token, "kept.bin", Content.random(2000, 3));
            server.stop();
            for (String file : List.of("arca.db", "arca.db-wal", "arca.db-shm")) {
                if (Files.exists(server.dataDir.resolve(file))) {
                    Files.copy(server.dataDir.resolve(file), backup.resolve(file));
                }
            }
            server = server.restart();
            token = Users.token(server, email, Users.PASSWORD);
            assertThat(server.http().delete("/api/v1/me", Map.of("password", Users.PASSWORD), token).status())
                    .isEqualTo(204);
            server.stop();
            try (Stream<Path> files = Files.list(backup)) {
                for (Path file : files.toList()) {
                    Files.copy(file, server.dataDir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }

            server = server.restart();

            assertThat(server.jdbc().sql("SELECT COUNT(*) FROM accounts WHERE id = ?").param(accountId)
                    .query(Integer.class).single()).isZero();
            assertThat(server.jdbc().sql("SELECT COUNT(*) FROM items WHERE account_id = ?").param(accountId)
                    .query(Integer.class).single()).isZero();
            assertThat(server.http().post("/api/v1/tokens", Map.of("email", email, "password", Users.PASSWORD), null)
                    .status()).isEqualTo(401);
            assertThat(server.bean(ConsentLedger.class).verify().intact()).isTrue();
        } finally {
            server.stop();
        }
    }

    /** The files below {@code dir} that hold any of {@code values}, as UTF-8 bytes. */
    private static List<String> found(Path dir, List<String> values) throws IOException {
        List<String> found = new ArrayList<>();
        List<Path> all;
        try (Stream<Path> walk = Files.walk(dir)) {
            all = walk.toList();
        } catch (java.io.UncheckedIOException e) {
            return found(dir, values); // a directory vanished mid-walk: walk again
        }
        try (Stream<Path> files = all.stream()) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content;
                try {
                    content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                } catch (java.nio.file.NoSuchFileException e) {
                    continue; // the database removed it while the scan ran
                }
                for (String value : values) {
                    if (content.contains(new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1))) {
                        found.add(dir.relativize(file) + " holds " + value);
                    }
                }
            }
        }
        return found;
    }
}
