package dev.arca.mail;

import dev.arca.platform.ApiProblem;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The mail queue as administrators see it: what waits, what failed, what was sent; no addresses. */
@RestController
class MailAdminApi {

    private final MailQueue queue;

    MailAdminApi(MailQueue queue) {
        this.queue = queue;
    }

    record Status(List<MailQueue.Waiting> waiting, Map<String, Map<String, Integer>> sentByDay) {}

    @GetMapping("/api/v1/admin/mail")
    Status status() {
        return new Status(queue.waiting(), queue.sentByDay());
    }

    @PostMapping("/api/v1/admin/mail/{id}/retry")
    ResponseEntity<Void> retry(@PathVariable String id) {
        if (!queue.retry(id)) {
            throw ApiProblem.notFound("Message");
        }
        queue.retryDue();
        return ResponseEntity.noContent().build();
    }
}
