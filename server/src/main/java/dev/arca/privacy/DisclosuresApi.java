package dev.arca.privacy;

import dev.arca.platform.ArcaPrincipal;
import dev.arca.protocol.api.DisclosureDecision;
import dev.arca.protocol.api.DisclosureEntry;
import dev.arca.protocol.api.DisclosureRequest;
import dev.arca.protocol.api.TransparencyReport;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The disclosure register for the privacy officer, each person's own requests, and the public report. */
@RestController
class DisclosuresApi {

    private final Disclosures disclosures;

    DisclosuresApi(Disclosures disclosures) {
        this.disclosures = disclosures;
    }

    @GetMapping("/api/v1/admin/disclosures")
    List<DisclosureEntry> all() {
        return disclosures.all();
    }

    @PostMapping("/api/v1/admin/disclosures")
    @ResponseStatus(HttpStatus.CREATED)
    DisclosureEntry record(@AuthenticationPrincipal ArcaPrincipal officer, @RequestBody DisclosureRequest body) {
        return disclosures.record(officer, body);
    }

    @PostMapping("/api/v1/admin/disclosures/{id}/decision")
    DisclosureEntry decide(@PathVariable String id, @RequestBody DisclosureDecision body) {
        return disclosures.decide(id, body);
    }

    /** The data to hand out, as a ZIP; streamed on the request thread, as the person's own export is. */
    @GetMapping("/api/v1/admin/disclosures/{id}/export")
    void export(@AuthenticationPrincipal ArcaPrincipal officer, @PathVariable String id, HttpServletResponse response)
            throws IOException {
        disclosures.find(id);
        response.setContentType("application/zip");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"arca-disclosure.zip\"");
        disclosures.export(officer, id, response.getOutputStream());
    }

    /** The requests of authorities about the caller that they may know of. */
    @GetMapping("/api/v1/me/disclosures")
    List<DisclosureEntry> mine(@AuthenticationPrincipal ArcaPrincipal me) {
        return disclosures.visibleTo(me.accountId());
    }

    @GetMapping("/api/v1/transparency")
    TransparencyReport transparency() {
        return disclosures.report();
    }
}
