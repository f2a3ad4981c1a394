package dev.arca.client.command;

import dev.arca.client.state.Credentials;
import dev.arca.client.state.DeviceId;
import dev.arca.protocol.api.ProblemTypes;
import dev.arca.protocol.api.ProtocolVersion;
import dev.arca.protocol.api.TokenRequest;
import dev.arca.protocol.api.TokenResponse;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code arca login SERVER}: signs this device in and keeps its bearer token in the config
 * directory. The password is read from the terminal, or from standard input with
 * {@code --password-stdin}; it is never accepted as an argument, where other users could see it.
 */
@Command(name = "login", description = "Sign this device in to an Arca server.")
final class LoginCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SERVER", description = "The server's address, e.g. https://arca.example:8443")
    URI server;

    @Option(names = "--email", description = "Your account's e-mail address (asked for when missing).")
    String email;

    @Option(names = "--device-name", description = "How this device is listed in your account (default: host name).")
    String deviceName;

    @Option(names = "--password-stdin", description = "Read the password from standard input.")
    boolean passwordStdin;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var err = spec.commandLine().getErr();
        var out = spec.commandLine().getOut();
        if (server.getScheme() == null || !server.getScheme().matches("https?") || server.getHost() == null) {
            err.println("SERVER must be an http:// or https:// address, e.g. https://arca.example:8443");
            return ExitCodes.USAGE;
        }
        Console console = System.console();
        if (email == null) {
            if (console == null) {
                err.println("No terminal to ask for the e-mail address: pass --email.");
                return ExitCodes.USAGE;
            }
            email = console.readLine("E-mail: ");
        }
        String password = readPassword(console);
        if (password == null) {
            err.println("No password given: type it at the prompt or pass --password-stdin.");
            return ExitCodes.USAGE;
        }
        String device = deviceName != null ? deviceName : RepositoryOption.hostName();
        JsonMapper json = JsonMapper.builder().build();
        String base = server.toString().replaceAll("/+$", "");
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/tokens"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("User-Agent", "arca/" + ArcaCommand.version())
                .header(ProtocolVersion.HEADER, Integer.toString(ProtocolVersion.CURRENT))
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(new TokenRequest(email, password, device))))
                .build();
        HttpResponse<String> response;
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            err.println("Cannot reach " + base + ": " + e.getMessage());
            return ExitCodes.UNREACHABLE;
        }
        if (response.statusCode() == 201) {
            TokenResponse token = json.readValue(response.body(), TokenResponse.class);
            try {
                new Credentials(base, token.id(), token.token(), token.deviceName()).save(Credentials.configDirectory());
            } catch (IOException e) {
                err.println("Signed in, but cannot save the token in " + Credentials.configDirectory() + ": " + e.getMessage());
                return ExitCodes.LOCAL;
            }
            out.println("Signed in to " + base + " as device \"" + token.deviceName() + "\".");
            registerDevice(base, token, json, err);
            return ExitCodes.OK;
        }
        String type = problemType(json, response.body());
        if (ProblemTypes.BAD_CREDENTIALS.equals(type)) {
            err.println("Wrong e-mail or password.");
            return ExitCodes.AUTH;
        }
        if (ProblemTypes.RATE_LIMITED.equals(type)) {
            err.println("Too many attempts; try again in "
                    + response.headers().firstValue("Retry-After").orElse("a few") + " seconds.");
            return ExitCodes.THROTTLED;
        }
        if (ProblemTypes.UNSUPPORTED_VERSION.equals(type)) {
            err.println("This server speaks another protocol version: " + detail(json, response.body()));
            return ExitCodes.UNREACHABLE;
        }
        err.println("The server refused the sign-in (HTTP " + response.statusCode() + "): " + detail(json, response.body()));
        return ExitCodes.UNREACHABLE;
    }

    /** Registers this device under its own id with the new token; a failure is reported, not fatal. */
    private void registerDevice(String base, TokenResponse token, JsonMapper json, java.io.PrintWriter err) {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            String deviceId = DeviceId.loadOrCreate(Credentials.configDirectory());
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/devices/" + deviceId))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token.token())
                    .header(ProtocolVersion.HEADER, Integer.toString(ProtocolVersion.CURRENT))
                    .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(
                            java.util.Map.of("name", token.deviceName(), "tokenId", token.id()))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                err.println("Signed in, but the device could not be registered: " + detail(json, response.body()));
            }
        } catch (IOException e) {
            err.println("Signed in, but the device could not be registered: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String readPassword(Console console) throws IOException {
        if (passwordStdin) {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return line == null || line.isEmpty() ? null : line;
        }
        if (console == null) {
            return null;
        }
        char[] typed = console.readPassword("Password: ");
        return typed == null ? null : new String(typed);
    }


    private static String problemType(JsonMapper json, String body) {
        try {
            JsonNode node = json.readTree(body);
            return node.path("type").asString("");
        } catch (RuntimeException e) {
            return "";
        }
    }

    static String detail(JsonMapper json, String body) {
        try {
            return json.readTree(body).path("detail").asString("(no detail)");
        } catch (RuntimeException e) {
            return "(no detail)";
        }
    }
}
