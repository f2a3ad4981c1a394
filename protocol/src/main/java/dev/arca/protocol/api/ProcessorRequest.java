package dev.arca.protocol.api;

import java.time.LocalDate;
import java.util.List;

/**
 * Registers a processor ({@code POST /api/v1/admin/processors}) or replaces what the register says
 * of one ({@code PUT /api/v1/admin/processors/{id}}); the fields mean what they mean in
 * {@link ProcessorEntry}. A null status registers it as {@code ACTIVE}.
 */
public record ProcessorRequest(String name, String service, String destination, String contractReference,
        LocalDate contractDate, String country, String adequacy, List<String> purposes, List<String> categories,
        String status) {}
