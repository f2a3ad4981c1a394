package dev.arca.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small real HTTP client for API tests: JSON in, status, headers and JSON or bytes out. */
public final class Http {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;

    Http(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public record Response(int status, HttpHeaders headers, byte[] bytes) {
        public JsonNode json() {
            return JSON.readTree(bytes);
        }

        public String text() {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return status + " " + text();
        }
    }

    public Response get(String path, String token) {
        return send("GET", path, null, token);
    }

    public Response post(String path, Object body, String token) {
        return send("POST", path, body, token);
    }

    public Response patch(String path, Object body, String token) {
        return send("PATCH", path, body, token);
    }

    public Response delete(String path, Object body, String token) {
        return send("DELETE", path, body, token);
    }

    public Response send(String method, String path, Object body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
            byte[] bytes = body instanceof String s ? s.getBytes(java.nio.charset.StandardCharsets.UTF_8)
                    : JSON.writeValueAsBytes(body);
            request.method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
