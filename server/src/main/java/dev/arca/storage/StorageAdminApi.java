package dev.arca.storage;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Storage health and scrubbing for administrators ({@code /api/v1/admin/**} needs the admin role). */
@RestController
class StorageAdminApi {

    private final BlobStore blobs;
    private final StorageScrubber scrubber;

    StorageAdminApi(BlobStore blobs, StorageScrubber scrubber) {
        this.blobs = blobs;
        this.scrubber = scrubber;
    }

    /** Each storage location's state and the report of the last scrub, if one ran. */
    @GetMapping("/api/v1/admin/storage/health")
    Map<String, Object> health() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("health", blobs.health());
        answer.put("lastScrub", scrubber.lastReport().orElse(null));
        return answer;
    }

    /** Verifies every copy of every blob now and repairs what it can; answers with the report. */
    @PostMapping("/api/v1/admin/storage/scrub")
    ScrubReport scrub() {
        return scrubber.runNow();
    }
}
