package dev.arca.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.storage.BlobStore;
import dev.arca.storage.ContentVault;
import dev.arca.support.Content;
import dev.arca.support.Db;
import dev.arca.support.Http;
import dev.arca.support.TestServer;
import dev.arca.support.Users;
import java.io.ByteArrayInputStream;
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

/** The library's part of export and erasure: metadata, user values and sidecars out; content and keys gone. */
@ParameterizedClass
@EnumSource(Db.class)
class ErasureTest {

    @Parameter
    Db db;

    private TestServer server() {
        return TestServer.on(db);
    }

    @Test
    @DisplayName("I.2i the export holds items, their metadata, user values, albums, tags and XMP sidecars")
    void exportHoldsTheLibrary() throws Exception {
        String token = Users.signedIn(server(), Users.newEmail());
        String id = Content.upload(server(), token, "photo.jpg", Content.resource("/media/photo.jpg")).path("id").asString();
        server().http().patch("/api/v1/items/" + id, Map.of("description", "Our first trip", "tags", List.of("trip")),
                token);
        String album = server().http().post("/api/v1/albums", Map.of("name", "Travels"), token).json().path("id").asString();
        server().http().post("/api/v1/albums/" + album + "/items", Map.of("itemIds", List.of(id)), token);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (server().http().get("/api/v1/items/" + id, token).json().path("metadata").path("state").asString()
                .equals("pending") && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }

        Map<String, String> files = unzip(server().http().get("/api/v1/me/export", token).bytes());

        assertThat(files.get("data/items.json")).contains(id).contains("Our first trip").contains("photo.jpg");
        assertThat(files.get("data/item_metadata.json")).contains("Fictional Optics").contains("Exampletown");
        assertThat(files.get("data/albums.json")).contains("Travels");
        assertThat(files.get("data/tags.json")).contains("trip");
        assertThat(files.get("items/" + id + ".xmp")).contains("Our first trip").contains("trip");
        assertThat(files.get("data/account_keys.json")).as("the key itself is a secret").doesNotContain("wrapped_key");
    }

    @Test
    @DisplayName("I.2i I.5 erasure deletes content and the account key: a copy of its blobs taken before cannot be opened")
    void erasureMakesContentUnreadable() {
        String email = Users.newEmail();
        String token = Users.signedIn(server(), email);
        String accountId = Users.accountId(server(), email);
        byte[] bytes = Content.random(700_000, 71);
        String id = Content.upload(server(), token, "secret.bin", bytes).path("id").asString();
        BlobStore blobs = server().bean(BlobStore.class);
        String hash = server().jdbc().sql("SELECT hash FROM version_chunks WHERE account_id = ? ORDER BY seq LIMIT 1")
                .param(accountId).query(String.class).single();
        String key = accountId + "/c/" + hash;
        byte[] copy = blobs.get(key);
        assertThat(new String(copy, StandardCharsets.ISO_8859_1))
                .as("stored encrypted").doesNotContain(new String(bytes, 0, 64, StandardCharsets.ISO_8859_1));
        assertThat(server().http().get("/api/v1/items/" + id + "/content", token).bytes()).isEqualTo(bytes);

        Http.Response erased = server().http().delete("/api/v1/me", Map.of("password", Users.PASSWORD), token);
        assertThat(erased.status()).isEqualTo(204);

        try (var left = blobs.list(accountId + "/")) {
            assertThat(left.count()).as("no blob of the account is left").isZero();
        }
        assertThat(server().jdbc().sql("SELECT COUNT(*) FROM account_keys WHERE account_id = ?").param(accountId)
                .query(Integer.class).single()).isZero();
        // Someone restores the old blob from a backup: without the key it does not open.
        blobs.put(key, copy);
        ContentVault vault = server().bean(ContentVault.class);
        assertThatThrownBy(() -> vault.getChunk(accountId, hash)).isInstanceOf(RuntimeException.class);
        blobs.delete(key);
    }

    private static Map<String, String> unzip(byte[] zip) throws Exception {
        Map<String, String> entries = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }
}
