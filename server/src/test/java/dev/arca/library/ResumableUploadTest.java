package dev.arca.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.support.Content;
import dev.arca.support.Db;
import dev.arca.support.Http;
import dev.arca.support.TestServer;
import dev.arca.support.Users;
import io.tus.java.client.TusClient;
import io.tus.java.client.TusURLMemoryStore;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** tus 1.0 resumable uploads, driven by the real tus Java client and by hand where we cut connections. */
@ParameterizedClass
@EnumSource(Db.class)
class ResumableUploadTest {

    private static final Map<String, String> TUS = Map.of("Tus-Resumable", "1.0.0");

    @Parameter
    Db db;

    private TestServer server() {
        return TestServer.on(db);
    }

    private TusClient client(String token, TusURLMemoryStore store) throws IOException {
        TusClient client = new TusClient();
        client.setUploadCreationURL(URI.create(server().baseUrl + "/api/v1/uploads").toURL());
        client.enableResuming(store);
        client.setHeaders(Map.of("Authorization", "Bearer " + token));
        return client;
    }

    private static TusUpload upload(byte[] bytes, String fingerprint, String filename) {
        TusUpload upload = new TusUpload();
        upload.setInputStream(new ByteArrayInputStream(bytes));
        upload.setSize(bytes.length);
        upload.setFingerprint(fingerprint);
        upload.setMetadata(Map.of("filename", filename));
        return upload;
    }

    private String itemOf(URL uploadUrl, String token) {
        Http.Response head = Content.send(server(), "HEAD", uploadUrl.getPath(), token, null, null, TUS);
        assertThat(head.status()).isEqualTo(200);
        return head.headers().firstValue("Arca-Item-Id").orElseThrow();
    }

    private byte[] content(String itemId, String token) {
        return server().http().get("/api/v1/items/" + itemId + "/content", token).bytes();
    }

    @Test
    @DisplayName("I.2e the tus client uploads a file that becomes an item with the same bytes")
    void tusClientUploads() throws Exception {
        String token = Users.signedIn(server(), Users.newEmail());
        byte[] bytes = Content.random(3_000_000, 11);
        TusClient client = client(token, new TusURLMemoryStore());
        TusUploader uploader = client.createUpload(upload(bytes, "whole", "whole.bin"));
        uploader.setChunkSize(256 * 1024);
        uploader.setRequestPayloadSize(1024 * 1024);
        while (uploader.uploadChunk() > -1) {
            // keep going
        }
        uploader.finish();

        String itemId = itemOf(uploader.getUploadURL(), token);
        assertThat(content(itemId, token)).isEqualTo(bytes);
        assertThat(server().http().get("/api/v1/items/" + itemId, token).json().path("filename").asString())
                .isEqualTo("whole.bin");
    }

    @Test
    @DisplayName("an upload cut at arbitrary bytes resumes from the server's offset with the tus client")
    void cutAndResume() throws Exception {
        String token = Users.signedIn(server(), Users.newEmail());
        byte[] bytes = Content.random(2_500_000, 12);
        TusURLMemoryStore store = new TusURLMemoryStore();
        TusUploader first = client(token, store).createUpload(upload(bytes, "cut", "cut.bin"));
        URL url = first.getUploadURL();

        // The connection breaks three times, each at an odd byte, partway through a request.
        long offset = 0;
        for (long cutAt : new long[] {333_333, 1_000_001, 1_999_999}) {
            sendAndCut(url, token, bytes, offset, cutAt);
            offset = awaitOffset(url, token, cutAt);
            assertThat(offset).isEqualTo(cutAt);
        }

        TusUploader resumed = client(token, store).resumeOrCreateUpload(upload(bytes, "cut", "cut.bin"));
        assertThat(resumed.getOffset()).isEqualTo(offset);
        while (resumed.uploadChunk() > -1) {
            // the rest
        }
        resumed.finish();

        assertThat(content(itemOf(url, token), token)).isEqualTo(bytes);
    }

    @Test
    @DisplayName("a wrong checksum discards the bytes and answers 460; a right one is accepted")
    void checksums() throws Exception {
        String token = Users.signedIn(server(), Users.newEmail());
        byte[] bytes = "checksummed content".getBytes(StandardCharsets.UTF_8);
        String location = create(token, bytes.length);
        byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(bytes);
        byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(bytes);

        Http.Response wrong = patch(location, token, 0, bytes,
                "sha256 " + Base64.getEncoder().encodeToString(sha1));
        assertThat(wrong.status()).isEqualTo(460);
        assertThat(wrong.json().path("type").asString()).isEqualTo("urn:arca:problem:checksum-mismatch");
        assertThat(offsetOf(location, token)).isZero();

        Http.Response right = patch(location, token, 0, bytes, "sha256 " + Base64.getEncoder().encodeToString(sha256));
        assertThat(right.status()).isEqualTo(204);
        assertThat(right.headers().firstValue("Upload-Offset")).hasValue(Long.toString(bytes.length));
        String itemId = right.headers().firstValue("Arca-Item-Id").orElseThrow();
        assertThat(content(itemId, token)).isEqualTo(bytes);

        String other = create(token, 3);
        assertThat(patch(other, token, 0, new byte[] {1, 2, 3}, "sha1 " + Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("SHA-1").digest(new byte[] {1, 2, 3}))).status()).isEqualTo(204);
        assertThat(patch(create(token, 3), token, 0, new byte[] {1, 2, 3}, "md5 AAAA").status()).isEqualTo(400);
    }

    @Test
    @DisplayName("tus errors: wrong offset 409, missing version 412, wrong type 415, too long 400, others' uploads 404")
    void protocolErrors() {
        String token = Users.signedIn(server(), Users.newEmail());
        String other = Users.signedIn(server(), Users.newEmail());
        String location = create(token, 10);

        assertThat(patch(location, token, 5, new byte[5], null).status()).isEqualTo(409);
        assertThat(Content.send(server(), "PATCH", location, token, "application/offset+octet-stream", new byte[1],
                Map.of("Upload-Offset", "0")).status()).isEqualTo(412);
        assertThat(Content.send(server(), "PATCH", location, token, "application/json", new byte[1],
                Map.of("Upload-Offset", "0", "Tus-Resumable", "1.0.0")).status()).isEqualTo(415);
        assertThat(patch(location, token, 0, new byte[11], null).status()).isEqualTo(400);
        assertThat(offsetOf(location, token)).as("the refused bytes were not kept").isZero();
        assertThat(Content.send(server(), "HEAD", location, other, null, null, TUS).status()).isEqualTo(404);
        assertThat(patch(location, other, 0, new byte[10], null).status()).isEqualTo(404);

        Http.Response options = Content.send(server(), "OPTIONS", "/api/v1/uploads", token, null, null, Map.of());
        assertThat(options.headers().firstValue("Tus-Extension").orElseThrow())
                .contains("creation", "creation-with-upload", "termination", "expiration", "checksum");
        assertThat(options.headers().firstValue("Tus-Checksum-Algorithm").orElseThrow()).contains("sha1", "sha256");
    }

    @Test
    @DisplayName("creation-with-upload, termination and expiry dates")
    void creationWithUploadAndTermination() {
        String token = Users.signedIn(server(), Users.newEmail());
        byte[] bytes = Content.random(1000, 13);
        Http.Response created = Content.send(server(), "POST", "/api/v1/uploads", token,
                "application/offset+octet-stream", java.util.Arrays.copyOf(bytes, 400),
                Map.of("Tus-Resumable", "1.0.0", "Upload-Length", "1000",
                        "Upload-Metadata", "filename " + Base64.getEncoder().encodeToString("a b.bin".getBytes())));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.headers().firstValue("Upload-Offset")).hasValue("400");
        String expires = created.headers().firstValue("Upload-Expires").orElseThrow();
        assertThat(java.time.ZonedDateTime.parse(expires, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
                .toInstant()).isAfter(Instant.now().plus(Duration.ofHours(23)));
        String location = created.headers().firstValue("Location").orElseThrow();

        assertThat(Content.send(server(), "DELETE", location, token, null, null, TUS).status()).isEqualTo(204);
        assertThat(Content.send(server(), "HEAD", location, token, null, null, TUS).status()).isEqualTo(404);
        assertThat(patch(location, token, 400, java.util.Arrays.copyOfRange(bytes, 400, 1000), null).status())
                .isEqualTo(404);
    }

    @Test
    @DisplayName("I.5 an upload that cannot fit the quota is refused at creation, before any byte")
    void quotaAtCreation() {
        String email = Users.newEmail();
        String token = Users.signedIn(server(), email);
        String admin = Users.token(server(), TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        server().http().send("PUT", "/api/v1/admin/accounts/" + Users.accountId(server(), email) + "/quota",
                Map.of("quotaBytes", 1000), admin);
        Http.Response refused = Content.send(server(), "POST", "/api/v1/uploads", token, null, null,
                Map.of("Tus-Resumable", "1.0.0", "Upload-Length", "1001"));
        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.json().path("type").asString()).isEqualTo("urn:arca:problem:quota-exceeded");
    }

    private String adminToken() {
        return Users.token(server(), TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
    }

    private Http.Response tryCreate(String token, long length) {
        return Content.send(server(), "POST", "/api/v1/uploads", token, null, null,
                Map.of("Tus-Resumable", "1.0.0", "Upload-Length", Long.toString(length)));
    }

    @Test
    @DisplayName("I.5 an unfinished upload reserves its length of the quota, against every way bytes come in")
    void openUploadsReserveTheQuota() {
        String email = Users.newEmail();
        String token = Users.signedIn(server(), email);
        server().http().send("PUT", "/api/v1/admin/accounts/" + Users.accountId(server(), email) + "/quota",
                Map.of("quotaBytes", 1000), adminToken());
        String first = create(token, 600);
        assertThat(patch(first, token, 0, new byte[10], null).status()).isEqualTo(204);

        Http.Response second = tryCreate(token, 600);
        assertThat(second.status()).isEqualTo(413);
        assertThat(second.json().path("type").asString()).isEqualTo("urn:arca:problem:quota-exceeded");
        Http.Response multipart = Content.post(server(), "/api/v1/items", token,
                Content.multipart(Map.of("fits-alone.bin", Content.random(500, 31))));
        assertThat(multipart.status()).isEqualTo(413);
        assertThat(multipart.json().path("type").asString()).isEqualTo("urn:arca:problem:quota-exceeded");
        byte[] chunk = Content.random(500, 32);
        Http.Response synced = Content.send(server(), "PUT", "/api/v1/sync/chunks/" + Content.sha256(chunk), token,
                "application/octet-stream", chunk, Map.of());
        assertThat(synced.status()).isEqualTo(413);
        assertThat(synced.json().path("type").asString()).isEqualTo("urn:arca:problem:quota-exceeded");
        tools.jackson.databind.JsonNode usage = server().http().get("/api/v1/me/usage", token).json();
        assertThat(usage.path("reservedBytes").asLong()).isEqualTo(600);
        assertThat(usage.path("usedBytes").asLong()).isZero();

        byte[] rest = Content.random(590, 33);
        Http.Response finished = patch(first, token, 10, rest, null);
        assertThat(finished.status()).as("an upload's own reservation does not stand in its way").isEqualTo(204);
        assertThat(finished.headers().firstValue("Arca-Item-Id")).isPresent();
        assertThat(server().http().get("/api/v1/me/usage", token).json().path("reservedBytes").asLong()).isZero();

        String third = create(token, 300);
        assertThat(Content.send(server(), "DELETE", third, token, null, null, TUS).status()).isEqualTo(204);
        assertThat(tryCreate(token, 300).status()).as("a cancelled upload gives its reservation back").isEqualTo(201);
    }

    @Test
    @DisplayName("I.5 an account has at most 20 unfinished uploads; finishing or cancelling one makes room")
    void openUploadsAreLimited() {
        String token = Users.signedIn(server(), Users.newEmail());
        java.util.List<String> open = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            open.add(create(token, 1));
        }
        Http.Response refused = tryCreate(token, 1);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().path("type").asString()).isEqualTo("urn:arca:problem:too-many-uploads");
        assertThat(refused.json().path("detail").asString()).contains("20 unfinished uploads");

        assertThat(patch(open.getFirst(), token, 0, new byte[] {7}, null).status()).isEqualTo(204);
        assertThat(tryCreate(token, 1).status()).isEqualTo(201);
        assertThat(tryCreate(token, 1).status()).isEqualTo(429);
        assertThat(Content.send(server(), "DELETE", open.getLast(), token, null, null, TUS).status()).isEqualTo(204);
        assertThat(tryCreate(token, 1).status()).isEqualTo(201);
    }

    @Test
    @DisplayName("I.5 resuming keeps an upload 24 hours longer, but never past 7 days after its creation")
    void expiryIsBoundedFromCreation() {
        String token = Users.signedIn(server(), Users.newEmail());
        String location = create(token, 10);
        server().jdbc().sql("UPDATE uploads SET created_at = created_at - ? WHERE id = ?")
                .params(Duration.ofDays(7).minusHours(1).toMillis(), location.substring(location.lastIndexOf('/') + 1))
                .update();
        Http.Response patched = patch(location, token, 0, new byte[5], null);
        assertThat(patched.status()).isEqualTo(204);
        Instant expires = java.time.ZonedDateTime.parse(patched.headers().firstValue("Upload-Expires").orElseThrow(),
                java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        assertThat(expires).isBefore(Instant.now().plus(Duration.ofMinutes(61)))
                .isAfter(Instant.now().plus(Duration.ofMinutes(55)));
    }

    private String create(String token, long length) {
        Http.Response created = Content.send(server(), "POST", "/api/v1/uploads", token, null, null,
                Map.of("Tus-Resumable", "1.0.0", "Upload-Length", Long.toString(length)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.headers().firstValue("Location").orElseThrow();
    }

    private Http.Response patch(String location, String token, long offset, byte[] bytes, String checksum) {
        Map<String, String> headers = new java.util.HashMap<>(Map.of("Tus-Resumable", "1.0.0",
                "Upload-Offset", Long.toString(offset)));
        if (checksum != null) {
            headers.put("Upload-Checksum", checksum);
        }
        return Content.send(server(), "PATCH", location, token, "application/offset+octet-stream", bytes, headers);
    }

    private long offsetOf(String location, String token) {
        return Long.parseLong(Content.send(server(), "HEAD", location, token, null, null, TUS).headers()
                .firstValue("Upload-Offset").orElseThrow());
    }

    /** Sends a PATCH that promises the rest of the file but stops at {@code cutAt} and drops the connection. */
    private void sendAndCut(URL url, String token, byte[] bytes, long offset, long cutAt) throws IOException {
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("PATCH " + url.getPath() + " HTTP/1.1\r\nHost: " + url.getHost() + "\r\n"
                    + "Authorization: Bearer " + token + "\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: " + offset
                    + "\r\nContent-Type: application/offset+octet-stream\r\nContent-Length: " + (bytes.length - offset)
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes, (int) offset, (int) (cutAt - offset));
            out.flush();
        }
    }

    /** The server notices the broken connection a moment later; wait until it recorded what arrived. */
    private long awaitOffset(URL url, String token, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        long offset = -1;
        while (System.nanoTime() < deadline) {
            offset = offsetOf(url.getPath(), token);
            if (offset == expected) {
                return offset;
            }
            Thread.sleep(50);
        }
        return offset;
    }
}
