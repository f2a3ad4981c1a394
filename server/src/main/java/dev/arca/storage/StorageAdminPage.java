package dev.arca.storage;

import dev.arca.web.PageController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The operator's storage page: each location's state and space, the last scrub, and a button to scrub now. */
@PageController
class StorageAdminPage {

    private final BlobStore blobs;
    private final StorageScrubber scrubber;

    StorageAdminPage(BlobStore blobs, StorageScrubber scrubber) {
        this.blobs = blobs;
        this.scrubber = scrubber;
    }

    @GetMapping("/admin/storage")
    String storage(Model model) {
        model.addAttribute("health", blobs.health());
        model.addAttribute("scrub", scrubber.lastReport().orElse(null));
        return "admin/storage";
    }
}
