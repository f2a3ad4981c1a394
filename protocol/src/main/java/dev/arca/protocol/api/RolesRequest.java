package dev.arca.protocol.api;

import java.util.List;

/**
 * {@code PUT /api/v1/admin/accounts/{id}/roles}: the operator roles the account holds from now on
 * ({@code ADMIN}, {@code OPERATOR}, {@code SUPPORT}, {@code PRIVACY_OFFICER}; empty takes all away),
 * and why (recorded in the access log).
 */
public record RolesRequest(List<String> roles, String reason) {}
