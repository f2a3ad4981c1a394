package dev.arca.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.support.Db;
import dev.arca.support.Http;
import dev.arca.support.TestServer;
import dev.arca.support.Users;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The records of processing (Art. 30) cover every purpose of the code and every table holding personal data. */
class RecordsOfProcessingTest {

    @Test
    @DisplayName("I.4b the records of processing name every purpose, every personal table and every active processor")
    void everyPurposeAndTableAppears() {
        TestServer server = TestServer.on(Db.SQLITE);
        String officer = Users.token(server, TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        String destination = "mail-" + System.nanoTime() + ".example.net:587";
        server.http().post("/api/v1/admin/processors", dev.arca.support.Processors.relay(destination), officer);

        Http.Response records = server.http().get("/api/v1/admin/records-of-processing", officer);
        assertThat(records.status()).isEqualTo(200);
        JsonNode activities = records.json().path("activities");
        assertThat(activities.findValuesAsString("purpose"))
                .containsExactlyElementsOf(Arrays.stream(Purpose.values()).map(Purpose::name).toList());
        Set<String> covered = new TreeSet<>();
        activities.forEach(a -> a.path("tables").forEach(t -> covered.add(t.asString())));
        List<String> personal = server.bean(DataMap.class).tables().stream().filter(DataTable::personal)
                .map(DataTable::table).toList();
        assertThat(covered).containsExactlyInAnyOrderElementsOf(personal);
        JsonNode account = activities.findParents("purpose").stream()
                .filter(a -> a.path("purpose").asString().equals("ACCOUNT")).findFirst().orElseThrow();
        assertThat(account.path("recipients").toString()).contains(destination);

        String markdown = server.http().get("/api/v1/admin/records-of-processing/markdown", officer).text();
        for (Purpose purpose : Purpose.values()) {
            assertThat(markdown).contains(purpose.title());
        }
        personal.forEach(table -> assertThat(markdown).contains(table));
        assertThat(markdown).contains(destination).contains("Security measures");
    }
}
