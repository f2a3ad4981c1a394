package dev.arca.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Registers users through the API, as a client would. */
public final class Users {

    public static final String PASSWORD = "correct horse battery";

    private Users() {}

    /** A fresh unique address on the test domain. */
    public static String newEmail() {
        return "user-" + UUID.randomUUID().toString().substring(0, 12) + "@example.test";
    }

    public static Map<String, Object> registration(String email, String... consents) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Ada Example");
        body.put("email", email);
        body.put("password", PASSWORD);
        body.put("country", "DE");
        body.put("language", "de");
        body.put("acceptTerms", true);
        body.put("consents", List.of(consents));
        return body;
    }

    /**
     * The choice cookie the banner sets for {@code choice} ({@code p0a1}: preferences refused,
     * analytics accepted) under the current policy version, for a visitor id of the test's own.
     */
    public static String cookieValue(TestServer server, String choice) {
        int version = server.http().get("/api/v1/policy", null).json().path("version").asInt();
        return choice + ".v" + version + ".test-visitor-" + Long.toHexString(System.nanoTime());
    }

    /** A consent decision as a client sends it: a grant names the policy version and notice in force. */
    public static Map<String, Object> decision(TestServer server, String purpose, String decision) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("purpose", purpose, "decision", decision));
        if (decision.equals("GRANT")) {
            var policy = server.http().get("/api/v1/policy", null).json();
            body.put("policyVersion", policy.path("version").asInt());
            for (var p : policy.path("purposes")) {
                if (p.path("id").asString().equals(purpose)) {
                    body.put("noticeSha256", p.path("noticeSha256").asString());
                }
            }
        }
        return body;
    }

    public static void register(TestServer server, String email, String... consents) {
        Map<String, Object> body = registration(email, consents);
        // The version whose page the person saw, as the sign-up form sends it.
        body.put("policyVersion", server.http().get("/api/v1/policy", null).json().path("version").asInt());
        Http.Response response = server.http().post("/api/v1/accounts", body, null);
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
    }

    public static String token(TestServer server, String email, String password) {
        Http.Response response = server.http().post("/api/v1/tokens",
                Map.of("email", email, "password", password, "deviceName", "test device"), null);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().path("token").asString();
    }

    /** Registers and signs in; returns the bearer token. */
    public static String signedIn(TestServer server, String email, String... consents) {
        register(server, email, consents);
        return token(server, email, PASSWORD);
    }

    /** Verifies the address with the link in the latest mail to it, as its owner would. */
    public static void verify(TestServer server, String email) {
        String link = server.mailbox.latestLink(email, "/verify?token=");
        server.http().post("/api/v1/email-verifications", Map.of("token", link.substring(link.indexOf("token=") + 6)),
                null);
    }

    public static String accountId(TestServer server, String email) {
        return server.jdbc().sql("SELECT id FROM accounts WHERE email = ?").param(email).query(String.class).single();
    }

    /**
     * Signs in through the login form, as a browser does; the client keeps the session cookie.
     * {@code cookieChoice} (such as {@code p0a1}) is set as the cookie banner would, or null.
     */
    public static java.net.http.HttpClient webSession(TestServer server, String email, String password, String cookieChoice)
            throws Exception {
        java.net.CookieManager jar = new java.net.CookieManager();
        java.net.http.HttpClient browser = java.net.http.HttpClient.newBuilder().cookieHandler(jar)
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();
        if (cookieChoice != null) {
            java.net.HttpCookie cookie = new java.net.HttpCookie("arca_cookies", cookieValue(server, cookieChoice));
            cookie.setPath("/");
            cookie.setVersion(0);
            jar.getCookieStore().add(java.net.URI.create(server.baseUrl), cookie);
        }
        String page = browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUrl + "/login"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(csrf.find()).isTrue();
        String form = "email=" + java.net.URLEncoder.encode(email, java.nio.charset.StandardCharsets.UTF_8)
                + "&password=" + java.net.URLEncoder.encode(password, java.nio.charset.StandardCharsets.UTF_8)
                + "&_csrf=" + java.net.URLEncoder.encode(csrf.group(1), java.nio.charset.StandardCharsets.UTF_8);
        var login = browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUrl + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/library"));
        return browser;
    }
}
