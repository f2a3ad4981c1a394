package dev.arca.privacy;

import java.time.Instant;

/**
 * One entry of the append-only consent ledger. {@code hash} covers every other field and the
 * previous entry's hash of the same subject, so a changed or removed entry breaks the chain.
 */
public record ConsentEvent(
        String subjectId,
        long seq,
        Purpose purpose,
        Decision decision,
        int policyVersion,
        String noticeSha256,
        Mechanism mechanism,
        Origin origin,
        String actor,
        Instant occurredAt,
        String previousHash,
        String hash) {}
