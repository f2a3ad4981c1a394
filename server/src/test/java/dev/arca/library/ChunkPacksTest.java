package dev.arca.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.library.internal.GarbageCollector;
import dev.arca.protocol.manifest.ChunkPack;
import dev.arca.storage.ContentVault;
import dev.arca.support.BlobFiles;
import dev.arca.support.Chunked;
import dev.arca.support.Content;
import dev.arca.support.Db;
import dev.arca.support.Http;
import dev.arca.support.TestServer;
import dev.arca.support.Users;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Chunks that arrive together lie in one pack blob (docs/storage-format.md, "Packs"): one disk
 * sync for many chunks. Each still reads back on its own, past a damaged copy, and the space of
 * collected chunks comes back: a pack left empty is deleted, a pack left mostly empty is repacked,
 * and a pack no row names (a crash before its rows) is collected with the orphans.
 */
@ParameterizedClass
@EnumSource(Db.class)
class ChunkPacksTest {

    @Parameter
    Db db;

    private TestServer server() {
        return TestServer.on(db);
    }

    private Http.Response sendTogether(String token, byte[]... chunks) {
        ChunkPack.Writer pack = new ChunkPack.Writer();
        for (byte[] chunk : chunks) {
            pack.add(Content.sha256(chunk), chunk);
        }
        return Content.send(server(), "POST", "/api/v1/sync/chunks", token, ChunkPack.MEDIA_TYPE, pack.toBytes(),
                Map.of());
    }

    private List<String> packsOf(String account) {
        return server().jdbc().sql("SELECT DISTINCT pack FROM chunks WHERE account_id = ? AND pack IS NOT NULL "
                + "ORDER BY pack").param(account).query(String.class).list();
    }

    private String packOf(String account, byte[] chunk) {
        return server().jdbc().sql("SELECT pack FROM chunks WHERE account_id = ? AND hash = ?")
                .params(account, Content.sha256(chunk)).query(String.class).single();
    }

    private byte[] fetch(String token, byte[] chunk) {
        Http.Response response = server().http().get("/api/v1/sync/chunks/" + Content.sha256(chunk), token);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.bytes();
    }

    @Test
    @DisplayName("I.2f chunks sent together lie in one pack, read back past a damaged copy, and their space comes back")
    void packsAreReadCollectedAndRepacked() throws Exception {
        String email = Users.newEmail();
        String token = Users.signedIn(server(), email);
        String account = Users.accountId(server(), email);
        byte[][] first = {Content.random(12_000, 61), Content.random(15_000, 62), Content.random(9_000, 63),
                Content.random(20_000, 64)};
        byte[][] second = {Content.random(11_000, 65), Content.random(13_000, 66)};
        assertThat(sendTogether(token, first).status()).isEqualTo(204);
        assertThat(sendTogether(token, second).status()).isEqualTo(204);

        List<String> packs = packsOf(account);
        assertThat(packs).hasSize(2);
        String packA = packOf(account, first[0]);
        String packB = packOf(account, second[0]);
        for (byte[] chunk : first) {
            assertThat(packOf(account, chunk)).isEqualTo(packA);
        }
        Path diskA = server().dataDir.resolve("disk-a");
        Path diskB = server().dataDir.resolve("disk-b");
        assertThat(BlobFiles.under(diskA, account + "/c/")).as("no chunk lies alone").isEmpty();
        assertThat(BlobFiles.under(diskA, account + "/p/")).hasSize(2);

        // The last chunk of each pack damaged in one copy, then in the other: a read of one copy
        // that does not open falls back to a verified copy of the whole pack.
        for (Path disk : List.of(diskA, diskB)) {
            List<Path> copies = BlobFiles.under(disk, account + "/p/");
            copies.forEach(BlobFiles::flipLastByteUnchecked);
            assertThat(fetch(token, first[3])).isEqualTo(first[3]);
            assertThat(fetch(token, second[1])).isEqualTo(second[1]);
            for (byte[] chunk : first) {
                assertThat(fetch(token, chunk)).isEqualTo(chunk);
            }
            copies.forEach(BlobFiles::flipLastByteUnchecked);
        }

        // A file made of the first chunk keeps it; the five others are collected.
        Http.Response commit = server().http().post("/api/v1/sync/files", Map.of("folder", "F", "path", "kept.bin",
                "manifest", Chunked.cut(first[0]).manifest().encode(), "baseVersion", 0), token);
        assertThat(commit.status()).as(commit.toString()).isEqualTo(200);
        GarbageCollector collector = server().bean(GarbageCollector.class);
        assertThat(collector.collect(account, Duration.ZERO)).isEqualTo(5);

        ContentVault vault = server().bean(ContentVault.class);
        assertThat(vault.packSize(account, packB)).as("a pack left empty is deleted").isEmpty();
        assertThat(vault.packSize(account, packA)).as("a pack left three quarters empty is repacked").isEmpty();
        String packC = packOf(account, first[0]);
        assertThat(packsOf(account)).containsExactly(packC);
        assertThat(packC).isNotIn(packA, packB);
        assertThat(fetch(token, first[0])).isEqualTo(first[0]);
        String itemId = commit.json().path("itemId").asString();
        assertThat(server().http().get("/api/v1/items/" + itemId + "/content", token).bytes()).isEqualTo(first[0]);

        // A pack written but never recorded (a crash between the two) goes with the orphans.
        byte[] lost = Content.random(7_000, 67);
        String orphan = vault.putChunkPack(account, List.of(Content.sha256(lost)), List.of(lost)).getFirst().pack();
        Thread.sleep(20);
        assertThat(collector.collectOrphans(account, Duration.ZERO)).isEqualTo(1);
        assertThat(vault.packSize(account, orphan)).isEmpty();
        assertThat(vault.packSize(account, packC)).isPresent();
        assertThat(fetch(token, first[0])).isEqualTo(first[0]);
    }
}
