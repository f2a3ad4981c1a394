package dev.arca.privacy;

import dev.arca.platform.KeyDirectory;
import java.util.HexFormat;
import org.springframework.stereotype.Component;

/**
 * Keyed hashes for the privacy core, under {@code privacy.key} in the {@link KeyDirectory} (kept
 * out of the database, so whoever holds the database alone can neither forge a ledger entry nor
 * tell whose pseudonym is whose). Each use has its own label, so no two uses collide.
 */
@Component
class Pseudonyms {

    private final byte[] key;

    Pseudonyms(KeyDirectory keys) {
        this.key = keys.secret("privacy");
    }

    /** The subject's pseudonym: what the ledger's chain and the erasure list name them by. */
    String subject(String subjectId) {
        return mac("subject", subjectId);
    }

    /** Lower-case hex HMAC-SHA-256 of {@code label}, a line feed and {@code text}. */
    String mac(String label, String text) {
        return HexFormat.of().formatHex(dev.arca.platform.Secrets.hmacSha256(key, label + "\n" + text));
    }
}
