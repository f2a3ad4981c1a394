package dev.arca.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.support.Db;
import dev.arca.support.Http;
import dev.arca.support.Policies;
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
class ConsentTest {

    @Parameter
    Db db;

    private static final Map<String, Object> REPORT = Map.of("product", "arca-cli", "productVersion", "0.1.0",
            "osVersion", "Linux 6.1", "country", "DE", "language", "de", "featureCounts", Map.of("sync", 3));

    private TestServer server() {
        return TestServer.on(db);
    }

    private int reports() {
        return server().jdbc().sql("SELECT COUNT(*) FROM telemetry_reports").query(Integer.class).single();
    }

    private Http.Response decide(String token, String purpose, String decision) {
        return server().http().post("/api/v1/me/consents", Users.decision(server(), purpose, decision), token);
    }

    @Test
    @DisplayName("I.2a I.2g a consent-based action without consent is refused and stores nothing")
    void actionWithoutConsentIsRefusedAndStoresNothing() {
        String token = Users.signedIn(server(), Users.newEmail());
        int before = reports();

        Http.Response refused = server().http().post("/api/v1/telemetry", REPORT, token);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("type").asString()).isEqualTo("urn:arca:problem:consent-required");
        assertThat(reports()).isEqualTo(before);
    }

    @Test
    @DisplayName("I.2a I.2g withdrawal takes one action and takes effect at once")
    void withdrawalTakesEffectAtOnce() {
        String token = Users.signedIn(server(), Users.newEmail());
        assertThat(decide(token, "PRODUCT_IMPROVEMENT", "GRANT").json().path("effective").asBoolean()).isTrue();
        int before = reports();
        assertThat(server().http().post("/api/v1/telemetry", REPORT, token).status()).isEqualTo(202);
        assertThat(reports()).isEqualTo(before + 1);

        assertThat(decide(token, "PRODUCT_IMPROVEMENT", "WITHDRAW").json().path("effective").asBoolean()).isFalse();

        assertThat(server().http().post("/api/v1/telemetry", REPORT, token).status()).isEqualTo(403);
        assertThat(reports()).isEqualTo(before + 1);
    }

    @Test
    @DisplayName("I.2g reports carry only the fixed fields and nothing that identifies the sender")
    void telemetryKeepsOnlyTheFixedFields() {
        String email = Users.newEmail();
        String token = Users.signedIn(server(), email, "PRODUCT_IMPROVEMENT");
        Map<String, Object> extra = new java.util.HashMap<>(REPORT);
        extra.put("email", email);
        assertThat(server().http().post("/api/v1/telemetry", extra, token).status()).isEqualTo(400);

        assertThat(server().http().post("/api/v1/telemetry", REPORT, token).status()).isEqualTo(202);
        String accountId = Users.accountId(server(), email);
        List<Map<String, Object>> rows = server().jdbc().sql("SELECT * FROM telemetry_reports").query().listOfRows();
        assertThat(rows.toString()).doesNotContain(accountId).doesNotContain(email);
    }

    @Test
    @DisplayName("I.2a consents show the current state and the full history, in a tamper-evident chain")
    void consentsShowStateAndHistory() {
        String email = Users.newEmail();
        String token = Users.signedIn(server(), email);
        decide(token, "ANALYTICS_COOKIES", "GRANT");
        decide(token, "ANALYTICS_COOKIES", "WITHDRAW");
        decide(token, "NEWSLETTER", "GRANT");

        JsonNode consents = server().http().get("/api/v1/me/consents", token).json();
        assertThat(consents.path("history")).hasSize(Purpose.consentBased().size() + 3);
        JsonNode last = consents.path("history").get(consents.path("history").size() - 1);
        assertThat(last.path("purpose").asString()).isEqualTo("NEWSLETTER");
        assertThat(last.path("mechanism").asString()).isEqualTo("API_CALL");
        assertThat(state(consents, "ANALYTICS_COOKIES").path("effective").asBoolean()).isFalse();
        assertThat(state(consents, "NEWSLETTER").path("effective").asBoolean()).isTrue();
        assertThat(decide(token, "ACCOUNT", "WITHDRAW").status()).as("contract purposes are not consents").isEqualTo(400);

        String subject = Users.accountId(server(), email);
        ConsentLedger ledger = server().bean(ConsentLedger.class);
        assertThat(ledger.verifySubject(subject)).isTrue();
    }

    private static JsonNode state(JsonNode consents, String purpose) {
        for (JsonNode state : consents.path("purposes")) {
            if (state.path("purpose").asString().equals(purpose)) {
                return state;
            }
        }
        throw new AssertionError(purpose);
    }

    @Test
    @DisplayName("III a new policy version invalidates consents whose notice changed and is announced by mail, in the "
            + "API and on every page until acknowledged")
    void newPolicyVersionInvalidatesChangedConsents() {
        String email = Users.newEmail();
        String token = Users.signedIn(server(), email, "PRODUCT_IMPROVEMENT", "ANALYTICS_COOKIES");
        Users.verify(server(), email); // only verified addresses are mailed
        assertThat(server().http().post("/api/v1/telemetry", REPORT, token).status()).isEqualTo(202);

        int version = Policies.publishNotice(server(), "Usage statistics now include the screen size.",
                Purpose.PRODUCT_IMPROVEMENT, "Send anonymous usage statistics, now with screen size. " + System.nanoTime())
                .version();

        JsonNode consents = server().http().get("/api/v1/me/consents", token).json();
        assertThat(state(consents, "PRODUCT_IMPROVEMENT").path("granted").asBoolean()).isTrue();
        assertThat(state(consents, "PRODUCT_IMPROVEMENT").path("effective").asBoolean()).isFalse();
        assertThat(state(consents, "ANALYTICS_COOKIES").path("effective").asBoolean()).as("unchanged notice").isTrue();
        assertThat(server().http().post("/api/v1/telemetry", REPORT, token).status()).isEqualTo(403);
        assertThat(server().http().get("/api/v1/policy", null).json().path("version").asInt()).isEqualTo(version);

        JsonNode pending = server().http().get("/api/v1/me/policy-notice", token).json().path("pending");
        assertThat(pending.path("version").asInt()).isEqualTo(version);
        assertThat(pending.path("summary").asString()).isEqualTo("Usage statistics now include the screen size.");
        assertThat(pending.path("changes").toString()).contains("Changed purpose PRODUCT_IMPROVEMENT");
        assertThat(pending.path("renewConsent").toString()).isEqualTo("[\"PRODUCT_IMPROVEMENT\"]");
        assertThat(server().http().get(pending.path("textPath").asString(), null).text())
                .contains("now with screen size");
        JsonNode first = server().http().get("/api/v1/policy/versions/1", null).json();
        assertThat(first.path("text").asString()).as("the first version stays readable as published")
                .contains(Purpose.PRODUCT_IMPROVEMENT.notice()).doesNotContain("now with screen size");
        assertThat(server().http().get("/api/v1/policy/versions/" + (version + 1), null).status()).isEqualTo(404);
        Policies.awaitAnnounced(server(), Users.accountId(server(), email), version);
        String link = "/privacy/versions/" + version;
        String mail = server().mailbox.awaitMessageTo(email, m -> m.contains(link));
        assertThat(mail).contains("Usage statistics now include the screen size.");
        assertThat(server().mailbox.messagesTo(email).stream().filter(m -> m.contains(link))).as("told once").hasSize(1);

        assertThat(server().http().post("/api/v1/me/policy-acknowledgements", Map.of("version", version), token).status())
                .isEqualTo(204);
        assertThat(server().http().get("/api/v1/me/policy-notice", token).json().path("pending").path("version").isMissingNode())
                .isTrue();

        decide(token, "PRODUCT_IMPROVEMENT", "GRANT");
        assertThat(server().http().post("/api/v1/telemetry", REPORT, token).status()).isEqualTo(202);
    }

    @Test
    @DisplayName("III the published policy carries its version, date, text and the data map")
    void policyIsPublishedWithTheDataMap() {
        JsonNode policy = server().http().get("/api/v1/policy", null).json();
        assertThat(policy.path("version").asInt()).isPositive();
        assertThat(policy.path("publishedAt").asString()).isNotBlank();
        assertThat(policy.path("purposes")).anyMatch(p -> p.path("id").asString().equals("NEWSLETTER")
                && p.path("basis").asString().equals("CONSENT") && !p.path("notice").asString().isBlank());
        assertThat(policy.path("dataMap")).anyMatch(f -> f.path("table").asString().equals("accounts")
                && f.path("field").asString().equals("email") && f.path("retention").asString().length() > 0);
        String page = server().http().get("/privacy", null).text();
        assertThat(page).contains("accounts.email").contains("Version " + policy.path("version").asInt());
    }
}
