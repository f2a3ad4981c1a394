package dev.arca.protocol.api;

import java.time.Instant;

/**
 * One entry of the operator access log: an operator's read or change of a person's data.
 * {@code GET /api/v1/me/access-log} gives a person theirs; {@code GET /api/v1/admin/access-log}
 * gives the privacy officer all, with the person's pseudonym.
 *
 * @param operator a short keyed pseudonym of the operator: the same operator has the same one
 * @param role the role the operator acted in ({@code SUPPORT}, ...)
 * @param action what was done ({@code LISTED_ACCOUNT}, {@code READ_CORRECTION}, ...)
 * @param subject the person's short pseudonym; null in a person's own list
 */
public record AccessLogEntry(long position, String operator, String role, String action, String subject,
        String reason, Instant at) {}
