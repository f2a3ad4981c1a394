package dev.arca.client.transfer;

import dev.arca.client.net.ChunkTransfer;
import dev.arca.client.net.ServerApi;
import dev.arca.protocol.chunk.FastCdc;
import dev.arca.protocol.manifest.FileManifest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Sending files to another of the user's devices through the server, and receiving what was sent
 * to this one. A received file is written beside a free name, checked against its hash, and only
 * then is the transfer ended, so a receive cut off half-way is simply done again.
 */
public final class Transfers {

    /** One file sent or received. */
    public record Done(String id, String file, String device, long size) {}

    private final ServerApi api;
    private final String deviceId;

    public Transfers(ServerApi api, String deviceId) {
        this.api = api;
        this.deviceId = deviceId;
    }

    /** The id of the user's device with this id or name (case-insensitive), when there is one. */
    public Optional<String> deviceNamed(String nameOrId) throws IOException {
        for (JsonNode device : api.get("/api/v1/devices").path("devices")) {
            if (device.path("id").asString().equals(nameOrId)
                    || device.path("name").asString().toLowerCase(Locale.ROOT).equals(nameOrId.toLowerCase(Locale.ROOT))) {
                return Optional.of(device.path("id").asString());
            }
        }
        return Optional.empty();
    }

    /** Sends a file; {@code fit} (pixels, or null) asks the server to fit images for a small screen. */
    public Done send(Path file, String toDevice, Integer fit) throws IOException {
        FileManifest manifest;
        try (InputStream in = Files.newInputStream(file)) {
            manifest = FileManifest.of(in, FastCdc.DEFAULT);
        }
        ChunkTransfer.sendMissing(api, file, manifest, ChunkTransfer.Checkpoint.NONE);
        Map<String, Object> body = new HashMap<>();
        body.put("toDevice", toDevice);
        body.put("fromDevice", deviceId);
        body.put("filename", file.getFileName().toString());
        body.put("manifest", manifest.encode());
        body.put("fit", fit);
        JsonNode sent = api.post("/api/v1/transfers", body);
        return new Done(sent.path("id").asString(), file.toString(), toDevice, sent.path("size").asLong());
    }

    /** Writes everything waiting for this device into {@code directory} and ends those transfers. */
    public List<Done> receive(Path directory) throws IOException {
        Files.createDirectories(directory);
        List<Done> received = new ArrayList<>();
        for (JsonNode waiting : api.get("/api/v1/transfers?device=" + deviceId).path("transfers")) {
            String id = waiting.path("id").asString();
            FileManifest manifest = FileManifest.parse(api.text("/api/v1/transfers/" + id + "/manifest"));
            Path temp = directory.resolve(".arca-tmp-" + UUID.randomUUID());
            try {
                ChunkTransfer.fetch(api, manifest, temp, ChunkTransfer.LocalSource.NONE, ChunkTransfer.Checkpoint.NONE);
                Path target = freeName(directory, plainName(waiting.path("filename").asString()));
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                api.delete("/api/v1/transfers/" + id);
                received.add(new Done(id, target.toString(), waiting.path("fromDevice").asString(), manifest.size()));
            } finally {
                Files.deleteIfExists(temp);
            }
        }
        return received;
    }

    /** The name as sent, or a safe stand-in should it not be a plain name. */
    private static String plainName(String name) {
        String plain = name.replaceAll("[/\\\\\\p{Cntrl}]", "_");
        return plain.isBlank() || plain.equals(".") || plain.equals("..") ? "received" : plain;
    }

    /** {@code name}, or {@code name (2)}, {@code name (3)}... when taken. */
    static Path freeName(Path directory, String name) {
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        Path candidate = directory.resolve(name);
        for (int n = 2; Files.exists(candidate, LinkOption.NOFOLLOW_LINKS); n++) {
            candidate = directory.resolve(stem + " (" + n + ")" + ext);
        }
        return candidate;
    }
}
