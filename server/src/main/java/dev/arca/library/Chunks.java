package dev.arca.library;

import dev.arca.library.internal.ContentIngest;
import dev.arca.library.internal.TempContent;
import dev.arca.protocol.manifest.ChunkRef;
import dev.arca.protocol.manifest.FileManifest;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import dev.arca.protocol.chunk.ContentHash;
import dev.arca.protocol.chunk.FastCdc;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * An account's chunks addressed by their SHA-256, for clients that cut files themselves (sync,
 * backup, transfer): which the account lacks, storing one, reading one. New chunks are stored
 * within the account's {@link Admission#allowance}. A chunk stored here and
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
    private final Admission admission;
    private final dev.arca.library.internal.StoredChunks stored;
    private final Library library;
    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final TransactionTemplate tx;
    private final TempContent temp;

    Chunks(ContentIngest ingest, Admission admission, dev.arca.library.internal.StoredChunks stored, Library library,
            JdbcClient jdbc,
            JdbcTemplate batches, TransactionTemplate tx, TempContent temp) {
        this.admission = admission;
        this.jdbc = jdbc;
        this.batches = batches;
        this.tx = tx;
        this.temp = temp;
        this.ingest = ingest;
        this.stored = stored;
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
        return switch (ingest.storeOne(accountId, hash, bytes, admission.allowance(accountId))) {
            case STORED -> Put.STORED;
            case ALREADY_STORED -> Put.ALREADY_STORED;
            case OVER_QUOTA -> Put.OVER_QUOTA;
        };
    }

    /**
     * Keeps the chunks of a manifest from garbage collection under {@code holder} (such as
     * {@code transfer:<id>}) until {@link #release}, after checking that the account stores them
     * and that they join into the manifest's file.
     *
     * @throws Library.MissingChunksException when the account lacks some
     * @throws Library.ManifestMismatchException when they do not make the file
     */
    public void hold(String accountId, String holder, FileManifest manifest) {
        library.check(accountId, manifest);
        hold(accountId, holder, manifest.chunks().stream().map(ChunkRef::sha256).toList());
    }

    /**
     * Keeps chunks from garbage collection under {@code holder} (such as {@code snapshot:<id>}),
     * after checking that the account stores every one of them (each was checked against its
     * hash when it was stored).
     *
     * @throws Library.MissingChunksException when the account lacks some
     */
    public void hold(String accountId, String holder, java.util.Collection<String> hashes) {
        List<String> distinct = List.copyOf(new LinkedHashSet<>(hashes));
        tx.executeWithoutResult(status -> {
            requireKnown(accountId, distinct);
            batches.batchUpdate("INSERT INTO chunk_holds (account_id, holder, hash) VALUES (?, ?, ?) "
                    + "ON CONFLICT DO NOTHING", distinct.stream().map(h -> new Object[] {accountId, holder, h}).toList());
        });
    }

    private void requireKnown(String accountId, List<String> hashes) {
        Set<String> known = library.knownChunks(accountId, hashes);
        if (!known.containsAll(hashes)) {
            throw new Library.MissingChunksException(hashes.stream().filter(h -> !known.contains(h)).toList());
        }
    }

    /** Stores a stream as chunks held under {@code holder}; returns its manifest. */
    public FileManifest storeHeld(String accountId, String holder, InputStream content) throws IOException {
        ContentIngest.Stored stored = ingest.store(accountId, content, admission.allowance(accountId));
        try {
            tx.executeWithoutResult(status -> batches.batchUpdate("INSERT INTO chunk_holds (account_id, holder, hash) "
                    + "VALUES (?, ?, ?) ON CONFLICT DO NOTHING", stored.chunks().stream().map(ChunkRef::sha256).distinct()
                    .map(h -> new Object[] {accountId, holder, h}).toList()));
        } catch (RuntimeException e) {
            ingest.rollback(accountId, stored.added());
            throw e;
        } finally {
            ingest.release(accountId, stored);
        }
        return new FileManifest(stored.size(), stored.sha256(), stored.chunks());
    }

    /** Ends a hold; its chunks are collected after the grace period unless something else needs them. */
    public void release(String accountId, String holder) {
        jdbc.sql("DELETE FROM chunk_holds WHERE account_id = ? AND holder = ?").params(accountId, holder).update();
    }

    /** A plain temporary copy of a manifest's content, for readers that need a file; closing deletes it. */
    public PlainCopy copy(String accountId, FileManifest manifest, String filename) throws IOException {
        return temp.copy(accountId, manifest.chunks(), TempContent.extensionOf(filename));
    }

    /**
     * Stores several chunks, each after checking its hash; their rows are written in one
     * transaction. {@code HASH_MISMATCH} or {@code OVER_QUOTA} stores none of them.
     */
    public Put putAll(String accountId, List<ChunkRef> refs, List<byte[]> contents) throws IOException {
        for (int i = 0; i < refs.size(); i++) {
            if (contents.get(i).length != refs.get(i).length()
                    || !ContentHash.sha256Hex(contents.get(i)).equals(refs.get(i).sha256())) {
                return Put.HASH_MISMATCH;
            }
        }
        int added = ingest.storeMany(accountId, refs, contents, admission.allowance(accountId));
        return added < 0 ? Put.OVER_QUOTA : added == 0 ? Put.ALREADY_STORED : Put.STORED;
    }

    /** The chunk's plain bytes, when the account stores it. */
    public Optional<byte[]> get(String accountId, String hash) {
        if (!ContentHash.isSha256Hex(hash) || library.knownChunks(accountId, List.of(hash)).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(stored.read(accountId, hash));
    }
}
