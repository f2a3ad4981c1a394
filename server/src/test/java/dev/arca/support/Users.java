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

    public static void register(TestServer server, String email, String... consents) {
        Http.Response response = server.http().post("/api/v1/accounts", registration(email, consents), null);
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

    public static String accountId(TestServer server, String email) {
        return server.jdbc().sql("SELECT id FROM accounts WHERE email = ?").param(email).query(String.class).single();
    }
}
