package dev.arca.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.support.Db;
import dev.arca.support.Http;
import dev.arca.support.TestServer;
import dev.arca.support.Users;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SecurityTest {

    private final TestServer server = TestServer.on(Db.SQLITE);

    @Test
    @DisplayName("I.5 pages carry CSP, nosniff and frame denial; the session cookie is HttpOnly and SameSite=Lax")
    void securityHeadersAndCookieAttributes() {
        Http.Response page = server.http().get("/signup", null);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'self'").contains("frame-ancestors 'none'"));
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        List<String> cookies = page.headers().allValues("Set-Cookie");
        assertThat(cookies).hasSize(1);
        assertThat(cookies.get(0)).startsWith("arca_session=").contains("HttpOnly").contains("SameSite=Lax")
                .doesNotContain("Secure");
        assertThat(page.headers().firstValue("Strict-Transport-Security")).as("no HSTS over plain HTTP").isEmpty();
    }

    @Test
    @DisplayName("I.5 the API needs a bearer token and admin endpoints need the admin role")
    void apiNeedsTokenAndRoles() {
        Http.Response anonymous = server.http().get("/api/v1/me", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().path("type").asString()).isEqualTo("urn:arca:problem:unauthenticated");
        assertThat(server.http().get("/api/v1/me", "arca_forged-token").status()).isEqualTo(401);
        String user = Users.signedIn(server, Users.newEmail());
        assertThat(server.http().get("/api/v1/admin/corrections", user).status()).isEqualTo(403);
        assertThat(server.http().get("/api/v1/me", user).headers().allValues("Set-Cookie")).as("API sets no cookie").isEmpty();
    }

    @Test
    @DisplayName("I.5 health answers anonymous callers without details")
    void healthHasNoDetailsForAnonymousCallers() {
        Http.Response health = server.http().get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asString()).isEqualTo("UP");
        assertThat(health.json().has("components")).isFalse();
        assertThat(server.http().get("/actuator/env", null).status()).isNotEqualTo(200);
    }

    @Test
    @DisplayName("I.5 a web form without its CSRF token is refused")
    void formsNeedCsrfToken() {
        Http.Response response = server.http().send("POST", "/cookies", null, null);
        assertThat(response.status()).isEqualTo(403);
    }

    @Test
    @DisplayName("a client speaking another protocol version gets a clear problem")
    void unsupportedProtocolVersionIsRefused() throws Exception {
        try (var client = java.net.http.HttpClient.newHttpClient()) {
            var response = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUrl + "/api/v1/policy"))
                    .header("Arca-Protocol", "99").build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).contains("urn:arca:problem:unsupported-protocol-version").contains("Upgrade the server");
            var current = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUrl + "/api/v1/policy"))
                    .header("Arca-Protocol", "1").build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(current.statusCode()).isEqualTo(200);
        }
    }
}
