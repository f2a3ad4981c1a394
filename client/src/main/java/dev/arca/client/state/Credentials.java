package dev.arca.client.state;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;

/**
 * The server and bearer token this device signed in with, in {@code credentials.properties} in
 * the client's config directory, readable by the owner only.
 */
public record Credentials(String server, String tokenId, String token, String deviceName) {

    private static final String FILE = "credentials.properties";

    /**
     * {@code ARCA_CONFIG_DIR} (or the {@code arca.config.dir} system property), else
     * {@code $XDG_CONFIG_HOME/arca}, else {@code ~/.config/arca}.
     */
    public static Path configDirectory() {
        String explicit = System.getProperty("arca.config.dir", System.getenv("ARCA_CONFIG_DIR"));
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("arca");
    }

    /** Writes atomically: a crash leaves the old file or the new one, never half of one. */
    public void save(Path directory) throws IOException {
        Files.createDirectories(directory);
        Properties properties = new Properties();
        properties.setProperty("server", server);
        properties.setProperty("tokenId", tokenId);
        properties.setProperty("token", token);
        properties.setProperty("deviceName", deviceName);
        Path temp = Files.createTempFile(directory, ".credentials", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            properties.store(out, "arca client credentials; keep private");
        }
        Files.move(temp, directory.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public static Optional<Credentials> load(Path directory) throws IOException {
        Path file = directory.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return Optional.of(new Credentials(properties.getProperty("server"), properties.getProperty("tokenId"),
                properties.getProperty("token"), properties.getProperty("deviceName")));
    }

    @Override
    public String toString() {
        return "Credentials[server=" + server + ", deviceName=" + deviceName + "]";
    }
}
