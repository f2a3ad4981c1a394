package dev.arca.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.support.Db;
import dev.arca.support.Http;
import dev.arca.support.TestServer;
import dev.arca.support.Unguarded;
import dev.arca.support.Users;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * I.5: operators see a person's data only with a stated reason, every such read or change is in
 * the access log, the person reads it, and changing the log behind the server's back is found.
 * Each test runs on a server of its own, as some damage the log on purpose.
 */
@ParameterizedClass
@EnumSource(Db.class)
class AccessLogTest {

    @Parameter
    Db db;

    private TestServer server;
    private String admin;

    @BeforeEach
    void start() {
        server = TestServer.fresh(db);
        admin = Users.token(server, TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    /** A new account holding only the support role; returns its e-mail address. */
    private String supportAccount() {
        String email = Users.newEmail();
        Users.signedIn(server, email);
        assertThat(server.http().send("PUT", "/api/v1/admin/accounts/" + Users.accountId(server, email) + "/roles",
                Map.of("roles", List.of("SUPPORT"), "reason", "joins support"), admin).status()).isEqualTo(200);
        return email;
    }

    private String page(HttpClient browser, String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(server.baseUrl + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    @DisplayName("I.5 support sees no address without a reason; with one, each account shown is logged for its owner to read")
    void readsNeedAReasonAndAreShownToThePerson() throws Exception {
        String person = Users.newEmail();
        String personToken = Users.signedIn(server, person);
        String support = supportAccount();
        HttpClient browser = Users.webSession(server, support, Users.PASSWORD, null);

        String hidden = page(browser, "/admin/users");
        assertThat(hidden).contains("id=\"users\"").doesNotContain(person);
        assertThat(server.http().get("/api/v1/me/access-log", personToken).json()).isEmpty();

        String shown = page(browser, "/admin/users?reason=" + URLEncoder.encode("ticket 4711: cannot sign in",
                StandardCharsets.UTF_8));
        assertThat(shown).contains(person);
        JsonNode mine = server.http().get("/api/v1/me/access-log", personToken).json();
        assertThat(mine).singleElement().satisfies(e -> {
            assertThat(e.path("action").asString()).isEqualTo("LISTED_ACCOUNT");
            assertThat(e.path("role").asString()).isEqualTo("SUPPORT");
            assertThat(e.path("reason").asString()).isEqualTo("ticket 4711: cannot sign in");
            assertThat(e.path("operator").asString()).hasSize(8)
                    .doesNotContain(Users.accountId(server, support).substring(0, 8));
        });
        HttpClient personBrowser = Users.webSession(server, person, Users.PASSWORD, null);
        assertThat(page(personBrowser, "/account/privacy")).contains("ticket 4711: cannot sign in");

        // A correction request read and answered by support is logged twice, the reason being the request.
        String request = server.http().post("/api/v1/me/corrections",
                Map.of("subject", "Name", "details", "Please fix my name"), personToken).json().path("id").asString();
        String supportToken = Users.token(server, support, Users.PASSWORD);
        assertThat(server.http().get("/api/v1/admin/corrections", supportToken).status()).isEqualTo(200);
        assertThat(server.http().post("/api/v1/admin/corrections/" + request + "/resolution",
                Map.of("status", "RESOLVED", "answer", "Fixed"), supportToken).status()).isEqualTo(200);
        assertThat(server.http().get("/api/v1/me/access-log", personToken).json().findValuesAsString("action"))
                .containsExactly("RESOLVED_CORRECTION", "READ_CORRECTION", "LISTED_ACCOUNT");
        assertThat(server.http().get("/api/v1/admin/corrections", Users.signedIn(server, Users.newEmail())).status())
                .as("a plain user is refused").isEqualTo(403);

        // The operator role alone does not open the users page: least privilege.
        String operator = Users.newEmail();
        Users.signedIn(server, operator);
        server.http().send("PUT", "/api/v1/admin/accounts/" + Users.accountId(server, operator) + "/roles",
                Map.of("roles", List.of("OPERATOR")), admin);
        HttpClient operatorBrowser = Users.webSession(server, operator, Users.PASSWORD, null);
        assertThat(operatorBrowser.send(HttpRequest.newBuilder(URI.create(server.baseUrl + "/admin/users")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        assertThat(server.bean(AccessLog.class).verify().intact()).isTrue();
    }

    @Test
    @DisplayName("I.5 a changed, removed or cut-off entry of the access log is found")
    void tamperingIsDetected() throws Exception {
        String person = Users.newEmail();
        String personToken = Users.signedIn(server, person);
        String personId = Users.accountId(server, person);
        for (int i = 0; i < 3; i++) {
            server.http().send("PUT", "/api/v1/admin/accounts/" + personId + "/quota",
                    Map.of("quotaBytes", 1_000_000L * (i + 1), "reason", "asked for more space " + i), admin);
        }
        AccessLog log = server.bean(AccessLog.class);
        assertThat(log.verify()).isEqualTo(new AccessLog.Integrity(true, null, 3));

        // The database refuses to change or remove entries.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> server.jdbc()
                .sql("UPDATE access_log SET reason = 'routine check' WHERE position = 2").update())
                .hasMessageContaining("append-only");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> server.jdbc()
                .sql("DELETE FROM access_log WHERE position = 2").update())
                .hasMessageContaining("removed only by erasure");
        assertThat(log.verify().intact()).isTrue();

        // Whoever edits the file itself gets past the guards; the chain tells.
        Unguarded.run(server, "UPDATE access_log SET reason = 'routine check' WHERE position = 2");
        assertThat(log.verify().problem()).isEqualTo("entry 2 was changed");
        Http.Response report = server.http().get("/api/v1/admin/access-log", admin);
        assertThat(report.json().path("intact").asBoolean()).isFalse();
        Unguarded.run(server, "UPDATE access_log SET reason = 'asked for more space 1' WHERE position = 2");
        assertThat(log.verify().intact()).isTrue();

        Unguarded.run(server, "DELETE FROM access_log WHERE position = 2");
        assertThat(log.verify().problem()).isEqualTo("entry 2 was removed");

        // Cutting off the newest entry with its link leaves a chain that verifies on its own; the anchor tells.
        Unguarded.run(server, "DELETE FROM access_log WHERE position = 3",
                "DELETE FROM access_log_chain WHERE position >= 2");
        assertThat(log.verify().problem()).isEqualTo("the log ends before its anchored entry 3");
        assertThat(personToken).isNotBlank();
    }

    @Test
    @DisplayName("I.5 erasing a person removes their entries and the log still verifies")
    void erasureKeepsTheLogSound() {
        String person = Users.newEmail();
        String token = Users.signedIn(server, person);
        server.http().send("PUT", "/api/v1/admin/accounts/" + Users.accountId(server, person) + "/quota",
                Map.of("quotaBytes", 5_000_000L), admin);
        String other = Users.newEmail();
        Users.signedIn(server, other);
        server.http().send("PUT", "/api/v1/admin/accounts/" + Users.accountId(server, other) + "/quota",
                Map.of("quotaBytes", 6_000_000L), admin);
        assertThat(server.http().delete("/api/v1/me", Map.of("password", Users.PASSWORD), token).status())
                .isEqualTo(204);
        assertThat(server.jdbc().sql("SELECT COUNT(*) FROM access_log").query(Integer.class).single()).isEqualTo(1);
        assertThat(server.jdbc().sql("SELECT COUNT(*) FROM access_log_chain").query(Integer.class).single()).isEqualTo(2);
        assertThat(server.bean(AccessLog.class).verify().intact()).isTrue();
    }
}
