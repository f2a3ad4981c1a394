package dev.arca.transfers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.library.internal.GarbageCollector;
import dev.arca.protocol.manifest.FileManifest;
import dev.arca.support.Chunked;
import dev.arca.support.Content;
import dev.arca.support.Db;
import dev.arca.support.Http;
import dev.arca.support.TestServer;
import dev.arca.support.Users;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

@ParameterizedClass
@EnumSource(Db.class)
class TransfersTest {

    @Parameter
    Db db;

    private TestServer server() {
        return TestServer.on(db);
    }

    private String device(String token, String name) {
        String id = UUID.randomUUID().toString();
        assertThat(server().http().send("PUT", "/api/v1/devices/" + id, Map.of("name", name), token).status())
                .isEqualTo(200);
        return id;
    }

    private Http.Response send(String token, String to, String filename, FileManifest manifest, Integer fit) {
        Map<String, Object> body = new HashMap<>();
        body.put("toDevice", to);
        body.put("filename", filename);
        body.put("manifest", manifest.encode());
        body.put("fit", fit);
        return server().http().post("/api/v1/transfers", body, token);
    }

    /** The content of a waiting transfer, fetched chunk by chunk as the receiving device does. */
    private byte[] receive(String token, String transferId) {
        FileManifest manifest = FileManifest.parse(
                server().http().get("/api/v1/transfers/" + transferId + "/manifest", token).text());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (var chunk : manifest.chunks()) {
            out.writeBytes(server().http().get("/api/v1/sync/chunks/" + chunk.sha256(), token).bytes());
        }
        return out.toByteArray();
    }

    private int collect(String token) {
        String account = server().jdbc().sql("SELECT account_id FROM api_tokens WHERE token_hash = ?")
                .param(dev.arca.platform.Secrets.sha256Hex(token)).query(String.class).single();
        return server().bean(GarbageCollector.class).collect(account, Duration.ZERO);
    }

    @Test
    @DisplayName("I.2f a file sent to another device waits for it, survives collection, and is gone once delivered")
    void sendReceiveDeliver() {
        String token = Users.signedIn(server(), Users.newEmail());
        String phone = device(token, "phone");
        byte[] bytes = Content.random(2_500_000, 5);
        FileManifest manifest = Chunked.store(server(), token, bytes);
        Http.Response sent = send(token, phone, "clip.bin", manifest, null);
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        String id = sent.json().path("id").asString();

        collect(token);
        JsonNode waiting = server().http().get("/api/v1/transfers?device=" + phone, token).json().path("transfers");
        assertThat(waiting).hasSize(1);
        assertThat(waiting.get(0).path("filename").asString()).isEqualTo("clip.bin");
        assertThat(receive(token, id)).isEqualTo(bytes);

        assertThat(server().http().delete("/api/v1/transfers/" + id, null, token).status()).isEqualTo(204);
        assertThat(server().http().get("/api/v1/transfers?device=" + phone, token).json().path("transfers")).isEmpty();
        assertThat(collect(token)).as("its chunks are collected once delivered").isEqualTo(manifest.chunks().size());
        assertThat(server().http().get("/api/v1/transfers/" + id + "/manifest", token).status()).isEqualTo(404);
    }

    @Test
    @DisplayName("I.2f --fit sends an image as a JPEG no larger than asked, upright")
    void fitForSmallScreens() throws Exception {
        String token = Users.signedIn(server(), Users.newEmail());
        String phone = device(token, "phone");
        FileManifest photo = Chunked.store(server(), token, Content.resource("/media/orientation6.jpg"));
        Http.Response sent = send(token, phone, "portrait.jpeg", photo, 64);
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        assertThat(sent.json().path("filename").asString()).isEqualTo("portrait.jpg");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(receive(token, sent.json().path("id").asString())));
        BufferedImage original = ImageIO.read(new ByteArrayInputStream(Content.resource("/media/orientation6.jpg")));
        assertThat(Math.max(image.getWidth(), image.getHeight())).isLessThanOrEqualTo(64);
        // Orientation 6 turns the stored landscape pixels upright: the sent image is portrait.
        assertThat(original.getWidth() > original.getHeight()).isTrue();
        assertThat(image.getHeight()).isGreaterThan(image.getWidth());

        // Not an image: sent as it is.
        FileManifest other = Chunked.store(server(), token, "plain text".getBytes());
        Http.Response text = send(token, phone, "note.txt", other, 64);
        assertThat(text.json().path("sha256").asString()).isEqualTo(other.sha256());
    }

    @Test
    @DisplayName("I.2f transfers expire and release their content; bad input and other accounts are refused")
    void expiryAndBadInput() {
        String token = Users.signedIn(server(), Users.newEmail());
        String phone = device(token, "phone");
        FileManifest manifest = Chunked.store(server(), token, Content.random(10_000, 6));
        String id = send(token, phone, "old.bin", manifest, null).json().path("id").asString();
        server().jdbc().sql("UPDATE transfers SET expires_at = 0 WHERE id = ?").param(id).update();
        assertThat(server().http().get("/api/v1/transfers/" + id + "/manifest", token).status()).isEqualTo(404);
        assertThat(server().bean(Transfers.class).purgeExpired()).isPositive();
        assertThat(server().jdbc().sql("SELECT COUNT(*) FROM chunk_holds WHERE holder = ?").param("transfer:" + id)
                .query(Integer.class).single()).isZero();

        String other = Users.signedIn(server(), Users.newEmail());
        String theirs = device(other, "their phone");
        assertThat(send(token, theirs, "x.bin", manifest, null).status()).as("another account's device").isEqualTo(400);
        assertThat(send(other, theirs, "x.bin", manifest, null).status()).as("chunks of another account")
                .isEqualTo(409);
        for (String name : new String[] {"../x", "a/b", "", "..", "con\u0000trol"}) {
            assertThat(send(token, phone, name, manifest, null).status()).as(name).isEqualTo(400);
        }
        assertThat(send(token, phone, "x.bin", manifest, 0).status()).isEqualTo(400);
        String mine = send(token, phone, "x.bin", manifest, null).json().path("id").asString();
        assertThat(server().http().delete("/api/v1/transfers/" + mine, null, other).status()).isEqualTo(404);
        assertThat(server().http().get("/api/v1/transfers/" + mine + "/manifest", other).status()).isEqualTo(404);
    }
}
