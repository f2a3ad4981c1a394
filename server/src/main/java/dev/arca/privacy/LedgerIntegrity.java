package dev.arca.privacy;

import java.time.Instant;

/**
 * The outcome of verifying the consent ledger.
 *
 * @param checkedAt when; null before the first check
 * @param entries how many entries the last full check walked
 * @param problem what did not verify, in words that name no person; null when intact
 */
public record LedgerIntegrity(boolean intact, Instant checkedAt, long entries, String problem) {}
