package dev.arca.privacy;

import java.time.Instant;

/**
 * A new policy version is in force, published once after the transaction that adopted it
 * commits, on the one node that adopted it. Accounts that existed before {@code adoptedAt} are
 * told.
 */
public record PolicyVersionAdopted(int version, Instant adoptedAt) {}
