package dev.arca.protocol.api;

import java.time.LocalDate;
import java.util.List;

/**
 * Records an authority's request for data ({@code POST /api/v1/admin/disclosures}).
 *
 * @param kind {@code CRIMINAL_INVESTIGATION}, {@code CIVIL_PROCEEDINGS}, {@code ADMINISTRATIVE},
 *     {@code NATIONAL_SECURITY}, {@code EMERGENCY} or {@code OTHER}
 * @param scope which data: tables of the data map ({@code accounts}, {@code items}, ...)
 * @param periodFrom the first day of the period asked about; null for no limit
 * @param accounts the accounts concerned, by id or e-mail address
 * @param decision {@code PENDING}, {@code DISCLOSED}, {@code PARTLY_DISCLOSED} or {@code REFUSED}
 * @param gagUntil the day until which the law forbids telling the person; null for none
 * @param toldOn the day the person was told, when they were
 */
public record DisclosureRequest(String authority, String kind, String legalBasis, String reference,
        List<String> scope, LocalDate periodFrom, LocalDate periodTo, LocalDate receivedOn, List<String> accounts,
        String decision, String decisionReason, LocalDate gagUntil, LocalDate toldOn) {}
