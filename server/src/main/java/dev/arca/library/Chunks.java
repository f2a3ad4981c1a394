package dev.arca.library;

import dev.arca.library.internal.ContentIngest;
import dev.arca.protocol.chunk.ContentHash;
import dev.arca.protocol.chunk.FastCdc;
import dev.arca.storage.ContentVault;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * An account's chunks addressed by their SHA-256, for clients that cut files themselves (sync,
 * backup, transfer): which the account lacks, storing one, reading one. A chunk stored here and
 * not yet named by a version is protected from garbage collection for the grace period.
 */
@Service
public class Chunks {

    /** The largest chunk accepted: the largest FastCDC cuts. */
    public static final int MAX_LENGTH = FastCdc.DEFAULT.maxSize();
    /** How many hashes one question may carry. */
    public static final int MAX_QUESTION = 10_000;

    /** What became of a chunk sent to {@link #put}. */
    public enum Put { STORED, ALREADY_STORED, HASH_MISMATCH, OVER_QUOTA }

    private final ContentIngest ingest;
    private final ContentVault vault;
    private final Library library;

    Chunks(ContentIngest ingest, ContentVault vault, Library library) {
        this.ingest = ingest;
        this.vault = vault;
        this.library = library;
    }

    /** The hashes among {@code hashes} that the account does not store, in the order asked, once each. */
    public List<String> missing(String accountId, Collection<String> hashes) {
        Set<String> known = library.knownChunks(accountId, List.copyOf(new LinkedHashSet<>(hashes)));
        return new LinkedHashSet<>(hashes).stream().filter(h -> !known.contains(h)).toList();
    }

    /** Stores a chunk after checking that its bytes have the hash it was sent under. */
    public Put put(String accountId, String hash, byte[] bytes) {
        if (!ContentHash.sha256Hex(bytes).equals(hash)) {
            return Put.HASH_MISMATCH;
        }
        Library.Usage usage = library.usage(accountId);
        return switch (ingest.storeOne(accountId, hash, bytes, usage.quotaBytes() - usage.usedBytes())) {
            case STORED -> Put.STORED;
            case ALREADY_STORED -> Put.ALREADY_STORED;
            case OVER_QUOTA -> Put.OVER_QUOTA;
        };
    }

    /** The chunk's plain bytes, when the account stores it. */
    public Optional<byte[]> get(String accountId, String hash) {
        if (!ContentHash.isSha256Hex(hash) || library.knownChunks(accountId, List.of(hash)).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(vault.getChunk(accountId, hash));
    }
}
