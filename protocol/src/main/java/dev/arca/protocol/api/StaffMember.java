package dev.arca.protocol.api;

import java.util.List;

/** An account that holds operator roles, by id only ({@code GET /api/v1/admin/roles}). */
public record StaffMember(String accountId, List<String> roles) {}
