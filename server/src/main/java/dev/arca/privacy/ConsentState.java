package dev.arca.privacy;

import java.time.Instant;

/**
 * The current state of one consent-based purpose for a subject.
 *
 * @param granted the latest decision was a grant
 * @param current the grant was given to the notice of the current policy version, so it counts
 * @param decidedAt when the latest decision was made; null when none was ever asked for
 */
public record ConsentState(Purpose purpose, boolean granted, boolean current, Integer policyVersion, Instant decidedAt) {

    /** Whether processing for this purpose is allowed now. */
    public boolean effective() {
        return granted && current;
    }
}
