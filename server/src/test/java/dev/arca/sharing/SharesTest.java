package dev.arca.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.media.MediaMetadata;
import dev.arca.media.MediaTypes;
import dev.arca.media.MetadataExtractor;
import dev.arca.support.Content;
import dev.arca.mail.FailingRelay;
import dev.arca.support.Db;
import dev.arca.support.Http;
import dev.arca.support.TestServer;
import dev.arca.support.Users;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

@ParameterizedClass
@EnumSource(Db.class)
@ExtendWith(OutputCaptureExtension.class)
class SharesTest {

    @Parameter
    Db db;

    @TempDir
    Path temp;

    private TestServer server() {
        return TestServer.on(db);
    }

    private String upload(String token, String name, String fixture) {
        return Content.upload(server(), token, name, Content.resource("/media/" + fixture)).path("id").asString();
    }

    private JsonNode share(String token, Map<String, Object> body) {
        Http.Response created = server().http().post("/api/v1/shares", body, token);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    /** The path of a share's URL: {@code /s/<token>}. */
    private static String path(JsonNode created) {
        return URI.create(created.path("url").asString()).getPath();
    }

    private Http.Response get(String path, Map<String, String> headers) {
        return Content.get(server(), path, null, headers);
    }

    private MediaMetadata metadataOf(byte[] bytes, String name) throws Exception {
        Path file = Files.write(temp.resolve(name), bytes);
        return new MetadataExtractor().extract(file, dev.arca.media.MediaTypes.detect(bytes, name)).metadata();
    }

    private String exiftool(byte[] bytes, String name) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(dev.arca.support.Programs.onPath("exiftool"),
                "exiftool is not installed");
        Path file = Files.write(temp.resolve("x-" + name), bytes);
        Process p = new ProcessBuilder("exiftool", "-a", "-G1", "-s", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();
        return out;
    }

    @Test
    @DisplayName("I.2d a share link shows the items under generic names, counts views, and stops at once when revoked")
    void createViewRevoke() {
        String token = Users.signedIn(server(), Users.newEmail());
        String item = upload(token, "holiday-in-berlin.jpg", "photo.jpg");
        JsonNode created = share(token, Map.of("itemIds", List.of(item), "title", "Trip"));
        String link = path(created);
        assertThat(link.substring(3).length()).as("256 random bits").isGreaterThanOrEqualTo(43);

        Http.Response page = get(link, Map.of());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("photo-1.jpg").doesNotContain("holiday-in-berlin");
        assertThat(page.headers().allValues("Set-Cookie")).allMatch(c -> c.startsWith("arca_session="));
        assertThat(get(link + "/items/" + item + "/preview", Map.of()).headers().firstValue("Content-Type"))
                .hasValue("image/jpeg");
        JsonNode listed = server().http().get("/api/v1/shares", token).json().path("shares").get(0);
        assertThat(listed.path("views").asInt()).isEqualTo(1);
        assertThat(listed.path("items").asInt()).isEqualTo(1);

        String other = Users.signedIn(server(), Users.newEmail());
        assertThat(server().http().delete("/api/v1/shares/" + created.path("id").asString(), null, other).status())
                .isEqualTo(404);
        assertThat(server().http().post("/api/v1/shares", Map.of("itemIds", List.of(item)), other).status())
                .as("another user's item").isEqualTo(400);
        assertThat(server().http().delete("/api/v1/shares/" + created.path("id").asString(), null, token).status())
                .isEqualTo(204);
        assertThat(get(link, Map.of()).status()).isEqualTo(404);
        assertThat(get("/api/v1/public/shares/" + link.substring(3), Map.of()).status()).isEqualTo(404);
        assertThat(get(link + "/items/" + item + "/content", Map.of()).status()).isEqualTo(404);
    }

    @Test
    @DisplayName("I.2d an expired link answers 410 at once")
    void expired() {
        String token = Users.signedIn(server(), Users.newEmail());
        String item = upload(token, "a.jpg", "photo.jpg");
        JsonNode created = share(token, Map.of("itemIds", List.of(item), "expiresAt", "2099-01-01T00:00:00Z"));
        server().jdbc().sql("UPDATE shares SET expires_at = 1 WHERE id = ?").param(created.path("id").asString())
                .update();
        assertThat(get(path(created), Map.of()).status()).isEqualTo(410);
        assertThat(get("/api/v1/public/shares/" + path(created).substring(3), Map.of()).status()).isEqualTo(410);
        assertThat(get(path(created) + "/items/" + item + "/content?download", Map.of()).status()).isEqualTo(410);
    }

    @Test
    @DisplayName("I.2d a password unlocks the link; wrong passwords are limited, also for the right one afterwards")
    void password() {
        String token = Users.signedIn(server(), Users.newEmail());
        String item = upload(token, "a.jpg", "photo.jpg");
        String link = path(share(token, Map.of("itemIds", List.of(item), "password", "open sesame")));
        Http.Response locked = get(link, Map.of());
        assertThat(locked.text()).contains("This share has a password").doesNotContain("photo-1.jpg");
        assertThat(get(link + "/items/" + item + "/preview", Map.of()).status()).isEqualTo(401);

        Http.Response unlocked = Content.send(server(), "POST", link + "/unlock", null,
                "application/x-www-form-urlencoded", "password=open+sesame".getBytes(), Map.of());
        assertThat(unlocked.status()).isEqualTo(302);
        String cookie = unlocked.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("arca_share="))
                .findFirst().orElseThrow();
        assertThat(cookie).startsWith("arca_share=").contains("Path=" + link).contains("HttpOnly");
        Http.Response page = get(link, Map.of("Cookie", cookie.substring(0, cookie.indexOf(';'))));
        assertThat(page.text()).contains("photo-1.jpg");
        assertThat(get("/api/v1/public/shares/" + link.substring(3), Map.of("Arca-Share-Password", "open sesame"))
                .json().path("items")).hasSize(1);

        for (int i = 0; i < 5; i++) {
            assertThat(Content.send(server(), "POST", link + "/unlock", null, "application/x-www-form-urlencoded",
                    "password=guess".getBytes(), Map.of()).status()).isEqualTo(401);
        }
        Http.Response limited = Content.send(server(), "POST", link + "/unlock", null,
                "application/x-www-form-urlencoded", "password=open+sesame".getBytes(), Map.of());
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(get("/api/v1/public/shares/" + link.substring(3), Map.of("Arca-Share-Password", "open sesame"))
                .status()).isEqualTo(429);
    }

    @Test
    @DisplayName("I.2d delivered bytes carry no GPS, capture time, serials or names (JPEG, MP4, MOV), unless the owner keeps them")
    void deliveredBytesAreStripped() throws Exception {
        String token = Users.signedIn(server(), Users.newEmail());
        Map<String, String> items = new HashMap<>();
        items.put(upload(token, "berlin.jpg", "photo.jpg"), "photo.jpg");
        items.put(upload(token, "paris.mp4", "clip.mp4"), "clip.mp4");
        items.put(upload(token, "sydney.mov", "clip.mov"), "clip.mov");
        JsonNode created = share(token, Map.of("itemIds", List.copyOf(items.keySet())));
        String link = path(created);
        for (var entry : items.entrySet()) {
            Http.Response delivered = get(link + "/items/" + entry.getKey() + "/content?download", Map.of());
            assertThat(delivered.status()).isEqualTo(200);
            assertThat(delivered.headers().firstValue("Content-Disposition").orElseThrow())
                    .doesNotContain("berlin").doesNotContain("paris").doesNotContain("sydney");
            MediaMetadata metadata = metadataOf(delivered.bytes(), entry.getValue());
            assertThat(metadata.latitude()).as(entry.getValue()).isNull();
            assertThat(metadata.capturedAt()).as(entry.getValue()).isNull();
            assertThat(exiftool(delivered.bytes(), entry.getValue())).doesNotContain("GPS")
                    .doesNotContain("SerialNumber").doesNotContain("Artist").doesNotContain("DateTimeOriginal");
            Http.Response range = get(link + "/items/" + entry.getKey() + "/content", Map.of("Range", "bytes=10-99"));
            assertThat(range.status()).isEqualTo(206);
            assertThat(range.bytes()).isEqualTo(java.util.Arrays.copyOfRange(delivered.bytes(), 10, 100));
        }

        Http.Response zip = get(link + "/zip", Map.of());
        assertThat(zip.status()).isEqualTo(200);
        int entries = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.bytes()))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; entries++) {
                byte[] bytes = in.readAllBytes();
                assertThat(exiftool(bytes, e.getName())).as(e.getName()).doesNotContain("GPS");
            }
        }
        assertThat(entries).isEqualTo(3);

        String photo = items.entrySet().stream().filter(e -> e.getValue().equals("photo.jpg")).findFirst().orElseThrow()
                .getKey();
        String kept = path(share(token, Map.of("itemIds", List.of(photo), "keepMetadata", true)));
        Http.Response original = get(kept + "/items/" + photo + "/content?download", Map.of());
        assertThat(original.bytes()).isEqualTo(Content.resource("/media/photo.jpg"));
        assertThat(original.headers().firstValue("Content-Disposition").orElseThrow()).contains("berlin.jpg");
    }

    @Test
    @DisplayName("I.2d the download limit and a previews-only share are kept; videos still play")
    void limitsAndPreviewsOnly() {
        String token = Users.signedIn(server(), Users.newEmail());
        String photo = upload(token, "a.jpg", "photo.jpg");
        String video = upload(token, "b.mp4", "clip.mp4");
        String once = path(share(token, Map.of("itemIds", List.of(photo), "maxDownloads", 1)));
        assertThat(get(once + "/items/" + photo + "/content?download", Map.of()).status()).isEqualTo(200);
        assertThat(get(once + "/items/" + photo + "/content?download", Map.of()).status()).isEqualTo(410);
        assertThat(get(once + "/zip", Map.of()).status()).isEqualTo(410);
        assertThat(get(once, Map.of()).status()).as("the page still shows").isEqualTo(200);

        String previews = path(share(token, Map.of("itemIds", List.of(photo, video), "allowOriginals", false)));
        assertThat(get(previews + "/items/" + photo + "/content?download", Map.of()).status()).isEqualTo(403);
        assertThat(get(previews + "/items/" + photo + "/content", Map.of()).status()).isEqualTo(403);
        assertThat(get(previews + "/zip", Map.of()).status()).isEqualTo(403);
        assertThat(get(previews + "/items/" + video + "/content", Map.of("Range", "bytes=0-99")).status())
                .isEqualTo(206);
        assertThat(get(previews, Map.of()).text()).doesNotContain("Download");
        assertThat(MediaTypes.MP4).isEqualTo("video/mp4");
    }

    private int downloadsOf(String token, String shareId) {
        for (JsonNode share : server().http().get("/api/v1/shares", token).json().path("shares")) {
            if (share.path("id").asString().equals(shareId)) {
                return share.path("downloads").asInt();
            }
        }
        throw new AssertionError("no share " + shareId);
    }

    @Test
    @DisplayName("I.2d the download limit counts the bytes sent, however the request is spelled, for links and members alike")
    void downloadsAreCountedByBytesSent() {
        String ownerEmail = Users.newEmail();
        String owner = Users.signedIn(server(), ownerEmail);
        verify(ownerEmail);
        String photo = upload(owner, "a.jpg", "photo.jpg");
        String probe = path(share(owner, Map.of("itemIds", List.of(photo))));
        byte[] delivered = get(probe + "/items/" + photo + "/content", Map.of()).bytes();
        int size = delivered.length;

        // Each way of asking for the whole file gets it once, and is the one download allowed.
        for (Map<String, String> whole : List.of(Map.of("Range", "Bytes=0-"), Map.of("Range", "bytes=00-"),
                Map.of("Range", "bytes=-" + size), Map.of("Range", "bytes=0-,0-,0-,0-"), Map.<String, String>of())) {
            JsonNode created = share(owner, Map.of("itemIds", List.of(photo), "maxDownloads", 1));
            String content = path(created) + "/items/" + photo + "/content";
            Http.Response first = get(content, whole);
            assertThat(first.status()).as(whole.toString()).isIn(200, 206);
            assertThat(first.bytes()).as(whole.toString()).isEqualTo(delivered);
            assertThat(get(content, whole).status()).as(whole + " again").isEqualTo(410);
            assertThat(get(content + "?download", Map.of("Range", "bytes=0-0")).status()).isEqualTo(410);
            assertThat(downloadsOf(owner, created.path("id").asString())).isEqualTo(1);
        }

        // Two halves make one download; the whole file after them the second; then nothing more.
        JsonNode twice = share(owner, Map.of("itemIds", List.of(photo), "maxDownloads", 2));
        String content = path(twice) + "/items/" + photo + "/content";
        int half = size / 2;
        assertThat(get(content, Map.of("Range", "bytes=0-" + (half - 1))).bytes())
                .isEqualTo(java.util.Arrays.copyOfRange(delivered, 0, half));
        assertThat(get(content, Map.of("Range", "bytes=" + half + "-")).bytes())
                .isEqualTo(java.util.Arrays.copyOfRange(delivered, half, size));
        assertThat(downloadsOf(owner, twice.path("id").asString())).isEqualTo(1);
        assertThat(get(content + "?download", Map.of()).status()).isEqualTo(200);
        assertThat(downloadsOf(owner, twice.path("id").asString())).isEqualTo(2);
        Http.Response refused = get(content, Map.of("Range", "bytes=1-1"));
        assertThat(refused.status()).isEqualTo(410);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.headers().firstValue("Content-Range")).isEmpty();

        // Several ranges get the whole file, once.
        Http.Response several = get(probe + "/items/" + photo + "/content", Map.of("Range", "bytes=0-9,20-29"));
        assertThat(several.status()).isEqualTo(200);
        assertThat(several.bytes()).isEqualTo(delivered);

        // A member's download counts against the same limit as the link's.
        String memberEmail = Users.newEmail();
        String member = Users.signedIn(server(), memberEmail);
        JsonNode shared = share(owner, Map.of("itemIds", List.of(photo), "maxDownloads", 1));
        String shareId = shared.path("id").asString();
        assertThat(server().http().post("/api/v1/shares/" + shareId + "/members", Map.of("email", memberEmail), owner)
                .status()).isEqualTo(202);
        String mine = "/api/v1/shared-with-me/" + shareId + "/items/" + photo + "/content?download";
        assertThat(server().http().get(mine, member).status()).isEqualTo(200);
        assertThat(get(path(shared) + "/items/" + photo + "/content", Map.of()).status()).isEqualTo(410);
        assertThat(server().http().get(mine, member).status()).isEqualTo(410);
        assertThat(get(path(shared), Map.of()).status()).as("the page still shows").isEqualTo(200);
    }

    @Test
    @DisplayName("I.2d a damaged file in a shared album is shared as a preview only; the rest of the share is unaffected")
    void aDamagedFileBreaksNothingElse(CapturedOutput output) throws Exception {
        String ownerEmail = Users.newEmail();
        String owner = Users.signedIn(server(), ownerEmail);
        verify(ownerEmail);
        String memberEmail = Users.newEmail();
        String member = Users.signedIn(server(), memberEmail);
        String good = upload(owner, "good.jpg", "photo.jpg");
        String album = server().http().post("/api/v1/albums", Map.of("name", "Party"), owner).json().path("id")
                .asString();
        server().http().post("/api/v1/albums/" + album + "/items", Map.of("itemIds", List.of(good)), owner);
        JsonNode created = share(owner, Map.of("albumId", album));
        String shareId = created.path("id").asString();
        String link = path(created);
        assertThat(server().http().post("/api/v1/shares/" + shareId + "/members",
                Map.of("email", memberEmail, "role", "contributor"), owner).status()).isEqualTo(202);
        // A contributor adds a cut-off photo and a web page named as a picture.
        byte[] photo = Content.resource("/media/photo.jpg");
        List<String> damaged = new java.util.ArrayList<>();
        for (var file : Map.of("cut.jpg", java.util.Arrays.copyOf(photo, photo.length / 2), "page.png",
                "<!doctype html><p>not a picture</p>".getBytes(StandardCharsets.UTF_8)).entrySet()) {
            Http.Response added = Content.send(server(), "POST", "/api/v1/shared-with-me/" + shareId
                    + "/items?filename=" + file.getKey(), member, "application/octet-stream", file.getValue(), Map.of());
            assertThat(added.status()).as(added.toString()).isEqualTo(201);
            damaged.add(added.json().path("id").asString());
        }

        for (int hit = 0; hit < 3; hit++) {
            Http.Response page = get(link, Map.of());
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.text()).contains(link + "/items/" + good + "/content?download");
            for (String item : damaged) {
                assertThat(page.text()).contains("id=\"item-" + item + "\"")
                        .doesNotContain(link + "/items/" + item + "/content");
            }

            Http.Response api = get("/api/v1/public/shares/" + link.substring(3), Map.of());
            assertThat(api.status()).as(api.toString()).isEqualTo(200);
            Map<String, JsonNode> listed = new HashMap<>();
            api.json().path("items").forEach(i -> listed.put(i.path("id").asString(), i));
            assertThat(listed).hasSize(3);
            assertThat(listed.get(good).path("content").isString()).isTrue();
            for (String item : damaged) {
                assertThat(listed.get(item).path("content").isNull()).isTrue();
                Http.Response content = get(link + "/items/" + item + "/content?download", Map.of());
                assertThat(content.status()).isEqualTo(404);
                assertThat(content.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                assertThat(server().http().get("/api/v1/shared-with-me/" + shareId + "/items/" + item + "/content",
                        member).status()).isEqualTo(404);
            }
            assertThat(get(link + "/items/" + good + "/content?download", Map.of()).status()).isEqualTo(200);

            Http.Response zip = get(link + "/zip", Map.of());
            assertThat(zip.status()).isEqualTo(200);
            try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.bytes()))) {
                assertThat(in.getNextEntry().getName()).isEqualTo("photo-1.jpg");
                assertThat(in.getNextEntry()).as("the damaged files are left out").isNull();
            }

            Http.Response mine = server().http().get("/api/v1/shared-with-me/" + shareId, member);
            assertThat(mine.status()).isEqualTo(200);
            assertThat(mine.json().path("items")).hasSize(3);
        }
        assertThat(output.getAll()).as("no stack trace, however often the share is seen").doesNotContain("\tat ");
        assertThat(output.getAll().lines().filter(l -> l.contains("cannot be stripped of its metadata")))
                .as("one line for each damaged file, naming no one").hasSize(2)
                .allSatisfy(l -> assertThat(l).doesNotContain(ownerEmail).doesNotContain("cut.jpg"));
    }

    private void verify(String email) {
        Users.verify(server(), email);
    }

    private int recipientRows(String email) {
        return server().jdbc().sql("SELECT COUNT(*) FROM share_recipients WHERE email = ?").param(email)
                .query(Integer.class).single();
    }

    @Test
    @DisplayName("I.2d shared by e-mail: each recipient has an own revocable link and a stop-all-mail link; addresses go with the share")
    void byEmail() throws Exception {
        String owner = Users.newEmail();
        String token = Users.signedIn(server(), owner);
        String item = upload(token, "a.jpg", "photo.jpg");
        JsonNode created = share(token, Map.of("itemIds", List.of(item), "title", "Summer"));
        String id = created.path("id").asString();
        String first = Users.newEmail();
        String second = Users.newEmail();
        assertThat(server().http().post("/api/v1/shares/" + id + "/recipients", Map.of("emails", List.of(first)), token)
                .status()).as("an unverified sender").isEqualTo(403);
        verify(owner);
        assertThat(server().http().post("/api/v1/shares/" + id + "/recipients", Map.of("emails", List.of("nope")),
                token).status()).isEqualTo(400);
        Http.Response added = server().http().post("/api/v1/shares/" + id + "/recipients",
                Map.of("emails", List.of(first, second)), token);
        assertThat(added.status()).as(added.toString()).isEqualTo(201);

        String firstLink = URI.create(server().mailbox.latestLink(first, "/s/")).getPath();
        String secondLink = URI.create(server().mailbox.latestLink(second, "/s/")).getPath();
        assertThat(firstLink).isNotEqualTo(secondLink).isNotEqualTo(path(created));
        assertThat(get(firstLink, Map.of()).text()).contains("photo-1.jpg");
        assertThat(server().mailbox.messagesTo(first).getLast()).contains("Summer").contains("/mail/stop?token=");

        Http.Response export = server().http().get("/api/v1/me/export", token);
        assertThat(new String(export.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1)).contains("share_recipients");

        String firstId = null;
        for (JsonNode recipient : server().http().get("/api/v1/shares/" + id + "/recipients", token).json()
                .path("recipients")) {
            if (recipient.path("email").asString().equals(first)) {
                firstId = recipient.path("id").asString();
            }
        }
        assertThat(server().http().delete("/api/v1/shares/" + id + "/recipients/" + firstId, null, token).status())
                .isEqualTo(204);
        assertThat(get(firstLink, Map.of()).status()).isEqualTo(404);
        assertThat(recipientRows(first)).isZero();
        assertThat(get(secondLink, Map.of()).status()).isEqualTo(200);

        String stop = server().mailbox.latestLink(second, "/mail/stop?token=");
        URI stopUri = URI.create(stop);
        assertThat(Content.get(server(), stopUri.getPath() + "?" + stopUri.getRawQuery(), null, Map.of()).text())
                .contains("stop-mail");
        assertThat(Content.send(server(), "POST", "/mail/stop", null, "application/x-www-form-urlencoded",
                stopUri.getRawQuery().getBytes(), Map.of()).status()).isEqualTo(200);
        int mails = server().mailbox.messagesTo(second).size();
        JsonNode again = share(token, Map.of("itemIds", List.of(item)));
        server().http().post("/api/v1/shares/" + again.path("id").asString() + "/recipients",
                Map.of("emails", List.of(second)), token);
        assertThat(server().mailbox.messagesTo(second)).as("no more mail to a stopped address").hasSize(mails);

        assertThat(server().http().delete("/api/v1/shares/" + id, null, token).status()).isEqualTo(204);
        assertThat(get(secondLink, Map.of()).status()).isEqualTo(404);
        server().jdbc().sql("UPDATE shares SET expires_at = 1 WHERE id = ?").param(again.path("id").asString())
                .update();
        server().bean(Shares.class).purgeExpired();
        assertThat(recipientRows(second)).as("gone with the share, revoked or expired").isZero();
    }

    private int queuedTo(String email) {
        return server().jdbc().sql("SELECT COUNT(*) FROM mail_queue WHERE to_address = ?").param(email)
                .query(Integer.class).single();
    }

    private String recipientId(String token, String shareId, String email) {
        for (JsonNode recipient : server().http().get("/api/v1/shares/" + shareId + "/recipients", token).json()
                .path("recipients")) {
            if (recipient.path("email").asString().equals(email)) {
                return recipient.path("id").asString();
            }
        }
        throw new AssertionError("no such recipient");
    }

    @Test
    @DisplayName("I.2i a removed recipient's waiting mail and outbox copies go with them; an address another share still names keeps its mail")
    void removedRecipientsMailIsForgotten() {
        String owner = Users.newEmail();
        String token = Users.signedIn(server(), owner);
        verify(owner);
        String item = upload(token, "r.jpg", "photo.jpg");
        String share = share(token, Map.of("itemIds", List.of(item))).path("id").asString();
        String other = share(token, Map.of("itemIds", List.of(item))).path("id").asString();
        String removed = Users.newEmail();
        String kept = Users.newEmail();
        server().http().post("/api/v1/shares/" + share + "/recipients", Map.of("emails", List.of(removed, kept)), token);
        server().http().post("/api/v1/shares/" + other + "/recipients", Map.of("emails", List.of(kept)), token);
        server().mailbox.latestLink(removed, "/s/");
        FailingRelay.send(server(), removed, "Waiting " + System.nanoTime());
        FailingRelay.send(server(), kept, "Waiting " + System.nanoTime());

        server().http().delete("/api/v1/shares/" + share + "/recipients/" + recipientId(token, share, removed), null, token);
        server().http().delete("/api/v1/shares/" + share + "/recipients/" + recipientId(token, share, kept), null, token);

        assertThat(queuedTo(removed)).as("mail waiting for the removed recipient").isZero();
        assertThat(queuedTo(kept)).as("mail for an address another share still names").isEqualTo(1);
        if (db == Db.SQLITE) {
            assertThat(server().mailbox.messagesTo(removed)).as("outbox copies").isEmpty();
            assertThat(server().mailbox.messagesTo(kept)).isNotEmpty();
        }
        assertThat(server().http().delete("/api/v1/shares/" + other, null, token).status()).isEqualTo(204);
        assertThat(queuedTo(kept)).as("gone with the last share naming it").isZero();
    }

    @Test
    @DisplayName("I.2d an album share follows the album; bad requests are refused")
    void albumAndBadInput() {
        String token = Users.signedIn(server(), Users.newEmail());
        String photo = upload(token, "a.jpg", "photo.jpg");
        String album = server().http().post("/api/v1/albums", Map.of("name", "Summer"), token).json().path("id")
                .asString();
        String link = path(share(token, Map.of("albumId", album)));
        assertThat(get("/api/v1/public/shares/" + link.substring(3), Map.of()).json().path("items")).isEmpty();
        server().http().post("/api/v1/albums/" + album + "/items", Map.of("itemIds", List.of(photo)), token);
        assertThat(get("/api/v1/public/shares/" + link.substring(3), Map.of()).json().path("items")).hasSize(1);

        assertThat(server().http().post("/api/v1/shares", Map.of(), token).status()).isEqualTo(400);
        assertThat(server().http().post("/api/v1/shares", Map.of("itemIds", List.of(photo), "albumId", album), token)
                .status()).isEqualTo(400);
        assertThat(server().http().post("/api/v1/shares", Map.of("itemIds", List.of(photo), "expiresAt",
                "2001-01-01T00:00:00Z"), token).status()).isEqualTo(400);
        assertThat(server().http().post("/api/v1/shares", Map.of("itemIds", List.of(photo), "maxDownloads", 0), token)
                .status()).isEqualTo(400);
        assertThat(server().http().post("/api/v1/shares", Map.of("itemIds", List.of(photo)), null).status())
                .isEqualTo(401);
        assertThat(get("/s/not-a-real-token-at-all-0000000000000000000", Map.of()).status()).isEqualTo(404);
    }
}
