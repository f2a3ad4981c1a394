package dev.arca.client.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * This device's random id, created on first sign-in and kept in {@code device-id} in the
 * config directory, so signing in again is the same device to the server.
 */
public final class DeviceId {

    private DeviceId() {}

    public static String loadOrCreate(Path directory) throws IOException {
        Path file = directory.resolve("device-id");
        if (Files.exists(file)) {
            String id = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (id.matches("[0-9a-f-]{36}")) {
                return id;
            }
        }
        Files.createDirectories(directory);
        String id = UUID.randomUUID().toString();
        Files.writeString(file, id + "\n", StandardCharsets.UTF_8);
        return id;
    }
}
