package dev.arca.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.platform.Secrets;
import dev.arca.privacy.PolicyVersions;
import dev.arca.privacy.Purpose;
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
class RegistrationTest {

    @Parameter
    Db db;

    private TestServer server() {
        return TestServer.on(db);
    }

    private int rows(String table) {
        return server().jdbc().sql("SELECT COUNT(*) FROM " + table).query(Integer.class).single();
    }

    @Test
    @DisplayName("I.2b registration without the contract basis answers 400 and stores nothing")
    void registrationWithoutContractBasisStoresNothing() {
        int accounts = rows("accounts");
        int events = rows("consent_events");
        Map<String, Object> body = Users.registration(Users.newEmail(), "NEWSLETTER");
        body.put("acceptTerms", false);

        Http.Response response = server().http().post("/api/v1/accounts", body, null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.json().path("errors").has("acceptTerms")).isTrue();
        assertThat(rows("accounts")).isEqualTo(accounts);
        assertThat(rows("consent_events")).isEqualTo(events);
    }

    @Test
    @DisplayName("I.2b malformed fields answer 400 with problem details and store nothing")
    void malformedFieldsAreRefusedAndStoreNothing() {
        int accounts = rows("accounts");
        Map<String, Map<String, Object>> cases = Map.of(
                "email", with("email", "not-an-address"),
                "password", with("password", "short"),
                "country", with("country", "Germany"),
                "language", with("language", "xx-long"),
                "name", with("name", "  "),
                "productSerial", with("productSerial", "<script>"));
        cases.forEach((field, body) -> {
            Http.Response response = server().http().post("/api/v1/accounts", body, null);
            assertThat(response.status()).as(field).isEqualTo(400);
            assertThat(response.json().path("type").asString()).isEqualTo("urn:arca:problem:invalid-request");
            assertThat(response.json().path("errors").has(field)).as(field).isTrue();
        });
        Http.Response unknownPurpose = server().http().post("/api/v1/accounts",
                with("consents", java.util.List.of("SELL_MY_DATA")), null);
        assertThat(unknownPurpose.status()).isEqualTo(400);
        Http.Response contractAsConsent = server().http().post("/api/v1/accounts",
                with("consents", java.util.List.of("ACCOUNT")), null);
        assertThat(contractAsConsent.status()).isEqualTo(400);
        Http.Response notJson = server().http().post("/api/v1/accounts", "{\"name\": ", null);
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(rows("accounts")).isEqualTo(accounts);
    }

    private static Map<String, Object> with(String field, Object value) {
        Map<String, Object> body = Users.registration(Users.newEmail());
        body.put(field, value);
        return body;
    }

    @Test
    @DisplayName("I.2a each consent purpose is a separate choice recorded with the notice hash and policy version")
    void registrationRecordsEveryChoiceWithNoticeHash() {
        String email = Users.newEmail();
        String token = Users.signedIn(server(), email, "NEWSLETTER");

        JsonNode consents = server().http().get("/api/v1/me/consents", token).json();
        var policy = server().bean(PolicyVersions.class).current();
        assertThat(consents.path("history")).hasSize(Purpose.consentBased().size());
        for (JsonNode event : consents.path("history")) {
            Purpose purpose = Purpose.valueOf(event.path("purpose").asString());
            assertThat(event.path("decision").asString()).isEqualTo(purpose == Purpose.NEWSLETTER ? "GRANT" : "DENY");
            assertThat(event.path("noticeSha256").asString())
                    .isEqualTo(Secrets.sha256Hex(policy.notice(purpose).text()));
            assertThat(event.path("policyVersion").asInt()).isEqualTo(policy.version());
        }
        for (JsonNode state : consents.path("purposes")) {
            assertThat(state.path("effective").asBoolean()).as(state.toString())
                    .isEqualTo("NEWSLETTER".equals(state.path("purpose").asString()));
        }
        // Whoever registers under a version has read it: no "the policy changed" notice follows,
        // whichever version is in force.
        dev.arca.support.Policies.publish(server(), "Reworded for registration " + System.nanoTime());
        String later = Users.newEmail();
        String laterToken = Users.signedIn(server(), later);
        assertThat(server().http().get("/api/v1/me/policy-notice", laterToken).json().path("pending").path("version")
                .isMissingNode()).isTrue();
        assertThat(server().http().get("/api/v1/me/policy-notice", token).json().path("pending").path("version")
                .asInt()).as("an account from before is told").isEqualTo(server().bean(PolicyVersions.class).current()
                .version());
    }

    @Test
    @DisplayName("I.5 passwords are stored as Argon2id hashes only")
    void passwordIsStoredAsArgon2idHash() {
        String email = Users.newEmail();
        Users.register(server(), email);
        String hash = server().jdbc().sql("SELECT password_hash FROM accounts WHERE email = ?").param(email)
                .query(String.class).single();
        assertThat(hash).startsWith("$argon2id$").doesNotContain(Users.PASSWORD);
    }

    @Test
    @DisplayName("I.2b registering a taken address reveals nothing to the caller and tells the owner by mail")
    void duplicateRegistrationRevealsNothing() {
        String email = Users.newEmail();
        Users.register(server(), email);
        Map<String, Object> again = Users.registration(email.toUpperCase());
        again.put("name", "Someone Else");

        Http.Response response = server().http().post("/api/v1/accounts", again, null);

        assertThat(response.status()).isEqualTo(202);
        assertThat(server().jdbc().sql("SELECT COUNT(*) FROM accounts WHERE email = ?").param(email)
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(server().mailbox.messagesTo(email)).anyMatch(m -> m.contains("already has one"));
    }

    @Test
    @DisplayName("I.2b the mailed verification link verifies the address once")
    void verificationLinkWorksOnce() {
        String email = Users.newEmail();
        String token = Users.signedIn(server(), email);
        assertThat(server().http().get("/api/v1/me", token).json().path("emailVerified").asBoolean()).isFalse();
        String link = server().mailbox.latestLink(email, "/verify?token=");
        String verification = link.substring(link.indexOf("token=") + 6);

        Http.Response first = server().http().post("/api/v1/email-verifications", Map.of("token", verification), null);
        Http.Response second = server().http().post("/api/v1/email-verifications", Map.of("token", verification), null);

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(410);
        assertThat(second.json().path("type").asString()).isEqualTo("urn:arca:problem:token-invalid");
        assertThat(server().http().get("/api/v1/me", token).json().path("emailVerified").asBoolean()).isTrue();
    }
}
