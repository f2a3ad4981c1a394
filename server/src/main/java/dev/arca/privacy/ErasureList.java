package dev.arca.privacy;

import dev.arca.platform.KeyDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * The subjects erased so far, by pseudonym only ({@link Pseudonyms#subject}), in the file
 * {@code erasures} of the {@link KeyDirectory}. It lives outside the database so that a database
 * restored from a backup older than an erasure is erased again at start-up ({@link ErasureReplay}),
 * and the consent ledger can tell an entry removed by erasure from one removed by tampering. It
 * holds no personal data: a pseudonym of an erased account names no one. Thread-safe.
 */
@Component
class ErasureList {

    private static final String FILE = "erasures";

    private final KeyDirectory keys;
    private final Pseudonyms pseudonyms;

    ErasureList(KeyDirectory keys, Pseudonyms pseudonyms) {
        this.keys = keys;
        this.pseudonyms = pseudonyms;
    }

    /** Adds the subject; idempotent. */
    synchronized void add(String subjectId) {
        Set<String> all = all();
        if (all.add(pseudonyms.subject(subjectId))) {
            try {
                keys.write(FILE, (String.join("\n", all) + "\n").getBytes(StandardCharsets.US_ASCII), true);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the erasure list", e);
            }
        }
    }

    /** Every pseudonym on the list, sorted. */
    synchronized Set<String> all() {
        Set<String> all = new TreeSet<>();
        keys.read(FILE).ifPresent(bytes -> new String(bytes, StandardCharsets.US_ASCII).lines()
                .filter(line -> !line.isBlank()).forEach(all::add));
        return all;
    }
}
