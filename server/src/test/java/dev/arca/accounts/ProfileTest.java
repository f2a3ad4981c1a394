package dev.arca.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.support.Db;
import dev.arca.support.Http;
import dev.arca.support.TestServer;
import dev.arca.support.Users;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

@ParameterizedClass
@EnumSource(Db.class)
class ProfileTest {

    @Parameter
    Db db;

    private TestServer server() {
        return TestServer.on(db);
    }

    @Test
    @DisplayName("I.2i every profile field can be viewed and amended; a new address counts once its link is opened")
    void profileIsAmendable() {
        String email = Users.newEmail();
        String token = Users.signedIn(server(), email);
        String link = server().mailbox.latestLink(email, "/verify?token=");
        server().http().post("/api/v1/email-verifications", Map.of("token", link.substring(link.indexOf("token=") + 6)), null);
        String newEmail = Users.newEmail();

        Http.Response amended = server().http().patch("/api/v1/me", Map.of("name", "Ada Lovelace", "email", newEmail,
                "country", "gb", "language", "en", "productSerial", "ARCA-1234-5678", "currentPassword",
                Users.PASSWORD), token);

        assertThat(amended.status()).as(amended.toString()).isEqualTo(200);
        assertThat(amended.json().path("emailChangePending").asBoolean()).isTrue();
        JsonNode me = server().http().get("/api/v1/me", token).json();
        assertThat(me.path("name").asString()).isEqualTo("Ada Lovelace");
        assertThat(me.path("email").asString()).as("not before the new address is confirmed").isEqualTo(email);
        assertThat(me.path("country").asString()).isEqualTo("GB");
        assertThat(me.path("language").asString()).isEqualTo("en");
        assertThat(me.path("productSerial").asString()).isEqualTo("ARCA-1234-5678");
        String confirm = server().mailbox.latestLink(newEmail, "/email-change/confirm?token=");
        assertThat(server().http().post("/api/v1/email-changes/confirm",
                Map.of("token", confirm.substring(confirm.indexOf("token=") + 6)), null).status()).isEqualTo(200);
        me = server().http().get("/api/v1/me", token).json();
        assertThat(me.path("email").asString()).isEqualTo(newEmail);
        assertThat(me.path("emailVerified").asBoolean()).as("opening the link verified it").isTrue();

        assertThat(server().http().patch("/api/v1/me", Map.of("productSerial", ""), token).json()
                .path("productSerial").isNull()).isTrue();
    }

    @Test
    @DisplayName("I.2i invalid amendments are refused and change nothing")
    void invalidAmendmentChangesNothing() {
        String email = Users.newEmail();
        String token = Users.signedIn(server(), email);
        String other = Users.newEmail();
        Users.register(server(), other);

        assertThat(server().http().patch("/api/v1/me", Map.of("name", "X", "country", "Narnia"), token).status()).isEqualTo(400);
        assertThat(server().http().patch("/api/v1/me", Map.of("email", Users.newEmail()), token).status())
                .as("a new address needs the current password").isEqualTo(400);
        assertThat(server().http().patch("/api/v1/me", Map.of("newPassword", "a new password!", "currentPassword", "wrong"),
                token).status()).isEqualTo(400);
        JsonNode me = server().http().get("/api/v1/me", token).json();
        assertThat(me.path("name").asString()).isEqualTo("Ada Example");
        assertThat(me.path("country").asString()).isEqualTo("DE");
        assertThat(me.path("email").asString()).isEqualTo(email);
    }

    @Test
    @DisplayName("I.2i a correction request reaches an operator, is answered, and the answer is recorded")
    void correctionRequestIsTrackedToResolution() {
        String email = Users.newEmail();
        String token = Users.signedIn(server(), email);
        String admin = Users.token(server(), TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);

        Http.Response filed = server().http().post("/api/v1/me/corrections",
                Map.of("subject", "Registration date", "details", "I registered a day earlier."), token);
        assertThat(filed.status()).isEqualTo(201);
        String id = filed.json().path("id").asString();
        assertThat(server().http().get("/api/v1/admin/corrections", token).status()).as("users are not operators").isEqualTo(403);
        assertThat(server().http().get("/api/v1/admin/corrections", admin).json())
                .anyMatch(r -> r.path("id").asString().equals(id));

        Http.Response resolved = server().http().post("/api/v1/admin/corrections/" + id + "/resolution",
                Map.of("status", "RESOLVED", "answer", "Corrected."), admin);
        assertThat(resolved.status()).isEqualTo(200);
        assertThat(server().http().post("/api/v1/admin/corrections/" + id + "/resolution",
                Map.of("status", "REJECTED", "answer", "Again"), admin).status()).isEqualTo(409);

        JsonNode mine = server().http().get("/api/v1/me/corrections", token).json().get(0);
        assertThat(mine.path("status").asString()).isEqualTo("RESOLVED");
        assertThat(mine.path("answer").asString()).isEqualTo("Corrected.");
        // The operator is named by a keyed pseudonym: auditable while the key exists, and nothing in
        // this person's record (or their export) leads to the operator's account.
        String operatorId = Users.accountId(server(), TestServer.ADMIN_EMAIL);
        assertThat(mine.path("resolvedBy").asString())
                .isEqualTo(server().bean(dev.arca.privacy.Operators.class).pseudonym(operatorId))
                .doesNotContain(operatorId);
        assertThat(server().mailbox.messagesTo(email)).anyMatch(m -> m.contains("Corrected."));
    }
}
