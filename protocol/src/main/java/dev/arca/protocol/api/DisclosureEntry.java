package dev.arca.protocol.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A request of an authority as the register holds it. The privacy officer sees every entry
 * ({@code GET /api/v1/admin/disclosures}); a person sees those about them once decided and any gag
 * has ended ({@code GET /api/v1/me/disclosures}).
 *
 * @param accounts how many accounts the request concerns
 * @param exportedAt when the data handed out was produced, by the dedicated export; null if never
 */
public record DisclosureEntry(String id, String authority, String kind, String legalBasis, String reference,
        List<String> scope, LocalDate periodFrom, LocalDate periodTo, LocalDate receivedOn, String decision,
        String decisionReason, LocalDate decidedOn, LocalDate gagUntil, LocalDate toldOn, int accounts,
        Instant exportedAt) {}
