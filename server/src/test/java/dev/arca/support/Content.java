package dev.arca.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.JsonNode;

/** Uploads and downloads content through the API, as the web app and simple clients do. */
public final class Content {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Content() {}

    /** A multipart/form-data body with one part per file, all in the field {@code file}. */
    public record Multipart(String boundary, byte[] body) {
        public String contentType() {
            return "multipart/form-data; boundary=" + boundary;
        }
    }

    public static Multipart multipart(Map<String, byte[]> files) {
        String boundary = "----arca-test-" + Long.toHexString(System.nanoTime());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                    + file.getKey().replace("\"", "%22") + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.writeBytes(file.getValue());
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return new Multipart(boundary, out.toByteArray());
    }

    /** Posts a multipart body to {@code path} and returns the response. */
    public static Http.Response post(TestServer server, String path, String token, Multipart multipart) {
        return send(server, "POST", path, token, multipart.contentType(), multipart.body(), Map.of());
    }

    public static Http.Response send(TestServer server, String method, String path, String token, String contentType,
            byte[] body, Map<String, String> headers) {
        return send(server.baseUrl, method, path, token, contentType, body, headers);
    }

    /** The same against any server, such as one started as a separate process. */
    public static Http.Response send(String baseUrl, String method, String path, String token, String contentType,
            byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Http.Response(response.statusCode(), response.headers(), response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Uploads one file and returns the created item. */
    public static JsonNode upload(TestServer server, String token, String filename, byte[] bytes) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(filename, bytes);
        Http.Response response = post(server, "/api/v1/items", token, multipart(files));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().path("items").get(0);
    }

    public static Http.Response get(TestServer server, String path, String token, Map<String, String> headers) {
        return send(server, "GET", path, token, null, null, headers);
    }

    /** Bytes no one has uploaded before, from a seed. */
    public static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits (up to a minute) until metadata extraction has finished for every item of the
     * account: it moves each photo to its capture date, so pages hold still only after it.
     */
    public static void awaitExtraction(TestServer server, String email) throws InterruptedException {
        String account = Users.accountId(server, email);
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (server.jdbc().sql("SELECT COUNT(*) FROM item_metadata WHERE account_id = ? AND state = 'pending'")
                .param(account).query(Integer.class).single() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    /** A test resource's bytes. */
    public static byte[] resource(String name) {
        try (var in = Content.class.getResourceAsStream(name)) {
            assertThat(in).as("test resource " + name).isNotNull();
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
