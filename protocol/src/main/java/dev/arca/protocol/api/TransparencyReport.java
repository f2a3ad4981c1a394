package dev.arca.protocol.api;

import java.util.List;
import java.util.Map;

/**
 * The public transparency report ({@code GET /api/v1/transparency}): requests of authorities per
 * half-year of receipt, generated from the disclosure register.
 *
 * @param periods newest first
 */
public record TransparencyReport(List<Period> periods) {

    /**
     * @param period {@code 2026-H2}
     * @param byKind requests per kind
     * @param accountsAffected distinct accounts the period's requests concern
     * @param partlyDisclosed requests answered with part of what was asked
     */
    public record Period(String period, int requests, Map<String, Integer> byKind, int accountsAffected,
            int disclosed, int partlyDisclosed, int refused, int pending) {}
}
