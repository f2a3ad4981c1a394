package dev.arca.privacy;

import java.time.Instant;

/**
 * One entry of the append-only consent ledger: who decided what on which purpose, under which
 * policy version and notice text (its SHA-256), how, where and when.
 *
 * @param position the entry's place in the ledger, counted from 1 over every subject
 */
public record ConsentEvent(
        long position,
        String subjectId,
        Purpose purpose,
        Decision decision,
        int policyVersion,
        String noticeSha256,
        Mechanism mechanism,
        Origin origin,
        String actor,
        Instant occurredAt) {}
