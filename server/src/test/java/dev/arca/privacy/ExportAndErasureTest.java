package dev.arca.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.support.Db;
import dev.arca.support.Http;
import dev.arca.support.TestServer;
import dev.arca.support.Users;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

@ParameterizedClass
@EnumSource(Db.class)
class ExportAndErasureTest {

    @Parameter
    Db db;

    private TestServer server() {
        return TestServer.on(db);
    }

    /** An account with a row in every table the accounts and privacy capabilities hold. */
    private String serial;

    private String populatedAccount(String email) {
        serial = "SERIAL-" + Long.toHexString(System.nanoTime()).toUpperCase();
        String token = Users.signedIn(server(), email, "NEWSLETTER");
        Users.token(server(), email, Users.PASSWORD);
        server().http().post("/api/v1/me/corrections", Map.of("subject", "Name", "details", "Spelling"), token);
        server().http().post("/api/v1/password-resets", Map.of("email", email), null);
        server().http().patch("/api/v1/me", Map.of("productSerial", serial), token);
        String admin = Users.token(server(), TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        int version = server().http().post("/api/v1/admin/policy", Map.of("summary", "Clarified wording."), admin)
                .json().path("version").asInt();
        server().http().post("/api/v1/me/policy-acknowledgements", Map.of("version", version), token);
        // Content: an item with a tag in an album, an upload in progress and a quota of its own.
        String item = dev.arca.support.Content.upload(server(), token, "photo.bin",
                dev.arca.support.Content.random(1000, System.nanoTime())).path("id").asString();
        server().http().patch("/api/v1/items/" + item, Map.of("tags", List.of("kept")), token);
        String album = server().http().post("/api/v1/albums", Map.of("name", "Album"), token).json().path("id").asString();
        server().http().post("/api/v1/albums/" + album + "/items", Map.of("itemIds", List.of(item)), token);
        dev.arca.support.Content.send(server(), "POST", "/api/v1/uploads", token, null, null,
                Map.of("Tus-Resumable", "1.0.0", "Upload-Length", "10"));
        server().http().send("PUT", "/api/v1/admin/accounts/" + Users.accountId(server(), email) + "/quota",
                Map.of("quotaBytes", 1_000_000_000L), admin);
        // A device with its partitions.
        String device = java.util.UUID.randomUUID().toString();
        server().http().send("PUT", "/api/v1/devices/" + device, Map.of("name", "Laptop"), token);
        server().http().send("PUT", "/api/v1/devices/" + device + "/partitions", Map.of("partitions", List.of(
                Map.of("volumeLabel", "HOME", "fileSystem", "ext4", "sizeBytes", 100, "freeBytes", 10))), token);
        // A synced file, and a file sent to the device.
        var manifest = dev.arca.support.Chunked.store(server(), token,
                dev.arca.support.Content.random(2000, System.nanoTime()));
        server().http().post("/api/v1/sync/files", Map.of("folder", "Docs", "path", "a.txt", "manifest",
                manifest.encode(), "baseVersion", 0, "mtime", 1, "deviceId", device), token);
        server().http().post("/api/v1/transfers", Map.of("toDevice", device, "fromDevice", device, "filename", "a.txt",
                "manifest", manifest.encode()), token);
        String share = server().http().post("/api/v1/shares", Map.of("itemIds", List.of(item), "password",
                "shared secret"), token).json().path("id").asString();
        Users.verify(server(), email);
        server().http().post("/api/v1/shares/" + share + "/recipients", Map.of("emails", List.of("friend@example.test")),
                token);
        String member = Users.newEmail();
        Users.register(server(), member);
        server().http().post("/api/v1/shares/" + share + "/members", Map.of("email", member), token);
        server().http().send("PUT", "/api/v1/me/sharing-settings", Map.of("notifyContributions", true), token);
        server().http().post("/api/v1/invitations", Map.of("email", Users.newEmail()), token);
        server().http().send("PUT", "/api/v1/me/username", Map.of("username", "u" + Long.toString(System.nanoTime(), 36)),
                token);
        server().http().send("PUT", "/api/v1/backups/snapshots/0123456789abcdef", Map.of("deviceId", device,
                "snapshot", Map.of("id", "0123456789abcdef", "time", "2026-11-29T10:00:00Z", "host", "laptop",
                        "source", "/home", "entries", List.of(Map.of("path", "a.txt", "type", "file",
                                "chunks", manifest.chunks().stream().map(c -> c.sha256()).toList())))), token);
        return token;
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    @Test
    @DisplayName("I.2i the export holds every classified personal field of the subject and no secret")
    void exportContainsEveryClassifiedField() throws IOException {
        String email = Users.newEmail();
        String token = populatedAccount(email);
        String accountId = Users.accountId(server(), email);

        Http.Response export = server().http().get("/api/v1/me/export", token);

        assertThat(export.status()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type")).hasValue("application/zip");
        Map<String, byte[]> files = unzip(export.bytes());
        DataMap map = server().bean(DataMap.class);
        for (DataTable table : map.subjectTables()) {
            byte[] json = files.get("data/" + table.table() + ".json");
            assertThat(json).as(table.table()).isNotNull();
            JsonNode rows = Http.JSON.readTree(json);
            int held = server().jdbc().sql("SELECT COUNT(*) FROM " + table.table() + " WHERE " + table.subjectColumn() + " = ?")
                    .param(accountId).query(Integer.class).single();
            assertThat(rows).as(table.table()).hasSize(held);
            assertThat(held).as("the fixture fills " + table.table()).isPositive();
            for (DataTable.Column column : table.columns()) {
                boolean present = rows.get(0).has(column.name());
                assertThat(present).as(table.table() + "." + column.name())
                        .isEqualTo(column.classification() == Classification.PERSONAL);
            }
        }
        String everything = files.values().stream().map(b -> new String(b, StandardCharsets.UTF_8))
                .reduce("", String::concat);
        assertThat(everything).contains(email).contains(serial).doesNotContain("$argon2id$");
        List<String> tokenHashes = server().jdbc().sql("SELECT token_hash FROM api_tokens WHERE account_id = ?")
                .param(accountId).query(String.class).list();
        tokenHashes.forEach(hash -> assertThat(everything).doesNotContain(hash));
        assertThat(files).containsKey("data-map.json");
    }

    @Test
    @DisplayName("I.2i erasure leaves no classified value of the subject in any table")
    void erasureLeavesNoClassifiedValue() {
        String email = Users.newEmail();
        String token = populatedAccount(email);
        String accountId = Users.accountId(server(), email);
        String bystander = Users.newEmail();
        Users.register(server(), bystander);

        assertThat(server().http().delete("/api/v1/me", Map.of("password", "wrong password"), token).status()).isEqualTo(403);
        assertThat(server().http().get("/api/v1/me", token).status()).as("nothing erased").isEqualTo(200);

        assertThat(server().http().delete("/api/v1/me", Map.of("password", Users.PASSWORD), token).status()).isEqualTo(204);

        DataMap map = server().bean(DataMap.class);
        for (DataTable table : map.tables()) {
            if (table.subjectColumn() != null) {
                assertThat(server().jdbc().sql("SELECT COUNT(*) FROM " + table.table() + " WHERE "
                        + table.subjectColumn() + " = ?").param(accountId).query(Integer.class).single())
                        .as(table.table()).isZero();
            }
            for (DataTable.Column column : table.columns()) {
                int found = server().jdbc().sql("SELECT COUNT(*) FROM " + table.table() + " WHERE CAST(" + column.name()
                                + " AS TEXT) IN (?, ?, ?)")
                        .params(accountId, email, serial).query(Integer.class).single();
                assertThat(found).as(table.table() + "." + column.name()).isZero();
            }
        }
        assertThat(server().http().get("/api/v1/me", token).status()).isEqualTo(401);
        assertThat(Users.accountId(server(), bystander)).as("others are untouched").isNotBlank();
    }
}
