package dev.arca.client.net;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reports the partitions that hold the folders this device syncs or backs up to the server
 * (I.2f): volume label, file system, size and free space, nothing else, so the user can see on
 * which disk each device keeps what. The folders are listed in {@code folders} in the config
 * directory; each report replaces the last.
 */
public final class Partitions {

    private Partitions() {}

    private static String cut(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }

    /** Adds {@code folder} to the device's folders and reports the partitions of all of them. */
    public static void report(ServerApi api, String deviceId, Path configDirectory, Path folder) throws IOException {
        Path list = configDirectory.resolve("folders");
        java.util.Set<Path> folders = new java.util.LinkedHashSet<>();
        if (Files.isRegularFile(list)) {
            Files.readAllLines(list).stream().filter(l -> !l.isBlank()).map(Path::of).forEach(folders::add);
        }
        if (folders.add(folder.toAbsolutePath().normalize())) {
            Files.write(list, folders.stream().map(Path::toString).toList());
        }
        report(api, deviceId, folders);
    }

    private static void report(ServerApi api, String deviceId, Collection<Path> folders) throws IOException {
        Map<String, Map<String, Object>> stores = new LinkedHashMap<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            FileStore store = Files.getFileStore(folder);
            Map<String, Object> partition = new LinkedHashMap<>();
            partition.put("volumeLabel", cut(store.name().isBlank() ? "(no label)" : store.name(), 200));
            partition.put("fileSystem", cut(store.type(), 50));
            partition.put("sizeBytes", store.getTotalSpace());
            partition.put("freeBytes", Math.min(store.getUsableSpace(), store.getTotalSpace()));
            stores.putIfAbsent(store.name() + "\u0000" + store.type(), partition);
        }
        List<Map<String, Object>> partitions = new ArrayList<>(stores.values());
        api.put("/api/v1/devices/" + deviceId + "/partitions", Map.of("partitions", partitions));
    }
}
