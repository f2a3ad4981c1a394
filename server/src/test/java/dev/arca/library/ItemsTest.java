package dev.arca.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.support.Content;
import dev.arca.support.Db;
import dev.arca.support.Http;
import dev.arca.support.TestServer;
import dev.arca.support.Users;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

@ParameterizedClass
@EnumSource(Db.class)
class ItemsTest {

    @Parameter
    Db db;

    private TestServer server() {
        return TestServer.on(db);
    }

    private int items(String accountId) {
        return server().jdbc().sql("SELECT COUNT(*) FROM items WHERE account_id = ?").param(accountId)
                .query(Integer.class).single();
    }

    private long chunkBytes(String accountId) {
        return server().jdbc().sql("SELECT COALESCE(SUM(size), 0) FROM chunks WHERE account_id = ?").param(accountId)
                .query(Long.class).single();
    }

    @Test
    @DisplayName("I.2e several files in one multipart upload come back byte for byte, each with its id")
    void multipartUploadRoundTrips() {
        String token = Users.signedIn(server(), Users.newEmail());
        byte[] big = Content.random(5 * 1024 * 1024 + 17, 1);
        byte[] small = "hello".getBytes(StandardCharsets.UTF_8);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("big.bin", big);
        files.put("small.txt", small);
        Http.Response response = Content.post(server(), "/api/v1/items", token, Content.multipart(files));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode items = response.json().path("items");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).path("filename").asString()).isEqualTo("big.bin");
        assertThat(items.get(0).path("size").asLong()).isEqualTo(big.length);
        assertThat(items.get(0).path("sha256").asString()).isEqualTo(Content.sha256(big));
        Http.Response content = Content.get(server(), "/api/v1/items/" + items.get(0).path("id").asString()
                + "/content", token, Map.of());
        assertThat(content.status()).isEqualTo(200);
        assertThat(Content.sha256(content.bytes())).isEqualTo(Content.sha256(big));
        assertThat(content.headers().firstValue("ETag")).hasValue("\"" + Content.sha256(big) + "\"");
        Http.Response second = Content.get(server(), "/api/v1/items/" + items.get(1).path("id").asString()
                + "/content", token, Map.of());
        assertThat(second.bytes()).isEqualTo(small);
    }

    @Test
    @DisplayName("downloads answer ranges (single, open, suffix, several), 416 and If-None-Match")
    void rangesAndConditionalRequests() {
        String token = Users.signedIn(server(), Users.newEmail());
        byte[] bytes = Content.random(3 * 1024 * 1024, 2);
        String id = Content.upload(server(), token, "clip.bin", bytes).path("id").asString();
        String path = "/api/v1/items/" + id + "/content";

        Http.Response first = Content.get(server(), path, token, Map.of("Range", "bytes=0-99"));
        assertThat(first.status()).isEqualTo(206);
        assertThat(first.headers().firstValue("Content-Range")).hasValue("bytes 0-99/" + bytes.length);
        assertThat(first.bytes()).isEqualTo(Arrays.copyOfRange(bytes, 0, 100));

        // Across chunk boundaries: a range in the middle of the file and one to its end.
        Http.Response middle = Content.get(server(), path, token, Map.of("Range", "bytes=1000000-2500000"));
        assertThat(middle.bytes()).isEqualTo(Arrays.copyOfRange(bytes, 1_000_000, 2_500_001));
        Http.Response open = Content.get(server(), path, token, Map.of("Range", "bytes=3000000-"));
        assertThat(open.bytes()).isEqualTo(Arrays.copyOfRange(bytes, 3_000_000, bytes.length));
        Http.Response suffix = Content.get(server(), path, token, Map.of("Range", "bytes=-500"));
        assertThat(suffix.headers().firstValue("Content-Range"))
                .hasValue("bytes " + (bytes.length - 500) + "-" + (bytes.length - 1) + "/" + bytes.length);
        assertThat(suffix.bytes()).isEqualTo(Arrays.copyOfRange(bytes, bytes.length - 500, bytes.length));

        Http.Response several = Content.get(server(), path, token, Map.of("Range", "bytes=0-9,-10"));
        assertThat(several.status()).isEqualTo(206);
        assertThat(several.headers().firstValue("Content-Type").orElseThrow()).startsWith("multipart/byteranges");
        String body = new String(several.bytes(), StandardCharsets.ISO_8859_1);
        assertThat(body).contains("Content-Range: bytes 0-9/" + bytes.length)
                .contains(new String(Arrays.copyOfRange(bytes, 0, 10), StandardCharsets.ISO_8859_1))
                .contains(new String(Arrays.copyOfRange(bytes, bytes.length - 10, bytes.length), StandardCharsets.ISO_8859_1));
        assertThat(several.headers().firstValueAsLong("Content-Length")).hasValue(several.bytes().length);

        Http.Response beyond = Content.get(server(), path, token, Map.of("Range", "bytes=" + bytes.length + "-"));
        assertThat(beyond.status()).isEqualTo(416);
        assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */" + bytes.length);

        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(Content.get(server(), path, token, Map.of("If-None-Match", etag)).status()).isEqualTo(304);
        Http.Response stale = Content.get(server(), path, token, Map.of("Range", "bytes=0-9", "If-Range", "\"other\""));
        assertThat(stale.status()).as("If-Range with another ETag sends it all").isEqualTo(200);
    }

    @Test
    @DisplayName("overlapping ranges are sent once, merged; more than eight ranges get the file once")
    void rangesAreMergedAndLimited() {
        String token = Users.signedIn(server(), Users.newEmail());
        byte[] bytes = Content.random(200_000, 21);
        String path = "/api/v1/items/" + Content.upload(server(), token, "r.bin", bytes).path("id").asString()
                + "/content";

        Http.Response repeated = Content.get(server(), path, token, Map.of("Range", "bytes=" + String.join(",",
                java.util.Collections.nCopies(8, "0-"))));
        assertThat(repeated.status()).isEqualTo(206);
        assertThat(repeated.headers().firstValue("Content-Range")).hasValue("bytes 0-199999/200000");
        assertThat(repeated.bytes()).isEqualTo(bytes);

        Http.Response sixteen = Content.get(server(), path, token, Map.of("Range", "bytes=" + String.join(",",
                java.util.Collections.nCopies(16, "0-"))));
        assertThat(sixteen.status()).as("too many ranges: the whole file, once").isEqualTo(200);
        assertThat(sixteen.bytes()).isEqualTo(bytes);

        Http.Response adjacent = Content.get(server(), path, token, Map.of("Range", "bytes=100-199,0-99,150-299"));
        assertThat(adjacent.status()).isEqualTo(206);
        assertThat(adjacent.headers().firstValue("Content-Range")).hasValue("bytes 0-299/200000");
        assertThat(adjacent.bytes()).isEqualTo(Arrays.copyOfRange(bytes, 0, 300));

        Http.Response spelled = Content.get(server(), path, token, Map.of("Range", "Bytes=00-9"));
        assertThat(spelled.status()).as("the unit has no case").isEqualTo(206);
        assertThat(spelled.bytes()).isEqualTo(Arrays.copyOfRange(bytes, 0, 10));
        assertThat(Content.get(server(), path, token, Map.of("Range", "bytes=+5-9")).status())
                .as("positions are digits only; anything else is ignored").isEqualTo(200);
    }

    @Test
    @DisplayName("content types come from the bytes; active content is only ever sent as a download")
    void contentTypeFromBytes() {
        String token = Users.signedIn(server(), Users.newEmail());
        byte[] png = Content.resource("/media/image.png");
        JsonNode item = Content.upload(server(), token, "no-extension", png);
        assertThat(item.path("contentType").asString()).isEqualTo("image/png");
        assertThat(item.path("kind").asString()).isEqualTo("image");
        Http.Response content = Content.get(server(), "/api/v1/items/" + item.path("id").asString() + "/content", token,
                Map.of());
        assertThat(content.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(content.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("inline");

        byte[] html = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);
        JsonNode page = Content.upload(server(), token, "page.html", html);
        Http.Response served = Content.get(server(), "/api/v1/items/" + page.path("id").asString() + "/content", token,
                Map.of());
        assertThat(served.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment");
        assertThat(served.headers().firstValue("Content-Type").orElseThrow()).doesNotContain("html");
        assertThat(served.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("sandbox");
    }

    @Test
    @DisplayName("hostile file names are stored as a plain name, never as a path")
    void hostileFilenames() {
        String token = Users.signedIn(server(), Users.newEmail());
        JsonNode traversal = Content.upload(server(), token, "../../etc/passwd", new byte[] {1, 2, 3});
        assertThat(traversal.path("filename").asString()).isEqualTo("passwd");
        JsonNode bidi = Content.upload(server(), token, "invoice\u202Egpj.exe", new byte[] {4});
        assertThat(bidi.path("filename").asString()).isEqualTo("invoicegpj.exe");
        JsonNode empty = Content.upload(server(), token, "..", new byte[] {5});
        assertThat(empty.path("filename").asString()).isEqualTo("unnamed");
        Http.Response download = Content.get(server(), "/api/v1/items/" + bidi.path("id").asString()
                + "/content?download=true", token, Map.of());
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment; filename=\"invoicegpj.exe\"");
    }

    @Test
    @DisplayName("I.5 an upload over quota answers 413 with problem details and stores nothing")
    void overQuota() {
        String email = Users.newEmail();
        String token = Users.signedIn(server(), email);
        String accountId = Users.accountId(server(), email);
        String admin = Users.token(server(), TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        assertThat(server().http().send("PUT", "/api/v1/admin/accounts/" + accountId + "/quota",
                Map.of("quotaBytes", 1_000_000), admin).status()).isEqualTo(204);
        assertThat(server().http().send("PUT", "/api/v1/admin/accounts/" + accountId + "/quota",
                Map.of("quotaBytes", 1), token).status()).as("only admins set quotas").isEqualTo(403);
        Content.upload(server(), token, "fits.bin", Content.random(400_000, 3));
        long before = chunkBytes(accountId);

        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("second.bin", Content.random(400_000, 4));
        files.put("too-much.bin", Content.random(400_000, 5));
        Http.Response response = Content.post(server(), "/api/v1/items", token, Content.multipart(files));

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.json().path("type").asString()).isEqualTo("urn:arca:problem:quota-exceeded");
        assertThat(items(accountId)).as("neither file of the refused request is kept").isEqualTo(1);
        assertThat(chunkBytes(accountId)).isEqualTo(before);
        JsonNode usage = server().http().get("/api/v1/me/usage", token).json();
        assertThat(usage.path("usedBytes").asLong()).isEqualTo(before);
        assertThat(usage.path("quotaBytes").asLong()).isEqualTo(1_000_000);
    }

    @Test
    @DisplayName("a truncated multipart upload is refused and leaves nothing behind")
    void truncatedUpload() {
        String email = Users.newEmail();
        String token = Users.signedIn(server(), email);
        String accountId = Users.accountId(server(), email);
        Content.Multipart whole = Content.multipart(Map.of("cut.bin", Content.random(2_000_000, 6)));
        byte[] cut = Arrays.copyOf(whole.body(), whole.body().length / 2);

        Http.Response response = Content.send(server(), "POST", "/api/v1/items", token, whole.contentType(), cut,
                Map.of());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("detail").asString()).contains("truncated");
        assertThat(items(accountId)).isZero();
        assertThat(chunkBytes(accountId)).isZero();
    }

    @Test
    @DisplayName("identical content is stored once per account, and never shared across accounts")
    void deduplicationWithinAccountOnly() {
        String alice = Users.newEmail();
        String bob = Users.newEmail();
        String aliceToken = Users.signedIn(server(), alice);
        String bobToken = Users.signedIn(server(), bob);
        byte[] bytes = Content.random(1_500_000, 7);
        Content.upload(server(), aliceToken, "a.bin", bytes);
        long once = chunkBytes(Users.accountId(server(), alice));
        Content.upload(server(), aliceToken, "copy.bin", bytes);
        Content.upload(server(), bobToken, "b.bin", bytes);

        assertThat(once).isEqualTo(bytes.length);
        assertThat(chunkBytes(Users.accountId(server(), alice))).as("the copy adds no chunk").isEqualTo(once);
        assertThat(chunkBytes(Users.accountId(server(), bob))).as("bob stores his own").isEqualTo(bytes.length);
    }

    @Test
    @DisplayName("another user's item ids behave exactly like ids that do not exist")
    void otherUsersItemsAreInvisible() {
        String owner = Users.signedIn(server(), Users.newEmail());
        String other = Users.signedIn(server(), Users.newEmail());
        String id = Content.upload(server(), owner, "mine.bin", Content.random(1000, 8)).path("id").asString();

        for (String path : new String[] {"", "/content", "/versions", "/thumbnail", "/metadata/raw"}) {
            Http.Response response = server().http().get("/api/v1/items/" + id + path, other);
            assertThat(response.status()).as(path).isEqualTo(404);
        }
        assertThat(server().http().patch("/api/v1/items/" + id, Map.of("title", "stolen"), other).status()).isEqualTo(404);
        assertThat(server().http().delete("/api/v1/items/" + id, null, other).status()).isEqualTo(404);
        assertThat(server().http().get("/api/v1/items", other).json().path("items")).isEmpty();
        assertThat(server().http().get("/api/v1/items/" + id, owner).json().path("title").isNull()).isTrue();
        assertThat(server().http().get("/api/v1/items", null).status()).isEqualTo(401);
    }
}
