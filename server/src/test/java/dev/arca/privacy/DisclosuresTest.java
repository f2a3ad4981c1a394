package dev.arca.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.support.Db;
import dev.arca.support.Http;
import dev.arca.support.TestServer;
import dev.arca.support.Users;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * I.4c on a server of its own per database, so that the transparency report counts only what
 * these tests record: a gagged request stays hidden from the person until its date, data leaves
 * only through the dedicated export of a request decided to be disclosed, and the public report
 * counts exactly the register.
 */
@ParameterizedClass
@EnumSource(Db.class)
class DisclosuresTest {

    /** One server per database for this class; recorded requests of one test are seen by the others. */
    private static final Map<Db, TestServer> SERVERS = new java.util.EnumMap<>(Db.class);

    @Parameter
    Db db;

    private TestServer server;
    private String officer;

    @BeforeEach
    void start() {
        server = SERVERS.computeIfAbsent(db, TestServer::fresh);
        officer = Users.token(server, TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop() {
        SERVERS.values().forEach(TestServer::stop);
        SERVERS.clear();
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    private Http.Response record(String kind, String decision, LocalDate received, LocalDate gagUntil, List<String> scope,
            String... accounts) {
        Map<String, Object> body = new HashMap<>(Map.of("authority", "Public prosecutor, Example City",
                "kind", kind, "legalBasis", "Code of criminal procedure, section 100", "reference", "AZ " + System.nanoTime(),
                "scope", scope, "receivedOn", received.toString(), "accounts", List.of(accounts),
                "decision", decision, "decisionReason", "Court order checked: it names the account and the period"));
        if (gagUntil != null) {
            body.put("gagUntil", gagUntil.toString());
        }
        return server.http().post("/api/v1/admin/disclosures", body, officer);
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                files.put(e.getName(), in.readAllBytes());
            }
        }
        return files;
    }

    @Test
    @DisplayName("I.4c a request under a gag is invisible to the person until its date, then in the privacy center and export")
    void aGagHidesTheRequestUntilItsDate() throws Exception {
        String email = Users.newEmail();
        String token = Users.signedIn(server, email);
        Http.Response recorded = record("CRIMINAL_INVESTIGATION", "DISCLOSED", today(), today().plusDays(30),
                List.of("accounts"), email);
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
        String id = recorded.json().path("id").asString();
        String reference = recorded.json().path("reference").asString();

        assertThat(server.http().get("/api/v1/me/disclosures", token).json()).isEmpty();
        assertThat(Users.webSession(server, email, Users.PASSWORD, null)
                .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUrl + "/account/privacy")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).body()).doesNotContain(reference);
        Map<String, byte[]> export = unzip(server.http().get("/api/v1/me/export", token).bytes());
        assertThat(Http.JSON.readTree(export.get("disclosures/requests.json"))).isEmpty();
        assertThat(Http.JSON.readTree(export.get("data/disclosure_subjects.json"))).isEmpty();
        assertThat(server.http().get("/api/v1/me/access-log", token).json()).as("no other record tells").isEmpty();

        // The gag's day comes: no operator acts, the hourly job runs, and the request is the person's to see.
        server.jdbc().sql("UPDATE disclosures SET gag_until = ? WHERE id = ?")
                .params(today().minusDays(1).toString(), id).update();
        server.bean(Disclosures.class).release(); // the hourly job
        JsonNode mine = server.http().get("/api/v1/me/disclosures", token).json();
        assertThat(mine).singleElement().satisfies(d -> {
            assertThat(d.path("reference").asString()).isEqualTo(reference);
            assertThat(d.path("decision").asString()).isEqualTo("DISCLOSED");
            assertThat(d.path("legalBasis").asString()).contains("section 100");
        });
        assertThat(Users.webSession(server, email, Users.PASSWORD, null)
                .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUrl + "/account/privacy")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).body()).contains(reference);
        export = unzip(server.http().get("/api/v1/me/export", token).bytes());
        assertThat(new String(export.get("disclosures/requests.json"), StandardCharsets.UTF_8)).contains(reference);
        assertThat(new String(export.get("data/disclosure_subjects.json"), StandardCharsets.UTF_8)).contains(id);
    }

    @Test
    @DisplayName("I.4c data leaves only through the export of a request decided to be disclosed, limited to its scope")
    void theDedicatedExportIsTheOnlyWayOut() throws Exception {
        String email = Users.newEmail();
        Users.signedIn(server, email);
        String accountId = Users.accountId(server, email);
        Http.Response pending = record("CIVIL_PROCEEDINGS", "PENDING", today(), null, List.of("accounts", "devices"),
                accountId);
        String id = pending.json().path("id").asString();
        assertThat(server.http().get("/api/v1/admin/disclosures/" + id + "/export", officer).status()).isEqualTo(409);
        assertThat(server.http().post("/api/v1/admin/disclosures/" + id + "/decision",
                Map.of("decision", "PARTLY_DISCLOSED", "decisionReason", "Only the account; devices are out of scope of the order"),
                officer).status()).isEqualTo(200);

        Http.Response zip = server.http().get("/api/v1/admin/disclosures/" + id + "/export", officer);
        assertThat(zip.status()).isEqualTo(200);
        Map<String, byte[]> files = unzip(zip.bytes());
        assertThat(files.keySet()).containsExactlyInAnyOrder("request.json", "README.txt",
                "accounts/" + accountId + "/accounts.json", "accounts/" + accountId + "/devices.json");
        assertThat(new String(files.get("accounts/" + accountId + "/accounts.json"), StandardCharsets.UTF_8))
                .contains(email).doesNotContain("$argon2");
        assertThat(server.http().get("/api/v1/admin/disclosures", officer).json().findParents("id").stream()
                .filter(d -> d.path("id").asString().equals(id)).findFirst().orElseThrow()
                .path("exportedAt").isNull()).as("the export is recorded").isFalse();

        // Refusals and bad requests are answered clearly and leave the register as it was.
        int before = server.http().get("/api/v1/admin/disclosures", officer).json().size();
        assertThat(record("OTHER", "DISCLOSED", today(), null, List.of("no_such_table"), accountId).status()).isEqualTo(400);
        assertThat(record("OTHER", "DISCLOSED", today(), null, List.of("accounts"), "no-such-account").status())
                .isEqualTo(400);
        assertThat(server.http().get("/api/v1/admin/disclosures", officer).json().size()).isEqualTo(before);
        assertThat(server.http().get("/api/v1/admin/disclosures", Users.signedIn(server, Users.newEmail())).status())
                .isEqualTo(403);
    }

    @Test
    @DisplayName("I.4c the public transparency report counts exactly the register, per half-year")
    void theReportCountsTheRegister() {
        String a = Users.newEmail();
        String b = Users.newEmail();
        Users.signedIn(server, a);
        Users.signedIn(server, b);
        LocalDate firstHalf = LocalDate.of(2025, 3, 10);
        LocalDate secondHalf = LocalDate.of(2025, 11, 2);
        record("CRIMINAL_INVESTIGATION", "DISCLOSED", firstHalf, null, List.of("accounts"), a, b);
        record("EMERGENCY", "REFUSED", firstHalf, null, List.of("accounts"), a);
        record("ADMINISTRATIVE", "PARTLY_DISCLOSED", secondHalf, null, List.of("items"), b);

        // Expected figures, counted here from the register itself.
        JsonNode register = server.http().get("/api/v1/admin/disclosures", officer).json();
        Map<String, List<JsonNode>> byPeriod = new TreeMap<>();
        for (JsonNode d : register) {
            LocalDate received = LocalDate.parse(d.path("receivedOn").asString());
            byPeriod.computeIfAbsent(received.getYear() + (received.getMonthValue() <= 6 ? "-H1" : "-H2"),
                    k -> new ArrayList<>()).add(d);
        }
        JsonNode report = server.http().get("/api/v1/transparency", null).json().path("periods");
        assertThat(report.findValuesAsString("period")).containsExactlyElementsOf(
                byPeriod.keySet().stream().sorted(java.util.Comparator.reverseOrder()).toList());
        for (JsonNode period : report) {
            List<JsonNode> requests = byPeriod.get(period.path("period").asString());
            assertThat(period.path("requests").asInt()).isEqualTo(requests.size());
            for (String decision : List.of("DISCLOSED", "REFUSED", "PENDING")) {
                assertThat(period.path(decision.toLowerCase()).asInt()).as(decision)
                        .isEqualTo((int) requests.stream().filter(d -> d.path("decision").asString().equals(decision)).count());
            }
            assertThat(period.path("partlyDisclosed").asInt()).isEqualTo(
                    (int) requests.stream().filter(d -> d.path("decision").asString().equals("PARTLY_DISCLOSED")).count());
        }
        JsonNode h1 = report.findParents("period").stream().filter(p -> p.path("period").asString().equals("2025-H1"))
                .findFirst().orElseThrow();
        assertThat(h1.path("requests").asInt()).isEqualTo(2);
        assertThat(h1.path("accountsAffected").asInt()).as("a and b, each once").isEqualTo(2);
        assertThat(h1.path("byKind").path("EMERGENCY").asInt()).isEqualTo(1);
        assertThat(h1.path("disclosed").asInt()).isEqualTo(1);
        assertThat(h1.path("refused").asInt()).isEqualTo(1);
        String page = server.http().get("/transparency", null).text();
        assertThat(page).contains("2025-H1").contains("2025-H2");
    }
}
