package dev.arca.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.support.Db;
import dev.arca.support.Http;
import dev.arca.support.TestServer;
import dev.arca.support.Users;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** What someone holding a stolen token or session can and cannot do to the account. */
@ParameterizedClass
@EnumSource(Db.class)
class AccountTakeoverTest {

    private static final String NEW_PASSWORD = "a brand new password";

    @Parameter
    Db db;

    private TestServer server() {
        return TestServer.on(db);
    }

    @Test
    @DisplayName("I.5 a stolen token cannot move the account to another address; the owner can undo a change")
    void addressChangeNeedsThePasswordAndCanBeUndone() throws Exception {
        String owner = Users.newEmail();
        String stolen = Users.signedIn(server(), owner);
        Users.verify(server(), owner);
        String attacker = Users.newEmail();

        Http.Response takeover = server().http().patch("/api/v1/me", Map.of("email", attacker), stolen);
        Http.Response guessed = server().http().patch("/api/v1/me",
                Map.of("email", attacker, "currentPassword", "not the password"), stolen);

        assertThat(takeover.status()).as(takeover.toString()).isEqualTo(400);
        assertThat(guessed.status()).isEqualTo(400);
        assertThat(server().http().get("/api/v1/me", stolen).json().path("email").asString()).isEqualTo(owner);
        assertThat(server().mailbox.messagesTo(attacker)).isEmpty();

        // With the password the change waits for the new address's link, then tells the old address.
        String second = Users.newEmail();
        HttpClient browser = Users.webSession(server(), owner, Users.PASSWORD, null);
        Http.Response pending = server().http().patch("/api/v1/me",
                Map.of("email", second, "currentPassword", Users.PASSWORD), stolen);
        assertThat(pending.json().path("emailChangePending").asBoolean()).isTrue();
        String confirm = server().mailbox.latestLink(second, "/email-change/confirm?token=");
        assertThat(page(HttpClient.newHttpClient(), confirm).statusCode()).isEqualTo(200);
        assertThat(server().http().get("/api/v1/me", stolen).json().path("email").asString()).isEqualTo(second);
        String undo = server().mailbox.latestLink(owner, "/email-change/undo?token=");

        HttpResponse<String> undone = page(HttpClient.newHttpClient(), undo);

        assertThat(undone.statusCode()).isEqualTo(200);
        assertThat(server().jdbc().sql("SELECT email FROM accounts WHERE id = ?")
                .param(Users.accountId(server(), owner)).query(String.class).single()).isEqualTo(owner);
        assertThat(server().http().get("/api/v1/me", stolen).status()).as("every token ended").isEqualTo(401);
        assertThat(page(browser, server().baseUrl + "/api/v1/me").statusCode()).as("every session ended")
                .isEqualTo(401);
        Matcher reset = Pattern.compile("name=\"token\" value=\"([^\"]+)\"").matcher(undone.body());
        assertThat(reset.find()).as("the page asks for a new password").isTrue();
        assertThat(server().http().post("/api/v1/password-resets/confirm",
                Map.of("token", reset.group(1), "password", NEW_PASSWORD), null).status()).isEqualTo(204);
        Users.token(server(), owner, NEW_PASSWORD);
        assertThat(page(HttpClient.newHttpClient(), undo).body()).as("an undo link works once")
                .doesNotContain("name=\"token\"");
    }

    @Test
    @DisplayName("I.5 changing to an address that has an account answers as for any other address")
    void takenAddressesDoNotShow() {
        String email = Users.newEmail();
        String token = Users.signedIn(server(), email);
        String taken = Users.newEmail();
        Users.register(server(), taken);
        String free = Users.newEmail();

        Http.Response toFree = server().http().patch("/api/v1/me",
                Map.of("email", free, "currentPassword", Users.PASSWORD), token);
        Http.Response toTaken = server().http().patch("/api/v1/me",
                Map.of("email", taken, "currentPassword", Users.PASSWORD), token);

        assertThat(toTaken.status()).isEqualTo(toFree.status()).isEqualTo(200);
        assertThat(toTaken.json().path("emailChangePending")).isEqualTo(toFree.json().path("emailChangePending"));
        assertThat(toTaken.json().path("email")).isEqualTo(toFree.json().path("email"));
        assertThat(server().mailbox.awaitMessageTo(taken, m -> m.contains("already has an account")))
                .doesNotContain("/email-change/confirm");
    }

    @Test
    @DisplayName("I.5 password resets go only to verified addresses")
    void resetsGoOnlyToVerifiedAddresses() {
        String unverified = Users.newEmail();
        Users.register(server(), unverified);
        String verified = Users.newEmail();
        Users.register(server(), verified);
        Users.verify(server(), verified);

        server().http().post("/api/v1/password-resets", Map.of("email", unverified), null);
        server().http().post("/api/v1/password-resets", Map.of("email", verified), null);

        server().mailbox.latestLink(verified, "/password-reset/confirm?token=");
        assertThat(server().mailbox.messagesTo(unverified)).noneMatch(m -> m.contains("/password-reset/confirm"));
    }

    @Test
    @DisplayName("I.5 a new password ends every other session and token, on the API and on the web")
    void passwordChangeEndsOtherSignIns() throws Exception {
        String email = Users.newEmail();
        String current = Users.signedIn(server(), email);
        String other = Users.token(server(), email, Users.PASSWORD);
        HttpClient session = Users.webSession(server(), email, Users.PASSWORD, null);

        Http.Response changed = server().http().patch("/api/v1/me",
                Map.of("newPassword", NEW_PASSWORD, "currentPassword", Users.PASSWORD), current);

        assertThat(changed.status()).isEqualTo(200);
        assertThat(server().http().get("/api/v1/me", current).status()).as("the token that changed it").isEqualTo(200);
        assertThat(server().http().get("/api/v1/me", other).status()).isEqualTo(401);
        assertThat(page(session, server().baseUrl + "/api/v1/me").statusCode()).isEqualTo(401);
        assertThat(page(session, server().baseUrl + "/library").statusCode()).as("back to sign-in").isEqualTo(302);

        // From the web form: the session that changed it stays, the token ends.
        HttpClient web = Users.webSession(server(), email, NEW_PASSWORD, null);
        String account = page(web, server().baseUrl + "/account").body();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(account);
        assertThat(csrf.find()).isTrue();
        String form = "name=Ada+Example&email=" + URLEncoder.encode(email, StandardCharsets.UTF_8)
                + "&country=DE&language=de&newPassword=" + URLEncoder.encode("a third password!", StandardCharsets.UTF_8)
                + "&currentPassword=" + URLEncoder.encode(NEW_PASSWORD, StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> saved = web.send(HttpRequest.newBuilder(URI.create(server().baseUrl + "/account/profile"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(page(web, server().baseUrl + "/api/v1/me").statusCode()).isEqualTo(200);
        assertThat(server().http().get("/api/v1/me", current).status()).isEqualTo(401);
    }

    @Test
    @DisplayName("I.5 a password reset ends every web session")
    void resetEndsWebSessions() throws Exception {
        String email = Users.newEmail();
        Users.register(server(), email);
        Users.verify(server(), email);
        HttpClient session = Users.webSession(server(), email, Users.PASSWORD, null);
        assertThat(page(session, server().baseUrl + "/api/v1/me").statusCode()).isEqualTo(200);

        server().http().post("/api/v1/password-resets", Map.of("email", email), null);
        String link = server().mailbox.latestLink(email, "/password-reset/confirm?token=");
        assertThat(server().http().post("/api/v1/password-resets/confirm",
                Map.of("token", link.substring(link.indexOf("token=") + 6), "password", NEW_PASSWORD), null).status())
                .isEqualTo(204);

        assertThat(page(session, server().baseUrl + "/api/v1/me").statusCode()).isEqualTo(401);
    }

    @Test
    @DisplayName("I.5 registering a taken address takes as long as registering a new one")
    void registrationTimingDoesNotTell() {
        String taken = Users.newEmail();
        Users.register(server(), taken);
        long takenNanos = Long.MAX_VALUE;
        long newNanos = Long.MAX_VALUE;
        // The fastest of several runs of each, so that a pause elsewhere does not decide.
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            server().http().post("/api/v1/accounts", Users.registration(taken), null);
            takenNanos = Math.min(takenNanos, System.nanoTime() - start);
            start = System.nanoTime();
            Users.register(server(), Users.newEmail());
            newNanos = Math.min(newNanos, System.nanoTime() - start);
        }
        assertThat((double) takenNanos).as("taken %d ns, new %d ns", takenNanos, newNanos)
                .isGreaterThan(newNanos * 0.5);
    }

    private static HttpResponse<String> page(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
