package dev.arca.backups;

import dev.arca.devices.Devices;
import dev.arca.library.Chunks;
import dev.arca.platform.ApiProblem;
import dev.arca.platform.ArcaPrincipal;
import dev.arca.platform.ContentResponses;
import dev.arca.web.PageController;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;

/**
 * The backups pages: snapshots by device, one folder of a snapshot, and a file of it restored
 * by downloading it. Snapshots are those the {@code arca backup} client saved on this server.
 */
@PageController
class BackupPages {

    private final Snapshots snapshots;
    private final Devices devices;
    private final Chunks chunks;

    BackupPages(Snapshots snapshots, Devices devices, Chunks chunks) {
        this.snapshots = snapshots;
        this.devices = devices;
        this.chunks = chunks;
    }

    @GetMapping("/backups")
    String list(@AuthenticationPrincipal ArcaPrincipal me, Model model) {
        Map<String, String> names = new java.util.HashMap<>();
        devices.list(me.accountId()).forEach(d -> names.put(d.id(), d.name()));
        Map<String, String> takenBy = snapshots.devices(me.accountId());
        Map<String, List<SnapshotView.Snapshot>> byDevice = new LinkedHashMap<>();
        List<JsonNode> all = new ArrayList<>(snapshots.list(me.accountId()));
        java.util.Collections.reverse(all);
        for (JsonNode s : all) {
            long files = 0;
            long bytes = 0;
            for (JsonNode e : s.path("entries")) {
                if ("file".equals(e.path("type").asString())) {
                    files++;
                    bytes += e.path("size").asLong();
                }
            }
            String device = names.get(takenBy.get(s.path("id").asString()));
            byDevice.computeIfAbsent(device, d -> new ArrayList<>()).add(new SnapshotView.Snapshot(
                    s.path("id").asString(), s.path("time").asString(), s.path("host").asString(),
                    s.path("source").asString(), files, bytes));
        }
        model.addAttribute("devices", byDevice.entrySet().stream()
                .map(e -> new SnapshotView(e.getKey(), e.getValue())).toList());
        return "backups/list";
    }

    /** One folder of a snapshot: its folders first, then its files, by name. */
    @GetMapping("/backups/{id}")
    String browse(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id,
            @RequestParam(defaultValue = ".") String path, Model model) {
        JsonNode snapshot = find(me, id);
        List<SnapshotView.Entry> entries = new ArrayList<>();
        String prefix = path.equals(".") ? "" : path + "/";
        for (JsonNode e : snapshot.path("entries")) {
            String p = e.path("path").asString();
            if (!p.equals(".") && p.startsWith(prefix) && p.indexOf('/', prefix.length()) < 0) {
                long mtime = e.path("mtime").asLong();
                entries.add(new SnapshotView.Entry(p.substring(prefix.length()), p, e.path("type").asString(),
                        e.path("size").asLong(), Instant.ofEpochSecond(0, mtime).toString()));
            }
        }
        entries.sort(Comparator.comparing((SnapshotView.Entry e) -> !e.type().equals("dir"))
                .thenComparing(SnapshotView.Entry::name));
        model.addAttribute("id", id);
        model.addAttribute("time", snapshot.path("time").asString());
        model.addAttribute("source", snapshot.path("source").asString());
        model.addAttribute("path", path);
        model.addAttribute("parent", path.equals(".") ? null
                : path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : ".");
        model.addAttribute("entries", entries);
        return "backups/browse";
    }

    /** Restores one file by download: its chunks, in order, as they were backed up. */
    @GetMapping("/backups/{id}/file")
    void file(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id, @RequestParam String path,
            HttpServletResponse response) throws IOException {
        JsonNode entry = null;
        for (JsonNode e : find(me, id).path("entries")) {
            if (e.path("path").asString().equals(path) && "file".equals(e.path("type").asString())) {
                entry = e;
            }
        }
        if (entry == null) {
            throw ApiProblem.notFound("File");
        }
        List<String> hashes = new ArrayList<>();
        entry.path("chunks").forEach(c -> hashes.add(c.asString()));
        // Known complete before the first byte goes out: a missing chunk is an error, not a short file.
        if (!chunks.missing(me.accountId(), hashes).isEmpty()) {
            throw ApiProblem.notFound("A chunk of this file");
        }
        String name = path.contains("/") ? path.substring(path.lastIndexOf('/') + 1) : path;
        response.setContentType("application/octet-stream");
        response.setHeader("Content-Disposition", ContentResponses.disposition(true, name));
        response.setContentLengthLong(entry.path("size").asLong());
        try (OutputStream out = response.getOutputStream()) {
            for (String hash : hashes) {
                out.write(chunks.get(me.accountId(), hash).orElseThrow(
                        () -> new IOException("A chunk of a snapshot went missing while it was read")));
            }
        }
    }

    private JsonNode find(ArcaPrincipal me, String id) {
        return snapshots.find(me.accountId(), id).orElseThrow(() -> ApiProblem.notFound("Snapshot"));
    }
}
