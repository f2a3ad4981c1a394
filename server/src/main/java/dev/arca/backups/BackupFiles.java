package dev.arca.backups;

import dev.arca.library.Chunks;
import dev.arca.platform.ApiProblem;
import dev.arca.platform.ArcaPrincipal;
import dev.arca.platform.ContentResponses;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;

/** A file of a snapshot, restored by download from the backups pages. */
@Controller
class BackupFiles {

    private final Snapshots snapshots;
    private final Chunks chunks;

    BackupFiles(Snapshots snapshots, Chunks chunks) {
        this.snapshots = snapshots;
        this.chunks = chunks;
    }

    /** Restores one file by download: its chunks, in order, as they were backed up. */
    @GetMapping("/backups/{id}/file")
    void file(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id, @RequestParam String path,
            HttpServletResponse response) throws IOException {
        JsonNode entry = null;
        JsonNode snapshot = snapshots.find(me.accountId(), id).orElseThrow(() -> ApiProblem.notFound("Snapshot"));
        for (JsonNode e : snapshot.path("entries")) {
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
}
