package dev.arca.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.mail.FailingRelay;
import dev.arca.support.Db;
import dev.arca.support.Http;
import dev.arca.support.TestServer;
import dev.arca.support.Users;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

@ParameterizedClass
@EnumSource(Db.class)
class ExportAndErasureTest {

    @Parameter
    Db db;

    private TestServer server() {
        return TestServer.on(db);
    }

    /**
     * A person with a row in every table that can hold a subject's rows, including rows that
     * others made and that concern them.
     *
     * @param addresses every address the person has used: registered with, moved to, moving to
     */
    private record Subject(String token, String accountId, String email, List<String> addresses, String serial,
            String otherToken, String otherShare) {}

    private Subject populated() {
        String email = Users.newEmail();
        String serial = "SERIAL-" + Long.toHexString(System.nanoTime()).toUpperCase();
        String token = Users.signedIn(server(), email, "NEWSLETTER");
        String accountId = Users.accountId(server(), email);
        Users.token(server(), email, Users.PASSWORD);
        server().http().post("/api/v1/me/corrections", Map.of("subject", "Name", "details", "Spelling"), token);
        server().http().post("/api/v1/password-resets", Map.of("email", email), null);
        server().http().patch("/api/v1/me", Map.of("productSerial", serial), token);
        String admin = Users.token(server(), TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        Users.verify(server(), email);
        int version = dev.arca.support.Policies.publish(server(), "Clarified wording.").version();
        dev.arca.support.Policies.awaitAnnounced(server(), accountId, version);
        server().http().post("/api/v1/me/policy-acknowledgements", Map.of("version", version), token);
        // Content: an item with a tag and a date in an album, an upload in progress and a quota of its own.
        String item = dev.arca.support.Content.upload(server(), token, "photo.bin",
                dev.arca.support.Content.random(1000, System.nanoTime())).path("id").asString();
        // A date of its own moves it on the timeline, which is recorded for a day.
        server().http().patch("/api/v1/items/" + item, Map.of("tags", List.of("kept"), "capturedAt",
                "2021-03-04T05:06:07Z"), token);
        String album = server().http().post("/api/v1/albums", Map.of("name", "Album"), token).json().path("id").asString();
        server().http().post("/api/v1/albums/" + album + "/items", Map.of("itemIds", List.of(item)), token);
        dev.arca.support.Content.send(server(), "POST", "/api/v1/uploads", token, null, null,
                Map.of("Tus-Resumable", "1.0.0", "Upload-Length", "10"));
        server().http().send("PUT", "/api/v1/admin/accounts/" + accountId + "/quota",
                Map.of("quotaBytes", 1_000_000_000L), admin);
        server().http().send("PUT", "/api/v1/admin/accounts/" + accountId + "/roles",
                Map.of("roles", List.of("SUPPORT"), "reason", "joins support"), admin);
        // A request of an authority about the account, decided and told.
        server().http().post("/api/v1/admin/disclosures", Map.of("authority", "Tax office", "kind", "ADMINISTRATIVE",
                "legalBasis", "Tax code, section 93", "reference", "T-" + System.nanoTime(), "scope", List.of("accounts"),
                "receivedOn", "2026-01-05", "accounts", List.of(accountId), "decision", "REFUSED",
                "decisionReason", "No court order"), admin);
        // A transfer to a processor: the PostgreSQL server's relay recorded the mail above; the SQLite
        // server writes mail to its outbox, so the record a relay would have left is written here.
        String pseudonym = server().bean(Pseudonyms.class).subject(accountId);
        if (server().jdbc().sql("SELECT COUNT(*) FROM processor_transfers WHERE subject = ?").param(pseudonym)
                .query(Integer.class).single() == 0) {
            String relay = "relay-" + System.nanoTime() + ".example.net:25";
            String processor = server().bean(ProcessorRegister.class)
                    .register(dev.arca.support.Processors.relay(relay)).id();
            server().jdbc().sql("INSERT INTO processor_transfers (id, processor_id, purpose, categories, subject, bytes, "
                    + "occurred_at) VALUES (?, ?, 'ACCOUNT', 'contact', ?, 1200, 1)")
                    .params(java.util.UUID.randomUUID().toString(), processor, pseudonym).update();
        }
        // A device with its partitions.
        String device = java.util.UUID.randomUUID().toString();
        server().http().send("PUT", "/api/v1/devices/" + device, Map.of("name", "Laptop"), token);
        server().http().send("PUT", "/api/v1/devices/" + device + "/partitions", Map.of("partitions", List.of(
                Map.of("volumeLabel", "HOME", "fileSystem", "ext4", "sizeBytes", 100, "freeBytes", 10))), token);
        // A synced file, and a file sent to the device.
        var manifest = dev.arca.support.Chunked.store(server(), token,
                dev.arca.support.Content.random(2000, System.nanoTime()));
        server().http().post("/api/v1/sync/files", Map.of("folder", "Docs", "path", "a.txt", "manifest",
                manifest.encode(), "baseVersion", 0, "mtime", 1, "deviceId", device), token);
        server().http().post("/api/v1/transfers", Map.of("toDevice", device, "fromDevice", device, "filename", "a.txt",
                "manifest", manifest.encode()), token);
        String share = server().http().post("/api/v1/shares", Map.of("itemIds", List.of(item), "password",
                "shared secret"), token).json().path("id").asString();
        Users.verify(server(), email);
        server().http().post("/api/v1/shares/" + share + "/recipients", Map.of("emails", List.of("friend@example.test")),
                token);
        String other = Users.newEmail();
        String otherToken = Users.signedIn(server(), other);
        Users.verify(server(), other);
        server().http().post("/api/v1/shares/" + share + "/members", Map.of("email", other), token);
        server().http().send("PUT", "/api/v1/me/sharing-settings", Map.of("notifyContributions", true), token);
        server().http().post("/api/v1/invitations", Map.of("email", Users.newEmail()), token);
        server().http().send("PUT", "/api/v1/me/username", Map.of("username", "u" + Long.toString(System.nanoTime(), 36)),
                token);
        server().http().send("PUT", "/api/v1/backups/snapshots/0123456789abcdef", Map.of("deviceId", device,
                "snapshot", Map.of("id", "0123456789abcdef", "time", "2026-11-29T10:00:00Z", "host", "laptop",
                        "source", "/home", "entries", List.of(Map.of("path", "a.txt", "type", "file",
                                "chunks", manifest.chunks().stream().map(c -> c.sha256()).toList())))), token);
        // A file of an encrypted backup repository: the server holds its name and size, not what it says.
        server().http().send("PUT", "/api/v1/backups/repositories/default/keys/0123456789abcdef",
                "{\"sealed\": true}", token);

        // Rows others made that concern the person. Someone invites an address; the person moves
        // to it, so the invitation is addressed to them.
        String moved = Users.newEmail();
        server().http().post("/api/v1/invitations", Map.of("email", moved), otherToken);
        server().http().patch("/api/v1/me", Map.of("email", moved, "currentPassword", Users.PASSWORD), token);
        String confirm = server().mailbox.latestLink(moved, "/email-change/confirm?token=");
        assertThat(server().http().post("/api/v1/email-changes/confirm",
                Map.of("token", confirm.substring(confirm.indexOf("token=") + 6)), null).status()).isEqualTo(200);
        // A share the other person made, with the person as a member and sent to their address.
        String otherItem = dev.arca.support.Content.upload(server(), otherToken, "theirs.bin",
                dev.arca.support.Content.random(500, System.nanoTime())).path("id").asString();
        String otherShare = server().http().post("/api/v1/shares", Map.of("itemIds", List.of(otherItem), "title",
                "Their trip"), otherToken).json().path("id").asString();
        assertThat(server().http().post("/api/v1/shares/" + otherShare + "/members", Map.of("email", moved),
                otherToken).status()).isEqualTo(202);
        assertThat(server().http().post("/api/v1/shares/" + otherShare + "/recipients",
                Map.of("emails", List.of(moved.toUpperCase(java.util.Locale.ROOT))), otherToken).status()).isEqualTo(201);
        // Mail a relay refused, to the address and to one the person is moving to.
        String moving = Users.newEmail();
        server().http().patch("/api/v1/me", Map.of("email", moving, "currentPassword", Users.PASSWORD), token);
        FailingRelay.send(server(), moved, "Waiting " + System.nanoTime());
        FailingRelay.send(server(), moving, "Waiting for the new address " + System.nanoTime());
        return new Subject(token, accountId, moved, List.of(email, moved, moving), serial, otherToken, otherShare);
    }

    /** The rows holding one of the subject's values in any column, whatever the data map says. */
    private List<Map<String, Object>> rowsNaming(DataTable table, List<String> values) {
        String any = table.columns().stream().map(c -> "LOWER(CAST(" + c.name() + " AS TEXT)) IN ("
                + "?, ".repeat(values.size() - 1) + "?)").collect(java.util.stream.Collectors.joining(" OR "));
        List<Object> params = new java.util.ArrayList<>();
        table.columns().forEach(c -> params.addAll(values));
        return server().jdbc().sql("SELECT * FROM " + table.table() + " WHERE " + any).params(params)
                .query(new org.springframework.jdbc.core.ColumnMapRowMapper()).list();
    }

    private List<Map<String, Object>> rowsFound(DataTable table, String accountId) {
        DataTable.Selection mine = server().bean(DataMap.class).rowsOf(table, accountId);
        return server().jdbc().sql("SELECT * FROM " + table.table() + " WHERE " + mine.where()).params(mine.params())
                .query(new org.springframework.jdbc.core.ColumnMapRowMapper()).list();
    }

    /** A value as the export writes it (times as ISO-8601), as text, so both databases compare alike. */
    private static String exported(String column, Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Number n && column.endsWith("_at")) {
            return java.time.Instant.ofEpochMilli(n.longValue()).toString();
        }
        if (value instanceof Number n) {
            return new java.math.BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }

    private static String exported(String column, JsonNode value) {
        if (value == null || value.isNull()) {
            return "null";
        }
        return value.isNumber() ? exported(column, value.numberValue()) : value.asString();
    }

    /** A row's personal values, keyed by column. */
    private static Map<String, String> personalValues(DataTable table, Map<String, Object> row) {
        Map<String, Object> lower = new HashMap<>();
        row.forEach((k, v) -> lower.put(k.toLowerCase(java.util.Locale.ROOT), v));
        Map<String, String> values = new java.util.TreeMap<>();
        table.columns().stream().filter(c -> c.classification() == Classification.PERSONAL)
                .forEach(c -> values.put(c.name(), exported(c.name(), lower.get(c.name()))));
        return values;
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    @Test
    @DisplayName("I.2i the export holds every classified personal field of the subject and no secret")
    void exportContainsEveryClassifiedField() throws IOException {
        Subject subject = populated();

        Http.Response export = server().http().get("/api/v1/me/export", subject.token());

        assertThat(export.status()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type")).hasValue("application/zip");
        Map<String, byte[]> files = unzip(export.bytes());
        DataMap map = server().bean(DataMap.class);
        for (DataTable table : map.subjectTables()) {
            byte[] json = files.get("data/" + table.table() + ".json");
            assertThat(json).as(table.table()).isNotNull();
            JsonNode rows = Http.JSON.readTree(json);
            int held = rowsFound(table, subject.accountId()).size();
            assertThat(rows).as(table.table()).hasSize(held);
            assertThat(held).as("the fixture fills " + table.table()).isPositive();
            for (DataTable.Column column : table.columns()) {
                boolean present = rows.get(0).has(column.name());
                assertThat(present).as(table.table() + "." + column.name())
                        .isEqualTo(column.classification() == Classification.PERSONAL);
            }
        }
        String everything = files.values().stream().map(b -> new String(b, StandardCharsets.UTF_8))
                .reduce("", String::concat);
        assertThat(everything).contains(subject.email()).contains(subject.serial()).doesNotContain("$argon2id$");
        List<String> tokenHashes = server().jdbc().sql("SELECT token_hash FROM api_tokens WHERE account_id = ?")
                .param(subject.accountId()).query(String.class).list();
        tokenHashes.forEach(hash -> assertThat(everything).doesNotContain(hash));
        assertThat(files).containsKey("data-map.json");
    }

    @Test
    @DisplayName("I.2i every row that holds the subject's id or address, in any table, is in the export with every personal value")
    void exportMatchesTheDatabase() throws IOException {
        Subject subject = populated();
        List<String> values = new java.util.ArrayList<>(subject.addresses());
        values.add(subject.accountId());
        values.replaceAll(v -> v.toLowerCase(java.util.Locale.ROOT));

        Map<String, byte[]> files = unzip(server().http().get("/api/v1/me/export", subject.token()).bytes());

        // Every table is checked and every miss reported at once.
        org.assertj.core.api.SoftAssertions softly = new org.assertj.core.api.SoftAssertions();
        for (DataTable table : server().bean(DataMap.class).tables()) {
            List<Map<String, Object>> naming = rowsNaming(table, values);
            if (!table.holdsSubjects()) {
                softly.assertThat(naming).as(table.table() + " holds the subject's values, but the data map finds no "
                        + "rows of a subject there").isEmpty();
                continue;
            }
            List<Map<String, String>> found = rowsFound(table, subject.accountId()).stream()
                    .map(row -> personalValues(table, row)).toList();
            softly.assertThat(found).as(table.table() + ": rows holding the subject's values that its finders miss")
                    .containsAll(naming.stream().map(row -> personalValues(table, row)).toList());
            List<Map<String, String>> inExport = new java.util.ArrayList<>();
            for (JsonNode row : Http.JSON.readTree(files.get("data/" + table.table() + ".json"))) {
                Map<String, String> exportedRow = new java.util.TreeMap<>();
                row.properties().forEach(e -> exportedRow.put(e.getKey(), exported(e.getKey(), e.getValue())));
                inExport.add(exportedRow);
            }
            softly.assertThat(inExport).as(table.table() + ": the export, against the rows found")
                    .containsExactlyInAnyOrderElementsOf(found);
        }
        softly.assertAll();

        // Both sides of a share membership, mail to either address, the invitation to it.
        JsonNode members = Http.JSON.readTree(files.get("data/share_members.json"));
        assertThat(members.findValuesAsString("member_id")).contains(subject.accountId());
        assertThat(members.findValuesAsString("share_id")).contains(subject.otherShare());
        assertThat(members.findValuesAsString("account_id")).contains(subject.accountId());
        assertThat(Http.JSON.readTree(files.get("data/share_recipients.json")).findValuesAsString("email"))
                .contains(subject.email().toUpperCase(java.util.Locale.ROOT));
        assertThat(Http.JSON.readTree(files.get("data/mail_queue.json")).findValuesAsString("to_address"))
                .contains(subject.email(), subject.addresses().get(2));
        assertThat(Http.JSON.readTree(files.get("data/invitations.json")).findValuesAsString("email"))
                .contains(subject.email());
    }

    @Test
    @DisplayName("I.2i the export holds the exact text of every consent notice the subject answered")
    void exportHoldsTheNoticesAnswered() throws IOException {
        String email = Users.newEmail();
        String token = Users.signedIn(server(), email, "PRODUCT_IMPROVEMENT");
        String accountId = Users.accountId(server(), email);
        String reworded = "Send anonymous usage statistics, reworded " + System.nanoTime() + ".";
        int version = dev.arca.support.Policies.publishNotice(server(), "A reworded notice.", Purpose.PRODUCT_IMPROVEMENT,
                reworded).version();
        server().http().post("/api/v1/me/consents", Map.of("purpose", "PRODUCT_IMPROVEMENT", "decision", "WITHDRAW"), token);

        Map<String, byte[]> files = unzip(server().http().get("/api/v1/me/export", token).bytes());

        JsonNode notices = Http.JSON.readTree(files.get("consents/notices.json"));
        List<Map<String, Object>> answered = server().jdbc().sql("SELECT DISTINCT policy_version, purpose, "
                        + "notice_sha256 FROM consent_events WHERE subject_id = ?").param(accountId)
                .query(new org.springframework.jdbc.core.ColumnMapRowMapper()).list();
        assertThat(notices).as("one notice per version and purpose answered").hasSize(answered.size());
        for (Map<String, Object> event : answered) {
            JsonNode notice = java.util.stream.StreamSupport.stream(notices.spliterator(), false)
                    .filter(n -> n.path("policy_version").asInt() == ((Number) event.get("policy_version")).intValue()
                            && n.path("purpose").asString().equals(event.get("purpose")))
                    .findFirst().orElseThrow(() -> new AssertionError("no notice for " + event));
            assertThat(dev.arca.platform.Secrets.sha256Hex(notice.path("notice_text").asString()))
                    .as("the text whose hash the event holds").isEqualTo(event.get("notice_sha256"));
        }
        assertThat(notices.findValuesAsString("notice_text")).contains(reworded);
        assertThat(notices.findValues("policy_version").stream().map(JsonNode::asInt)).contains(version);
    }

    @Test
    @DisplayName("I.2i erasure leaves no classified value of the subject in any table, and others' shares to them stand")
    void erasureLeavesNoClassifiedValue() {
        Subject subject = populated();
        String token = subject.token();
        String bystander = Users.newEmail();
        Users.register(server(), bystander);

        assertThat(server().http().delete("/api/v1/me", Map.of("password", "wrong password"), token).status()).isEqualTo(403);
        assertThat(server().http().get("/api/v1/me", token).status()).as("nothing erased").isEqualTo(200);

        assertThat(server().http().delete("/api/v1/me", Map.of("password", Users.PASSWORD), token).status()).isEqualTo(204);

        List<String> values = new java.util.ArrayList<>(subject.addresses());
        values.add(subject.accountId());
        values.add(subject.serial());
        values.replaceAll(v -> v.toLowerCase(java.util.Locale.ROOT));
        for (DataTable table : server().bean(DataMap.class).tables()) {
            assertThat(rowsNaming(table, values)).as(table.table()).isEmpty();
        }
        assertThat(server().http().get("/api/v1/me", token).status()).isEqualTo(401);
        assertThat(Users.accountId(server(), bystander)).as("others are untouched").isNotBlank();
        assertThat(server().http().get("/api/v1/shares", subject.otherToken()).text())
                .as("the share another person made with them stays theirs").contains(subject.otherShare());
    }
}
