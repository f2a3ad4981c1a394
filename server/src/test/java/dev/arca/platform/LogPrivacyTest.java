package dev.arca.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.support.Db;
import dev.arca.support.TestServer;
import dev.arca.support.Users;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class LogPrivacyTest {

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
}
