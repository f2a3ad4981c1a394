package dev.arca.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.support.Content;
import dev.arca.support.Db;
import dev.arca.support.Http;
import dev.arca.support.TestServer;
import dev.arca.support.Users;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

@ParameterizedClass
@EnumSource(Db.class)
class MembersTest {

    @Parameter
    Db db;

    private TestServer server() {
        return TestServer.on(db);
    }

    private String verifiedUser(String email) {
        String token = Users.signedIn(server(), email);
        Users.verify(server(), email);
        return token;
    }

    @Test
    @DisplayName("I.2d shared with Arca users: Shared with me, the share's rules, contributors add to the album, owners notified on request")
    void sharedWithMe() {
        String ownerEmail = Users.newEmail();
        String owner = verifiedUser(ownerEmail);
        String viewerEmail = Users.newEmail();
        String viewer = Users.signedIn(server(), viewerEmail);
        String contributorEmail = Users.newEmail();
        String contributor = Users.signedIn(server(), contributorEmail);
        String photo = Content.upload(server(), owner, "berlin.jpg", Content.resource("/media/photo.jpg")).path("id")
                .asString();
        String album = server().http().post("/api/v1/albums", Map.of("name", "Family"), owner).json().path("id")
                .asString();
        server().http().post("/api/v1/albums/" + album + "/items", Map.of("itemIds", List.of(photo)), owner);
        String share = server().http().post("/api/v1/shares", Map.of("albumId", album, "title", "Family"), owner)
                .json().path("id").asString();

        assertThat(server().http().post("/api/v1/shares/" + share + "/members", Map.of("email", viewerEmail),
                owner).status()).isEqualTo(202);
        assertThat(server().http().post("/api/v1/shares/" + share + "/members",
                Map.of("email", contributorEmail, "role", "contributor"), owner).status()).isEqualTo(202);
        String stranger = Users.newEmail();
        assertThat(server().http().post("/api/v1/shares/" + share + "/members", Map.of("email", stranger), owner)
                .status()).as("no account: the same answer, and a link by mail").isEqualTo(202);
        assertThat(server().mailbox.latestLink(stranger, "/s/")).isNotBlank();
        // Listed as the owner typed them, each under an id of its own: nothing tells which addresses
        // have accounts (no account id, no account name, one list for both).
        JsonNode listed = server().http().get("/api/v1/shares/" + share + "/members", owner).json().path("members");
        assertThat(listed).hasSize(3);
        assertThat(listed).extracting(m -> m.path("name").asString())
                .containsExactly(viewerEmail, contributorEmail, stranger);
        assertThat(listed.toString()).doesNotContain(Users.accountId(server(), viewerEmail)).doesNotContain("Ada Example");
        assertThat(java.util.stream.StreamSupport.stream(listed.spliterator(), false)
                .map(m -> m.propertyNames().stream().sorted().toList()).distinct()).hasSize(1);
        assertThat(server().http().get("/api/v1/shares/" + share + "/recipients", owner).json().path("recipients"))
                .as("the address without an account is listed among the members only").isEmpty();

        JsonNode mine = server().http().get("/api/v1/shared-with-me", viewer).json().path("shares");
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).path("title").asString()).isEqualTo("Family");
        JsonNode items = server().http().get("/api/v1/shared-with-me/" + share, viewer).json().path("items");
        assertThat(items.get(0).path("name").asString()).isEqualTo("photo-1.jpg");
        Http.Response bytes = server().http().get("/api/v1/shared-with-me/" + share + "/items/" + photo + "/content",
                viewer);
        assertThat(bytes.status()).isEqualTo(200);
        assertThat(new String(bytes.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("GPS");

        assertThat(server().http().send("PUT", "/api/v1/me/sharing-settings", Map.of("notifyContributions", true), owner)
                .status()).isEqualTo(200);
        Http.Response refused = Content.send(server(), "POST", "/api/v1/shared-with-me/" + share
                + "/items?filename=x.bin", viewer, "application/octet-stream", new byte[10], Map.of());
        assertThat(refused.status()).as("a viewer adds nothing").isEqualTo(403);
        Http.Response added = Content.send(server(), "POST", "/api/v1/shared-with-me/" + share
                + "/items?filename=mine.jpg", contributor, "application/octet-stream",
                Content.resource("/media/orientation6.jpg"), Map.of());
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(server().http().get("/api/v1/albums/" + album + "/items", owner).json().path("items")).hasSize(2);
        assertThat(server().mailbox.messagesTo(ownerEmail)).anyMatch(m -> m.contains("added to your shared album"));

        String stranger2 = Users.signedIn(server(), Users.newEmail());
        assertThat(server().http().get("/api/v1/shared-with-me/" + share, stranger2).status()).isEqualTo(404);
        String viewerEntry = listed.get(0).path("id").asString();
        String strangerEntry = listed.get(2).path("id").asString();
        assertThat(server().http().delete("/api/v1/shares/" + share + "/members/" + viewerEntry, null, owner).status())
                .isEqualTo(204);
        assertThat(server().http().delete("/api/v1/shares/" + share + "/members/" + strangerEntry, null, owner)
                .status()).isEqualTo(204);
        assertThat(server().http().get("/api/v1/shares/" + share + "/members", owner).json().path("members"))
                .hasSize(1);
        assertThat(server().http().get("/api/v1/shared-with-me/" + share, viewer).status()).isEqualTo(404);
        assertThat(server().http().delete("/api/v1/shares/" + share, null, owner).status()).isEqualTo(204);
        assertThat(server().http().get("/api/v1/shared-with-me", contributor).json().path("shares")).isEmpty();
    }

    /**
     * Sends a request that declares a body of {@code declared} bytes but sends only a few, and
     * returns what the server answers within ten seconds: an answer before the body is read.
     */
    private String declaringOnly(String path, String token, long declared) throws Exception {
        java.net.URI base = java.net.URI.create(server().baseUrl);
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: " + base.getHost()
                    + "\r\nAuthorization: Bearer " + token + "\r\nContent-Type: application/octet-stream"
                    + "\r\nContent-Length: " + declared + "\r\n\r\n0123456789")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            try {
                for (int n; !answer.toString(java.nio.charset.StandardCharsets.ISO_8859_1).contains("}")
                        && (n = socket.getInputStream().read(buffer)) > 0; ) {
                    answer.write(buffer, 0, n);
                }
            } catch (java.net.SocketTimeoutException stillReading) {
                // no answer: the server is reading the body
            }
            return answer.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    @DisplayName("I.5 a contributor's file is admitted as an upload is: too large or over the owner's quota, refused before it is read")
    void contributionsAreAdmittedAsUploads() throws Exception {
        String ownerEmail = Users.newEmail();
        String owner = verifiedUser(ownerEmail);
        String contributorEmail = Users.newEmail();
        String contributor = Users.signedIn(server(), contributorEmail);
        String album = server().http().post("/api/v1/albums", Map.of("name", "Trip"), owner).json().path("id")
                .asString();
        String share = server().http().post("/api/v1/shares", Map.of("albumId", album), owner).json().path("id")
                .asString();
        server().http().post("/api/v1/shares/" + share + "/members", Map.of("email", contributorEmail, "role",
                "contributor"), owner);
        String admin = Users.token(server(), TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        String quota = "/api/v1/admin/accounts/" + Users.accountId(server(), ownerEmail) + "/quota";
        String contribute = "/api/v1/shared-with-me/" + share + "/items?filename=big.mp4";

        server().http().send("PUT", quota, Map.of("quotaBytes", 1_000_000_000_000L), admin);
        assertThat(declaringOnly(contribute, contributor, 65L * 1024 * 1024 * 1024 + 1))
                .as("larger than the largest file this server accepts").startsWith("HTTP/1.1 413")
                .contains("urn:arca:problem:too-large");

        server().http().send("PUT", quota, Map.of("quotaBytes", 1000), admin);
        assertThat(declaringOnly(contribute, contributor, 1001)).startsWith("HTTP/1.1 413")
                .contains("urn:arca:problem:quota-exceeded");
        assertThat(server().http().get("/api/v1/albums/" + album + "/items", owner).json().path("items")).isEmpty();
    }

    @Test
    @DisplayName("I.2d sharing by user name reaches the user who chose it; names are unique and validated")
    void byUserName() {
        String owner = verifiedUser(Users.newEmail());
        String friendEmail = Users.newEmail();
        String friend = Users.signedIn(server(), friendEmail);
        String name = "ada." + Long.toString(System.nanoTime(), 36);
        assertThat(server().http().send("PUT", "/api/v1/me/username", Map.of("username", name.toUpperCase()), friend)
                .json().path("username").asString()).isEqualTo(name);
        assertThat(server().http().send("PUT", "/api/v1/me/username", Map.of("username", name), owner).status())
                .as("taken").isEqualTo(409);
        assertThat(server().http().send("PUT", "/api/v1/me/username", Map.of("username", "x"), owner).status())
                .isEqualTo(400);
        assertThat(server().http().send("PUT", "/api/v1/me/username", Map.of("username", "../etc"), owner).status())
                .isEqualTo(400);

        String photo = Content.upload(server(), owner, "a.jpg", Content.resource("/media/photo.jpg")).path("id")
                .asString();
        String share = server().http().post("/api/v1/shares", Map.of("itemIds", List.of(photo)), owner).json()
                .path("id").asString();
        assertThat(server().http().post("/api/v1/shares/" + share + "/members", Map.of("username", name), owner)
                .status()).isEqualTo(202);
        assertThat(server().http().get("/api/v1/shared-with-me", friend).json().path("shares")).hasSize(1);
        assertThat(server().http().post("/api/v1/shares/" + share + "/members", Map.of("username", "nobody-" + name),
                owner).status()).isEqualTo(404);
        assertThat(server().http().post("/api/v1/shares/" + share + "/members",
                Map.of("username", name, "email", friendEmail), owner).status()).isEqualTo(400);
    }

    @Test
    @DisplayName("I.2d an invitation is mailed in the user's name and its address goes once accepted")
    void invitations() {
        String inviterEmail = Users.newEmail();
        String inviter = Users.signedIn(server(), inviterEmail);
        String friend = Users.newEmail();
        assertThat(server().http().post("/api/v1/invitations", Map.of("email", friend), inviter).status())
                .as("an unverified sender").isEqualTo(403);
        inviter = verifiedUser(Users.newEmail());
        assertThat(server().http().post("/api/v1/invitations", Map.of("email", friend), inviter).status())
                .isEqualTo(202);
        assertThat(server().mailbox.messagesTo(friend).getLast()).contains("/signup").contains("/mail/stop?token=");
        assertThat(server().http().get("/api/v1/invitations", inviter).json().path("invitations")).hasSize(1);

        String member = Users.newEmail();
        Users.signedIn(server(), member);
        int before = server().mailbox.messagesTo(member).size();
        assertThat(server().http().post("/api/v1/invitations", Map.of("email", member), inviter).status())
                .as("the same answer for an address with an account").isEqualTo(202);
        assertThat(server().mailbox.messagesTo(member)).hasSize(before);

        Users.signedIn(server(), friend);
        assertThat(server().http().get("/api/v1/invitations", inviter).json().path("invitations"))
                .as("accepted: the address is gone").isEmpty();
        assertThat(server().jdbc().sql("SELECT COUNT(*) FROM invitations WHERE email = ?").param(friend)
                .query(Integer.class).single()).isZero();
    }
}
