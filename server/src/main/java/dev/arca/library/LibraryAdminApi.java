package dev.arca.library;

import dev.arca.platform.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Administrators set an account's quota ({@code /api/v1/admin/**} needs the admin role). */
@RestController
class LibraryAdminApi {

    private final Quotas quotas;

    LibraryAdminApi(Quotas quotas) {
        this.quotas = quotas;
    }

    /** {@code quotaBytes} null returns the account to the configured default. */
    record QuotaRequest(Long quotaBytes) {}

    @PutMapping("/api/v1/admin/accounts/{id}/quota")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void setQuota(@PathVariable String id, @RequestBody QuotaRequest body) {
        if (body.quotaBytes() != null && body.quotaBytes() < 0) {
            throw ApiProblem.badRequest("quotaBytes must not be negative");
        }
        if (!quotas.setQuota(id, body.quotaBytes())) {
            throw ApiProblem.notFound("Account");
        }
    }
}
