package dev.arca.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.support.Db;
import dev.arca.support.TestServer;
import dev.arca.support.Users;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Pages speak the account's language, else the browser's, else English. */
class LanguageTest {

    private static String page(HttpClient client, TestServer server, String path, String acceptLanguage) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl + path));
        if (acceptLanguage != null) {
            request.header("Accept-Language", acceptLanguage);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    @DisplayName("the browser's language decides for visitors; unknown languages and malformed headers get English")
    void visitorsGetTheirBrowsersLanguage() throws Exception {
        TestServer server = TestServer.on(Db.SQLITE);
        HttpClient client = HttpClient.newHttpClient();
        assertThat(page(client, server, "/", "de-DE,de;q=0.9,en;q=0.5")).contains("<html lang=\"de\">")
                .contains("Konto anlegen").doesNotContain("Create account");
        assertThat(page(client, server, "/", "fr-FR,de;q=0.4")).contains("<html lang=\"de\">");
        assertThat(page(client, server, "/", "fr-FR")).contains("<html lang=\"en\">").contains("Create account");
        assertThat(page(client, server, "/", ";;;=q")).contains("<html lang=\"en\">");
        assertThat(page(client, server, "/", null)).contains("<html lang=\"en\">");
    }

    @Test
    @DisplayName("a signed-in account's language beats the browser's")
    void theAccountsLanguageWins() throws Exception {
        TestServer server = TestServer.on(Db.SQLITE);
        String email = Users.newEmail();
        Users.register(server, email);
        server.jdbc().sql("UPDATE accounts SET language = 'de' WHERE email = ?").param(email).update();
        HttpClient browser = Users.webSession(server, email, Users.PASSWORD, null);
        assertThat(page(browser, server, "/library", "en-US")).contains("<html lang=\"de\">").contains("Mediathek")
                .contains("Hochladen");
        server.jdbc().sql("UPDATE accounts SET language = 'en' WHERE email = ?").param(email).update();
        assertThat(page(browser, server, "/library", "de-DE")).contains("<html lang=\"en\">").contains("Library");
    }
}
