package dev.arca.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.support.Http;
import dev.arca.support.TestServer;
import dev.arca.support.Users;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Requests built to hurt the server: each gets a clear answer and changes nothing. */
class HostileRequestsTest {

    private final TestServer server = TestServer.on(dev.arca.support.Db.SQLITE);
    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    @DisplayName("I.5 an oversized JSON body is refused before it is read, with or without a length")
    void oversizedJsonIsRefused() throws Exception {
        byte[] huge = ("{\"email\":\"a@example.test\",\"password\":\"" + "x".repeat(2 << 20) + "\"}")
                .getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> declared = client.send(json("/api/v1/tokens", HttpRequest.BodyPublishers.ofByteArray(huge)),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> chunked = client.send(json("/api/v1/tokens",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge))),
                HttpResponse.BodyHandlers.ofString());

        for (HttpResponse<String> response : java.util.List.of(declared, chunked)) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(response.body()).contains("urn:arca:problem:too-large");
        }
        // A body of ordinary size still works there.
        assertThat(server.http().post("/api/v1/tokens", Map.of("email", "a@example.test", "password", "wrong"), null)
                .status()).isEqualTo(401);
    }

    @Test
    @DisplayName("I.5 one request cannot make more than a bounded number of items")
    void multipartPartsAreCapped() throws Exception {
        String token = Users.signedIn(server, Users.newEmail());
        StringBuilder body = new StringBuilder();
        for (int i = 0; i <= dev.arca.library.internal.MultipartStream.MAX_PARTS; i++) {
            body.append("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f").append(i)
                    .append(".bin\"\r\nContent-Type: application/octet-stream\r\n\r\n").append("content ").append(i)
                    .append("\r\n");
        }
        body.append("--b--\r\n");

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl + "/api/v1/items"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=b")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("more than " + dev.arca.library.internal.MultipartStream.MAX_PARTS + " parts");
        assertThat(server.http().get("/api/v1/items", token).json().path("items")).as("nothing was kept").isEmpty();
    }

    @Test
    @DisplayName("a field of the wrong type is an error, not converted")
    void wrongTypesAreRefused() {
        String token = Users.signedIn(server, Users.newEmail());

        Http.Response number = server.http().post("/api/v1/albums", "{\"name\":123}", token);
        Http.Response bool = server.http().post("/api/v1/albums", "{\"name\":true}", token);

        assertThat(number.status()).as(number.toString()).isEqualTo(400);
        assertThat(bool.status()).isEqualTo(400);
        assertThat(server.http().get("/api/v1/albums", token).text()).doesNotContain("\"123\"");
    }

    @Test
    @DisplayName("a page size outside its range is an error")
    void pageSizesAreBounded() {
        String token = Users.signedIn(server, Users.newEmail());
        assertThat(server.http().get("/api/v1/items?limit=-1", token).status()).isEqualTo(400);
        assertThat(server.http().get("/api/v1/items?limit=100000000", token).status()).isEqualTo(400);
        assertThat(server.http().get("/api/v1/items?limit=500", token).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("requests the web server itself refuses are answered with problem details")
    void serverRefusalsAreProblemDetails() throws Exception {
        String nul = raw("GET /api/v1/items/%00 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        String longHeader = raw("GET /api/v1/policy HTTP/1.1\r\nHost: localhost\r\nX-Long: " + "a".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");

        for (String response : new String[] {nul, longHeader}) {
            assertThat(response).startsWith("HTTP/1.1 400");
            assertThat(response).contains("application/problem+json").contains("\"status\":400")
                    .doesNotContain("<html");
        }
    }

    private HttpRequest json(String path, HttpRequest.BodyPublisher body) {
        return HttpRequest.newBuilder(URI.create(server.baseUrl + path)).header("Content-Type", "application/json")
                .POST(body).build();
    }

    private String raw(String request) throws Exception {
        URI base = URI.create(server.baseUrl);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = in.readAllBytes();
            return new String(Arrays.copyOf(answer, answer.length), StandardCharsets.UTF_8);
        }
    }
}
