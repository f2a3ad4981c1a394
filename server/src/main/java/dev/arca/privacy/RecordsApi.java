package dev.arca.privacy;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The records of processing for the privacy officer, as data and as a document to download. */
@RestController
class RecordsApi {

    private final RecordsOfProcessing records;

    RecordsApi(RecordsOfProcessing records) {
        this.records = records;
    }

    @GetMapping("/api/v1/admin/records-of-processing")
    RecordsOfProcessing.Records records() {
        return records.records();
    }

    @GetMapping("/api/v1/admin/records-of-processing/markdown")
    ResponseEntity<String> download() {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "markdown", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"records-of-processing.md\"")
                .body(records.markdown());
    }
}
