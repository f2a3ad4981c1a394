package dev.arca.privacy;

import dev.arca.platform.Secrets;
import java.time.Instant;
import java.util.List;

/**
 * A version of the privacy policy as this server adopted it.
 *
 * @param publishedAt when this server adopted it: from then on it is the version in force
 * @param changes what changed from the previous version, line by line
 * @param text the full text, as it was published
 * @param snapshot the purposes, notices and data map it describes
 */
public record PolicyVersion(int version, Instant publishedAt, String summary, List<String> changes, String text,
        PolicySnapshot snapshot) {

    /** A notice text and the SHA-256 of its UTF-8 bytes, as recorded in the ledger. */
    public record Notice(String text, String sha256) {}

    public PolicyVersion {
        changes = List.copyOf(changes);
    }

    /** This version as its release published it. */
    public PolicyRelease release() {
        return new PolicyRelease(version, summary, changes, text, snapshot);
    }

    /** The notice that asks for consent to {@code purpose} under this version. */
    public Notice notice(Purpose purpose) {
        String text = snapshot.notice(purpose)
                .orElseThrow(() -> new IllegalArgumentException(purpose + " is not consent-based"));
        return new Notice(text, Secrets.sha256Hex(text));
    }
}
