package dev.arca.protocol.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One entry of the processor register: an outside service that receives personal data on the
 * server's behalf ({@code GET /api/v1/admin/processors}; the public policy lists the active ones).
 *
 * @param service {@code SMTP}, {@code S3} or {@code HTTPS}
 * @param destination the host and port Arca connects to, such as {@code smtp.example.net:587}
 * @param country ISO 3166-1 alpha-2 code of where the processor handles the data
 * @param adequacy the basis for a transfer to that country: {@code EEA}, {@code ADEQUACY_DECISION},
 *     {@code STANDARD_CONTRACTUAL_CLAUSES}, {@code BINDING_CORPORATE_RULES}
 * @param purposes the purposes (ids of {@code GET /api/v1/policy}) it may receive data for
 * @param categories the data categories it receives, in the data map's words ({@code contact})
 * @param status {@code ACTIVE}, {@code SUSPENDED} (nothing goes to it for now) or {@code ENDED}
 */
public record ProcessorEntry(String id, String name, String service, String destination, String contractReference,
        LocalDate contractDate, String country, String adequacy, List<String> purposes, List<String> categories,
        String status, Instant registeredAt, Instant updatedAt) {}
