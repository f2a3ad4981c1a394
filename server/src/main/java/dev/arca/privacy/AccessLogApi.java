package dev.arca.privacy;

import dev.arca.platform.ArcaPrincipal;
import dev.arca.protocol.api.AccessLogEntry;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The access log: each person's own entries, and the whole log with its integrity for the privacy officer. */
@RestController
class AccessLogApi {

    private final AccessLog log;

    AccessLogApi(AccessLog log) {
        this.log = log;
    }

    /** What operators did with the caller's data, newest first. */
    @GetMapping("/api/v1/me/access-log")
    List<AccessLogEntry> mine(@AuthenticationPrincipal ArcaPrincipal me) {
        return log.of(me.accountId()).stream().map(e -> view(e, false)).toList();
    }

    record Report(boolean intact, String problem, long entries, List<AccessLogEntry> recent) {}

    /** The log's integrity, checked now, and its newest entries. */
    @GetMapping("/api/v1/admin/access-log")
    Report all(@RequestParam(defaultValue = "200") int limit) {
        AccessLog.Integrity integrity = log.verify();
        return new Report(integrity.intact(), integrity.problem(), integrity.entries(),
                log.recent(Math.clamp(limit, 1, 1000)).stream().map(e -> view(e, true)).toList());
    }

    static AccessLogEntry view(AccessLog.Entry e, boolean withSubject) {
        return new AccessLogEntry(e.position(), AccessLog.shortTag(e.operator()), e.role().name(), e.action().name(),
                withSubject ? AccessLog.shortTag(e.subject()) : null, e.reason(), e.at());
    }
}
