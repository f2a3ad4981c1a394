package dev.arca.protocol.api;

import java.time.Instant;
import java.util.List;

/**
 * What one processor received of a person's data for one purpose
 * ({@code GET /api/v1/me/transfers}): how often, how many bytes, first and last time. Never what.
 */
public record TransferSummary(String processor, String country, String purpose, List<String> categories,
        long transfers, long bytes, Instant first, Instant last) {}
