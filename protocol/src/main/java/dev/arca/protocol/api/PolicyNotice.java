package dev.arca.protocol.api;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/me/policy-notice}: the policy version in force that the account has not
 * acknowledged yet, or none. Clients show it until it is acknowledged with
 * {@code POST /api/v1/me/policy-acknowledgements}.
 *
 * @param pending null when there is nothing to tell
 */
public record PolicyNotice(Pending pending) {

    /**
     * @param changes what changed, line by line
     * @param textPath the full text, relative to the server ({@code /privacy/versions/3})
     * @param renewConsent purposes the account had agreed to whose notice changed: the agreement
     *     no longer counts until given again
     */
    public record Pending(int version, Instant publishedAt, String summary, List<String> changes, String textPath,
            List<String> renewConsent) {}

    public static PolicyNotice none() {
        return new PolicyNotice(null);
    }
}
