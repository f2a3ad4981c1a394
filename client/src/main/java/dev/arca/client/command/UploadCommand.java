package dev.arca.client.command;

import dev.arca.client.state.Credentials;
import dev.arca.protocol.api.ProtocolVersion;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code arca upload FILE...}: uploads files to the signed-in library with the server's
 * resumable uploads (tus 1.0). Each piece is sent with its SHA-256; a broken connection or a
 * refused piece is resumed from the offset the server reports, a few times, before giving up.
 */
@Command(name = "upload", mixinStandardHelpOptions = true,
        description = "Upload files to your Arca library (resumable; sign in first with arca login).")
final class UploadCommand implements Callable<Integer> {

    private static final int PIECE = 8 * 1024 * 1024;
    private static final int ATTEMPTS = 5;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "The files to upload.")
    List<Path> files;

    @Option(names = "--json", description = "Print a JSON array of {file, itemId}.")
    boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final JsonMapper mapper = JsonMapper.builder().build();

    /** The server refused an upload for good; the message says why. */
    private static final class Refused extends Exception {
        final int exitCode;

        Refused(String message, int exitCode) {
            super(message);
            this.exitCode = exitCode;
        }
    }

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        Optional<Credentials> credentials = Credentials.load(Credentials.configDirectory());
        if (credentials.isEmpty()) {
            err.println("Not signed in: run arca login SERVER first.");
            return ExitCodes.AUTH;
        }
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                err.println(file + " is not a file.");
                return ExitCodes.LOCAL;
            }
        }
        List<Map<String, String>> done = new ArrayList<>();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            for (Path file : files) {
                String itemId = upload(http, credentials.get(), file);
                Map<String, String> entry = new LinkedHashMap<>();
                entry.put("file", file.toString());
                entry.put("itemId", itemId);
                done.add(entry);
                if (!json) {
                    out.println("uploaded " + file + " as item " + itemId);
                }
            }
        } catch (Refused e) {
            err.println(e.getMessage());
            return e.exitCode;
        } catch (IOException e) {
            err.println("Upload failed: " + e.getMessage());
            return ExitCodes.UNREACHABLE;
        }
        if (json) {
            out.println(mapper.writeValueAsString(done));
        }
        return ExitCodes.OK;
    }

    private String upload(HttpClient http, Credentials credentials, Path file) throws IOException, Refused,
            InterruptedException {
        long length = Files.size(file);
        String name = file.getFileName().toString();
        HttpResponse<String> created = http.send(request(credentials, "/api/v1/uploads")
                .header("Upload-Length", Long.toString(length))
                .header("Upload-Metadata", "filename " + Base64.getEncoder().encodeToString(name.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        refuseUnless(created, 201, file);
        String location = created.headers().firstValue("Location").orElseThrow(() -> new IOException("no upload address"));
        long offset = 0;
        int failures = 0;
        while (true) {
            try (InputStream in = Files.newInputStream(file)) {
                in.skipNBytes(offset);
                byte[] piece = in.readNBytes((int) Math.min(PIECE, length - offset));
                HttpResponse<String> patched = http.send(request(credentials, location)
                        .header("Content-Type", "application/offset+octet-stream")
                        .header("Upload-Offset", Long.toString(offset))
                        .header("Upload-Checksum", "sha256 " + Base64.getEncoder().encodeToString(sha256(piece)))
                        .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(piece)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (patched.statusCode() == 204) {
                    offset = Long.parseLong(patched.headers().firstValue("Upload-Offset").orElse("-1"));
                    Optional<String> item = patched.headers().firstValue("Arca-Item-Id");
                    if (item.isPresent()) {
                        return item.get();
                    }
                    failures = 0;
                    continue;
                }
                if (patched.statusCode() != 409 && patched.statusCode() != 460 && patched.statusCode() < 500) {
                    refuseUnless(patched, 204, file);
                }
            } catch (IOException broken) {
                // the connection broke: ask where the server stands and go on from there
            }
            if (++failures >= ATTEMPTS) {
                throw new IOException("the upload of " + file + " failed " + ATTEMPTS + " times in a row");
            }
            Thread.sleep(200L << failures);
            offset = serverOffset(http, credentials, location);
        }
    }

    private long serverOffset(HttpClient http, Credentials credentials, String location) throws IOException,
            InterruptedException {
        HttpResponse<Void> head = http.send(request(credentials, location).method("HEAD",
                HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        return Long.parseLong(head.headers().firstValue("Upload-Offset").orElseThrow(
                () -> new IOException("the server lost the upload")));
    }

    private HttpRequest.Builder request(Credentials credentials, String path) {
        return HttpRequest.newBuilder(URI.create(credentials.server() + path))
                .timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + credentials.token())
                .header("Tus-Resumable", "1.0.0")
                .header("User-Agent", "arca/" + ArcaCommand.version())
                .header(ProtocolVersion.HEADER, Integer.toString(ProtocolVersion.CURRENT));
    }

    private void refuseUnless(HttpResponse<String> response, int expected, Path file) throws Refused {
        if (response.statusCode() == expected) {
            return;
        }
        String detail = LoginCommand.detail(mapper, response.body());
        if (response.statusCode() == 401) {
            throw new Refused("The server no longer accepts this device's sign-in: run arca login again.", ExitCodes.AUTH);
        }
        throw new Refused("The server refused " + file + " (HTTP " + response.statusCode() + "): " + detail,
                ExitCodes.REFUSED);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
