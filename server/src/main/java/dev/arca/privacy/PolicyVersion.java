package dev.arca.privacy;

import java.time.Instant;
import java.util.Map;

/**
 * A published version of the privacy policy with the exact consent notices it asks with.
 *
 * @param notices the notice of every consent-based purpose under this version
 */
public record PolicyVersion(int version, Instant publishedAt, String summary, Map<Purpose, Notice> notices) {

    /** A notice text and the SHA-256 of its UTF-8 bytes, as recorded in the ledger. */
    public record Notice(String text, String sha256) {}

    public Notice notice(Purpose purpose) {
        Notice notice = notices.get(purpose);
        if (notice == null) {
            throw new IllegalArgumentException(purpose + " is not consent-based");
        }
        return notice;
    }
}
