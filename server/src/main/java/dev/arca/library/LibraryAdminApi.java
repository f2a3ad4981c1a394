package dev.arca.library;

import dev.arca.platform.ApiProblem;
import dev.arca.platform.ArcaPrincipal;
import dev.arca.platform.StaffRole;
import dev.arca.privacy.Access;
import dev.arca.privacy.AccessLog;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Operators set an account's quota; each change is in the access log. */
@RestController
class LibraryAdminApi {

    private final Quotas quotas;
    private final AccessLog accessLog;

    LibraryAdminApi(Quotas quotas, AccessLog accessLog) {
        this.quotas = quotas;
        this.accessLog = accessLog;
    }

    /** {@code quotaBytes} null returns the account to the configured default; {@code reason} is logged. */
    record QuotaRequest(Long quotaBytes, String reason) {}

    @PutMapping("/api/v1/admin/accounts/{id}/quota")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void setQuota(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id, @RequestBody QuotaRequest body) {
        String reason = AccessLog.requireReason(Access.CHANGED_QUOTA, body.reason());
        if (body.quotaBytes() != null && body.quotaBytes() < 0) {
            throw ApiProblem.badRequest("quotaBytes must not be negative");
        }
        if (!quotas.setQuota(id, body.quotaBytes())) {
            throw ApiProblem.notFound("Account");
        }
        accessLog.record(me, StaffRole.OPERATOR, Access.CHANGED_QUOTA, id, reason);
    }
}
