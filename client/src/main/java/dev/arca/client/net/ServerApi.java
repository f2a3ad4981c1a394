package dev.arca.client.net;

import dev.arca.client.progress.Meter;
import dev.arca.client.state.Credentials;
import dev.arca.protocol.api.ProtocolVersion;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The signed-in server, as the sync, transfer and backup commands speak to it: bearer token,
 * protocol version, JSON in and out, and every answer other than a success (2xx) turned into a
 * {@link Refused} with the server's own explanation. Counts the bytes of content it sends and
 * receives, so commands can report them.
 */
public final class ServerApi implements AutoCloseable {

    /** The server answered, but not with a success. */
    public static final class Refused extends IOException {
        private final int status;
        private final JsonNode problem;

        Refused(int status, JsonNode problem, String what) {
            super(what + " was refused (HTTP " + status + "): " + problem.path("detail").asString("no detail"));
            this.status = status;
            this.problem = problem;
        }

        public int status() {
            return status;
        }

        /** The problem type, such as {@code urn:arca:problem:sync-conflict}, or "" when there is none. */
        public String type() {
            return problem.path("type").asString("");
        }

        public JsonNode problem() {
            return problem;
        }
    }

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final Credentials credentials;
    private final String userAgent;
    private final HttpClient http;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong wireSent = new AtomicLong();
    private final AtomicLong wireReceived = new AtomicLong();

    private volatile Meter meter = Meter.NONE;

    /** Counts the content this connection sends and receives on {@code meter} too. */
    public void observe(Meter meter) {
        this.meter = meter;
    }

    public ServerApi(Credentials credentials, String userAgent) {
        this.credentials = credentials;
        this.userAgent = userAgent;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    public JsonNode get(String path) throws IOException {
        return json(send(request(path).GET(), "GET " + path));
    }

    /** A GET that may wait on the server (long poll) for up to {@code wait} before it answers. */
    public JsonNode get(String path, Duration wait) throws IOException {
        return json(send(request(path).timeout(wait.plusSeconds(30)).GET(), "GET " + path));
    }

    public byte[] bytes(String path) throws IOException {
        byte[] body = send(request(path).GET(), "GET " + path);
        received.addAndGet(body.length);
        meter.addBytes(body.length);
        return body;
    }

    public String text(String path) throws IOException {
        return new String(send(request(path).GET(), "GET " + path), StandardCharsets.UTF_8);
    }

    public JsonNode post(String path, Object body) throws IOException {
        return json(send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))), "POST " + path));
    }

    public JsonNode put(String path, Object body) throws IOException {
        return json(send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))), "PUT " + path));
    }

    private static JsonNode json(byte[] body) {
        return body.length == 0 ? JSON.missingNode() : JSON.readTree(body);
    }

    /**
     * Posts a body of the given type (a chunk pack), made of {@code parts} in order and sent from
     * the arrays themselves, that carries {@code contentBytes} bytes of content.
     */
    public void postBytes(String path, String contentType, List<byte[]> parts, long contentBytes) throws IOException {
        send(request(path).header("Content-Type", contentType).POST(new ArrayBody(parts)), "POST " + path);
        sent.addAndGet(contentBytes);
        meter.addBytes(contentBytes);
    }

    /** Sends content; {@code bytes} must not change until this returns. */
    public void putBytes(String path, byte[] bytes) throws IOException {
        send(request(path).header("Content-Type", "application/octet-stream").PUT(new ArrayBody(List.of(bytes))),
                "PUT " + path);
        sent.addAndGet(bytes.length);
        meter.addBytes(bytes.length);
    }

    public void delete(String path) throws IOException {
        send(request(path).DELETE(), "DELETE " + path);
    }

    /** Bytes of every request and response body so far: what crossed the network, headers aside. */
    public long wireSentBytes() {
        return wireSent.get();
    }

    public long wireReceivedBytes() {
        return wireReceived.get();
    }

    /** Bytes of content (chunks, deltas) sent and received so far. */
    public long sentBytes() {
        return sent.get();
    }

    public long receivedBytes() {
        return received.get();
    }

    public static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(credentials.server() + path))
                .timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + credentials.token())
                .header("User-Agent", userAgent)
                .header(ProtocolVersion.HEADER, Integer.toString(ProtocolVersion.CURRENT));
    }

    private byte[] send(HttpRequest.Builder request, String what) throws IOException {
        HttpResponse<byte[]> response;
        try {
            HttpRequest built = request.build();
            built.bodyPublisher().ifPresent(body -> wireSent.addAndGet(Math.max(0, body.contentLength())));
            response = http.send(built, HttpResponse.BodyHandlers.ofByteArray());
            wireReceived.addAndGet(response.body().length);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted: " + what);
        }
        if (response.statusCode() / 100 != 2) {
            JsonNode problem;
            try {
                problem = JSON.readTree(response.body());
            } catch (RuntimeException e) {
                problem = JSON.createObjectNode();
            }
            throw new Refused(response.statusCode(), problem, what);
        }
        return response.body();
    }

    @Override
    public void close() {
        http.close();
    }
}
