package dev.arca.protocol.api;

import java.time.LocalDate;

/**
 * Decides a recorded request, or changes its gag or when the person was told
 * ({@code POST /api/v1/admin/disclosures/{id}/decision}); fields as in {@link DisclosureRequest}.
 */
public record DisclosureDecision(String decision, String decisionReason, LocalDate gagUntil, LocalDate toldOn) {}
