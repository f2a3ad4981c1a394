package dev.arca.platform;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.arca.support.Chunked;
import dev.arca.support.Content;
import dev.arca.support.Db;
import dev.arca.support.Http;
import dev.arca.support.TestServer;
import dev.arca.support.Users;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

@ExtendWith(OutputCaptureExtension.class)
class LogPrivacyTest {

    private static final Pattern UUID_SHAPE =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern HASH_SHAPE = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern ADDRESS_SHAPE = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[a-z]{2,}");
    private static final Pattern REQUEST_ID = Pattern.compile("\\[req=([a-z2-7]{12})\\]");
    private static final String FILE_NAME = "Lovelace-Tagebuch-Sommer.jpg";

    @Test
    @DisplayName("II.2d personal values never reach the log; the access log holds truncated addresses only")
    void logsHoldNoPersonalValues(CapturedOutput output) throws Exception {
        TestServer server = TestServer.on(Db.SQLITE);
        String email = Users.newEmail();
        String token = Users.signedIn(server, email);
        server.http().get("/s/secret-share-token-4711", null);
        server.http().get("/api/v1/public/shares/secret-share-token-4711", null);
        server.http().patch("/api/v1/tags/Ada%20Lovelace", java.util.Map.of("name", "x"), token);
        assertThat(server.http().post("/api/v1/tokens",
                java.util.Map.of("email", email, "password", "a wrong password"), null).status()).isEqualTo(401);

        try (HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build()) {
            String page = browser.send(HttpRequest.newBuilder(URI.create(server.baseUrl + "/login"))
                    .header("User-Agent", "Mozilla/5.0 Firefox/140.0").header("Accept-Language", "de-DE,de;q=0.9")
                    .header("Referer", "https://search.example/?q=" + email).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
            assertThat(csrf.find()).isTrue();
            String form = "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
                    + URLEncoder.encode(Users.PASSWORD, StandardCharsets.UTF_8) + "&_csrf=" + csrf.group(1);
            HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(server.baseUrl + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(login.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/library"));
        }

        String log = output.getAll();
        assertThat(log).contains("arca.access").contains("ip=127.0.0.0/24").contains("browser=Firefox")
                .contains("lang=de").contains("referrer=search.example");
        assertThat(log).contains("path=/s/{token} ").contains("path=/api/v1/tags/{name} ")
                .doesNotContain("secret-share-token-4711").doesNotContain("Lovelace");
        assertThat(log).doesNotContain(email).doesNotContain("127.0.0.1 ").doesNotContain("ip=127.0.0.1")
                .doesNotContain(Users.PASSWORD).doesNotContain("Ada Example");
        // The outbox's messages hold live verification links; the log only says a message was written.
        String link = server.mailbox.latestLink(email, "/verify?token=");
        assertThat(log).contains("written to the outbox").doesNotContain(link.substring(link.indexOf("token=") + 6));
    }

    @Test
    @DisplayName("II.2d a whole journey leaves no id, hash, address or file name in the log; the access log names routes")
    void aJourneyLeavesNothingThatLeadsToAPerson(CapturedOutput output) throws Exception {
        TestServer server = TestServer.on(Db.SQLITE);
        Http http = server.http();
        // What Arca's own statements say, before the redaction of written lines: the rule is kept at the source.
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> statements = new ListAppender<>();
        statements.start();
        root.addAppender(statements);
        List<String> values = new ArrayList<>(List.of(TestServer.ADMIN_EMAIL, FILE_NAME, "Lovelace", "Ada Example"));
        try {
            String ownerEmail = Users.newEmail();
            String owner = Users.signedIn(server, ownerEmail);
            Users.verify(server, ownerEmail);
            String memberEmail = Users.newEmail();
            String member = Users.signedIn(server, memberEmail);
            values.addAll(List.of(ownerEmail, memberEmail, owner, member));

            String item = Content.upload(server, owner, FILE_NAME, Content.resource("/media/photo.jpg")).path("id")
                    .asString();
            Content.awaitExtraction(server, ownerEmail);
            assertThat(http.get("/api/v1/items", owner).status()).isEqualTo(200);
            assertThat(http.get("/api/v1/items/" + item, owner).status()).isEqualTo(200);
            assertThat(Content.get(server, "/api/v1/items/" + item + "/content", owner, Map.of()).status()).isEqualTo(200);
            assertThat(Content.get(server, "/api/v1/items/" + item + "/thumbnail", owner, Map.of()).status())
                    .isEqualTo(200);

            String album = http.post("/api/v1/albums", Map.of("name", "Lovelace family"), owner).json().path("id")
                    .asString();
            http.post("/api/v1/albums/" + album + "/items", Map.of("itemIds", List.of(item)), owner);
            Http.Response created = http.post("/api/v1/shares", Map.of("albumId", album), owner);
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String share = created.json().path("id").asString();
            String link = URI.create(created.json().path("url").asString()).getPath();
            assertThat(http.get(link, null).status()).isEqualTo(200);
            assertThat(http.get("/api/v1/public/shares/" + link.substring(3), null).status()).isEqualTo(200);
            assertThat(http.post("/api/v1/shares/" + share + "/members", Map.of("email", memberEmail), owner).status())
                    .isEqualTo(202);
            String membership = http.get("/api/v1/shares/" + share + "/members", owner).json().path("members").get(0)
                    .path("id").asString();
            assertThat(http.get("/api/v1/shared-with-me/" + share, member).status()).isEqualTo(200);
            assertThat(http.delete("/api/v1/shares/" + share + "/members/" + membership, null, owner).status())
                    .isEqualTo(204);

            String device = UUID.randomUUID().toString();
            String tokenId = server.jdbc().sql("SELECT id FROM api_tokens WHERE token_hash = ?")
                    .param(Secrets.sha256Hex(owner)).query(String.class).single();
            assertThat(http.send("PUT", "/api/v1/devices/" + device, Map.of("name", "Lovelace laptop", "tokenId", tokenId),
                    owner).status()).isEqualTo(200);
            String chunk = Chunked.store(server, owner, Content.random(50_000, 1843)).chunks().get(0).sha256();
            assertThat(Content.get(server, "/api/v1/sync/chunks/" + chunk, owner, Map.of()).status()).isEqualTo(200);
            values.addAll(List.of(item, album, share, link.substring(3), membership, device, tokenId, chunk));

            // Answered before any controller: by the security filters, by the static files' catch-all,
            // and by the web server itself, which quotes the request line it could not parse.
            assertThat(http.get("/api/v1/items/" + item, null).status()).isEqualTo(401);
            assertThat(http.get("/api/v1/albums/" + album + "/" + ownerEmail, owner).status()).isEqualTo(404);
            assertThat(raw(server, "GET /api/v1/items/" + item + "/{" + chunk + "} HTTP/1.1\r\nHost: localhost\r\n"
                    + "Connection: close\r\n\r\n")).startsWith("HTTP/1.1 400");

            assertThat(http.delete("/api/v1/me", Map.of("password", Users.PASSWORD), member).status()).isEqualTo(204);
        } finally {
            root.detachAppender(statements);
        }

        String log = output.getAll();
        assertThat(log).contains("path=/api/v1/items/{id} ").contains("path=/api/v1/items/{id}/content ")
                .contains("path=/api/v1/albums/{id}/items ").contains("path=/s/{token} ")
                .contains("path=/api/v1/public/shares/{token} ")
                .contains("path=/api/v1/shares/{id}/members/{memberId} ").contains("path=/api/v1/devices/{id} ")
                .contains("path=/api/v1/sync/chunks/{hash} ")
                .as("refused by the security filters").contains("method=GET path=/api/v1/items/* status=401 ")
                .as("no route; the server's own words only").contains("method=GET path=/api/v1/albums/*/* status=404 ");
        assertNothingLeadsToAPerson("the log as written", log, values);
        String own = statements.list.stream()
                .filter(e -> e.getLoggerName().startsWith("dev.arca.") || e.getLoggerName().startsWith("arca."))
                .map(LogPrivacyTest::statement).collect(Collectors.joining("\n"));
        assertThat(own).contains("An account was registered");
        assertNothingLeadsToAPerson("Arca's own log statements", own, values);

        // The lines of one request share its correlation id.
        Set<String> registrations = log.lines().filter(l -> l.contains("method=POST path=/api/v1/accounts "))
                .map(LogPrivacyTest::requestId).collect(Collectors.toSet());
        assertThat(log.lines().filter(l -> l.contains("An account was registered")).map(LogPrivacyTest::requestId))
                .isNotEmpty().allSatisfy(id -> assertThat(registrations).contains(id));
    }

    @Test
    @DisplayName("II.2d unmatched paths keep only the server's words; written lines lose ids and addresses, not Java names")
    void fallbacksAndRedactionKeepWhatNamesNoOne() {
        Set<String> words = Set.of("api", "v1", "tags", "merge", "css", "arca.css");
        assertThat(AccessLogFilter.ownWordsOnly("/api/v1/tags/Ada%20Lovelace", words)).isEqualTo("/api/v1/tags/*");
        assertThat(AccessLogFilter.ownWordsOnly("/api/v1/tags/merge", words)).isEqualTo("/api/v1/tags/merge");
        assertThat(AccessLogFilter.ownWordsOnly("/css/arca.css;jsessionid=ABC123", words)).isEqualTo("/css/*");
        assertThat(AccessLogFilter.ownWordsOnly("/", words)).isEqualTo("/");
        assertThat(AccessLogFilter.ownWordsOnly("//api/x/", words)).isEqualTo("//api/*/");
        assertThat(AccessLogFilter.newRequestId()).matches("[a-z2-7]{12}");

        String id = UUID.randomUUID().toString();
        String hash = Secrets.sha256Hex("chunk");
        String token = "arca_q3Vx9LmT0bWc7RkP2sYh4NdJ8fGz1aEo6uIt5yKr_wA";
        assertThat(LogRedaction.redact("item " + id + " chunk /blobs/ab/" + hash + ".blob token=" + token))
                .isEqualTo("item [id] chunk /blobs/ab/[id].blob token=[id]");
        assertThat(LogRedaction.redact("rejected <ada.lovelace+arca@example.org>: no such user"))
                .isEqualTo("rejected <[e-mail]>: no such user");
        String java = "at org.springframework.security.web.authentication.AbstractAuthenticationProcessingFilter"
                + ".doFilter(AbstractAuthenticationProcessingFilter.java:227) org.sqlite.jdbc4.JDBC4Connection@41ec4271";
        assertThat(LogRedaction.redact(java)).isSameAs(java);
    }

    private static void assertNothingLeadsToAPerson(String what, String log, List<String> values) {
        assertThat(UUID_SHAPE.matcher(log).results().map(MatchResult::group)).as(what + ": UUIDs").isEmpty();
        assertThat(HASH_SHAPE.matcher(log).results().map(MatchResult::group)).as(what + ": hashes").isEmpty();
        assertThat(ADDRESS_SHAPE.matcher(log).results().map(MatchResult::group)).as(what + ": addresses").isEmpty();
        for (String value : values) {
            assertThat(log).as(what).doesNotContain(value);
        }
    }

    /** A statement as its code made it: the message, and the message of each exception it carries. */
    private static String statement(ILoggingEvent event) {
        StringBuilder text = new StringBuilder(event.getFormattedMessage());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            text.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
        }
        return text.toString();
    }

    private static String requestId(String line) {
        Matcher id = REQUEST_ID.matcher(line);
        assertThat(id.find()).as(line).isTrue();
        return id.group(1);
    }

    private static String raw(TestServer server, String request) throws Exception {
        URI base = URI.create(server.baseUrl);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
