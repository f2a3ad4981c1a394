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

@ParameterizedClass
@EnumSource(Db.class)
class SignInTest {

    @Parameter
    Db db;

    private TestServer server() {
        return TestServer.on(db);
    }

    private Http.Response signIn(String email, String password) {
        return server().http().post("/api/v1/tokens", Map.of("email", email, "password", password, "deviceName", "laptop"), null);
    }

    @Test
    @DisplayName("I.5 bearer tokens are stored hashed, listed with their device and revocable")
    void tokensAreHashedListedAndRevocable() {
        String email = Users.newEmail();
        Users.register(server(), email);
        Http.Response issued = signIn(email, Users.PASSWORD);
        String token = issued.json().path("token").asString();
        String id = issued.json().path("id").asString();

        assertThat(server().jdbc().sql("SELECT COUNT(*) FROM api_tokens WHERE token_hash = ?").param(token)
                .query(Integer.class).single()).isZero();
        Http.Response list = server().http().get("/api/v1/tokens", token);
        assertThat(list.json()).anyMatch(t -> t.path("id").asString().equals(id)
                && t.path("deviceName").asString().equals("laptop"));
        assertThat(list.text()).doesNotContain(token);

        assertThat(server().http().delete("/api/v1/tokens/" + id, null, token).status()).isEqualTo(204);
        assertThat(server().http().get("/api/v1/me", token).status()).isEqualTo(401);
    }

    @Test
    @DisplayName("I.5 a user cannot revoke another user's token")
    void anotherUsersTokenIsNotFound() {
        String alice = Users.signedIn(server(), Users.newEmail());
        String bobEmail = Users.newEmail();
        String bob = Users.signedIn(server(), bobEmail);
        String bobTokenId = server().http().get("/api/v1/tokens", bob).json().get(0).path("id").asString();

        assertThat(server().http().delete("/api/v1/tokens/" + bobTokenId, null, alice).status()).isEqualTo(404);
        assertThat(server().http().get("/api/v1/me", bob).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("I.5 a wrong password and an unknown address get the same answer")
    void wrongPasswordAndUnknownAddressLookAlike() {
        String email = Users.newEmail();
        Users.register(server(), email);
        Http.Response wrongPassword = signIn(email, "not the password");
        Http.Response unknown = signIn(Users.newEmail(), "not the password");

        assertThat(wrongPassword.status()).isEqualTo(401).isEqualTo(unknown.status());
        assertThat(wrongPassword.json().path("detail")).isEqualTo(unknown.json().path("detail"));
        assertThat(wrongPassword.json().path("type")).isEqualTo(unknown.json().path("type"));
    }

    @Test
    @DisplayName("I.5 sign-in attempts are limited per address, registered or not")
    void signInIsRateLimitedPerAddress() {
        String email = Users.newEmail();
        Users.register(server(), email);
        String unknown = Users.newEmail();
        for (int i = 0; i < 5; i++) {
            assertThat(signIn(email, "wrong password " + i).status()).isEqualTo(401);
            assertThat(signIn(unknown, "wrong password " + i).status()).isEqualTo(401);
        }
        Http.Response limited = signIn(email, Users.PASSWORD);
        Http.Response limitedUnknown = signIn(unknown, Users.PASSWORD);

        assertThat(limited.status()).isEqualTo(429).isEqualTo(limitedUnknown.status());
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(limited.json().path("type").asString()).isEqualTo("urn:arca:problem:rate-limited");
        assertThat(signIn(Users.newEmail(), "anything at all").status()).as("other addresses still work").isEqualTo(401);
    }

    @Test
    @DisplayName("I.5 a password reset link works once, expires, and revokes existing tokens")
    void passwordResetIsSingleUseAndExpires() {
        String email = Users.newEmail();
        String oldToken = Users.signedIn(server(), email);
        Users.verify(server(), email);
        assertThat(server().http().post("/api/v1/password-resets", Map.of("email", email), null).status()).isEqualTo(202);
        assertThat(server().http().post("/api/v1/password-resets", Map.of("email", Users.newEmail()), null).status())
                .as("unknown addresses get the same answer").isEqualTo(202);
        String link = server().mailbox.latestLink(email, "/password-reset/confirm?token=");
        String reset = link.substring(link.indexOf("token=") + 6);

        Http.Response used = server().http().post("/api/v1/password-resets/confirm",
                Map.of("token", reset, "password", "a brand new password"), null);
        Http.Response reused = server().http().post("/api/v1/password-resets/confirm",
                Map.of("token", reset, "password", "another new password"), null);

        assertThat(used.status()).isEqualTo(204);
        assertThat(reused.status()).isEqualTo(410);
        assertThat(server().http().get("/api/v1/me", oldToken).status()).isEqualTo(401);
        assertThat(signIn(email, "a brand new password").status()).isEqualTo(201);

        server().http().post("/api/v1/password-resets", Map.of("email", email), null);
        server().mailbox.awaitMessageTo(email, m -> m.contains("/password-reset/confirm?token=") && !m.contains(reset));
        String second = server().mailbox.latestLink(email, "/password-reset/confirm?token=");
        server().jdbc().sql("UPDATE email_tokens SET expires_at = 0 WHERE account_id = ? AND used_at IS NULL")
                .param(Users.accountId(server(), email)).update();
        Http.Response expired = server().http().post("/api/v1/password-resets/confirm",
                Map.of("token", second.substring(second.indexOf("token=") + 6), "password", "yet another password"), null);
        assertThat(expired.status()).isEqualTo(410);
    }
}
