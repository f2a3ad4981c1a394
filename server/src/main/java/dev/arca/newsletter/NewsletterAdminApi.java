package dev.arca.newsletter;

import dev.arca.platform.StaffRole;
import dev.arca.privacy.Access;
import dev.arca.privacy.AccessLog;

import dev.arca.platform.ApiProblem;
import dev.arca.platform.ArcaPrincipal;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Operators send a newsletter; support unsubscribes a person who asks them to (in the access log). */
@RestController
class NewsletterAdminApi {

    private final Newsletter newsletter;
    private final AccessLog accessLog;

    NewsletterAdminApi(Newsletter newsletter, AccessLog accessLog) {
        this.newsletter = newsletter;
        this.accessLog = accessLog;
    }

    record Issue(Map<String, Newsletter.Version> versions) {}

    /** Sends to confirmed subscribers only; answers how many were sent and skipped. */
    @PostMapping("/api/v1/admin/newsletters")
    Newsletter.Sent send(@RequestBody Issue body) {
        if (body.versions() == null || body.versions().isEmpty() || body.versions().values().stream()
                .anyMatch(v -> v == null || v.subject() == null || v.subject().isBlank() || v.subject().length() > 200
                        || v.text() == null || v.text().isBlank() || v.text().length() > 100_000)
                || body.versions().keySet().stream().anyMatch(l -> !l.matches("[a-z]{2}"))) {
            throw ApiProblem.badRequest("versions maps a language (en, de) to {subject, text}; every "
                    + "version needs both.");
        }
        return newsletter.send(body.versions());
    }

    /** The issues sent, newest first, with how many went out and how many were skipped. */
    @GetMapping("/api/v1/admin/newsletters")
    Map<String, java.util.List<Newsletter.Issue>> issues() {
        return Map.of("newsletters", newsletter.issues());
    }

    @DeleteMapping("/api/v1/admin/accounts/{id}/newsletter")
    ResponseEntity<Void> unsubscribe(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id) {
        if (!newsletter.unsubscribeByOperator(id, me.accountId())) {
            throw ApiProblem.notFound("Account");
        }
        accessLog.record(me, StaffRole.SUPPORT, Access.UNSUBSCRIBED_NEWSLETTER, id, "");
        return ResponseEntity.noContent().build();
    }
}
