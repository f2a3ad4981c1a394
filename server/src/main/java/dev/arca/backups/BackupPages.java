package dev.arca.backups;

import dev.arca.devices.Devices;
import dev.arca.platform.ApiProblem;
import dev.arca.platform.ArcaPrincipal;
import dev.arca.web.PageController;
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
 * The backups pages: the encrypted repositories (what the server knows of them, which is little),
 * the snapshots kept in the clear before by device, and one folder of such a snapshot
 * ({@link BackupFiles} restores a file of it by download).
 */
@PageController
class BackupPages {

    private final Snapshots snapshots;
    private final Devices devices;
    private final RepositoryFiles repositories;

    BackupPages(Snapshots snapshots, Devices devices, RepositoryFiles repositories) {
        this.snapshots = snapshots;
        this.devices = devices;
        this.repositories = repositories;
    }

    @GetMapping("/backups")
    String list(@AuthenticationPrincipal ArcaPrincipal me, Model model) {
        Map<String, String> names = new java.util.HashMap<>();
        devices.list(me.accountId()).forEach(d -> names.put(d.id(), d.name()));
        Map<String, List<SnapshotView.Snapshot>> byDevice = new LinkedHashMap<>();
        for (Snapshots.Listed s : snapshots.listed(me.accountId())) {
            byDevice.computeIfAbsent(names.get(s.deviceId()), d -> new ArrayList<>()).add(new SnapshotView.Snapshot(
                    s.id(), Instant.ofEpochMilli(s.takenAt()).toString(), s.host(), s.source(), s.totals().files(),
                    s.totals().bytes()));
        }
        model.addAttribute("encrypted", repositories.summaries(me.accountId()));
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

    private JsonNode find(ArcaPrincipal me, String id) {
        return snapshots.find(me.accountId(), id).orElseThrow(() -> ApiProblem.notFound("Snapshot"));
    }
}
