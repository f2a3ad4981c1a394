package dev.arca.accounts;

import java.time.Instant;

/** A request to correct data self-service cannot change, and what became of it (I.2i). */
public record CorrectionRequest(String id, String accountId, String subject, String details, Status status,
        String answer, String resolvedBy, Instant createdAt, Instant resolvedAt) {

    public enum Status { OPEN, RESOLVED, REJECTED }
}
