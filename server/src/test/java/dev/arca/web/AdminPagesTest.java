package dev.arca.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.support.Db;
import dev.arca.support.TestServer;
import dev.arca.support.Users;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The operator's pages: there for administrators, refused to everyone else. */
class AdminPagesTest {

    private static final List<String> PAGES = List.of("/admin", "/admin/users", "/admin/storage", "/admin/corrections",
            "/admin/mail", "/admin/newsletter", "/admin/analytics");

    private static HttpResponse<String> get(HttpClient client, TestServer server, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(server.baseUrl + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @DisplayName("I.5 administrators see users, storage, corrections, mail, newsletter and analytics; users and visitors do not")
    void onlyAdministrators() throws Exception {
        TestServer server = TestServer.on(Db.SQLITE);
        String email = Users.newEmail();
        Users.register(server, email);
        HttpClient admin = Users.webSession(server, TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD, null);
        HttpClient user = Users.webSession(server, email, Users.PASSWORD, null);
        for (String page : PAGES) {
            assertThat(get(admin, server, page).statusCode()).as(page).isEqualTo(200);
            assertThat(get(user, server, page).statusCode()).as(page).isEqualTo(403);
            assertThat(get(HttpClient.newHttpClient(), server, page).statusCode()).as(page).isIn(302, 401, 403);
        }
        String users = get(admin, server, "/admin/users").body();
        assertThat(users).doesNotContain(email)
                .contains("/api/v1/admin/accounts/" + Users.accountId(server, email) + "/quota");
        assertThat(get(admin, server, "/admin/users?reason=checking+the+page").body()).contains(email);
        assertThat(get(admin, server, "/admin/storage").body()).contains("id=\"locations\"");
    }
}
