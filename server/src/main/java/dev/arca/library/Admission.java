package dev.arca.library;

import dev.arca.library.internal.ContentIngest.QuotaExceededException;
import dev.arca.library.internal.LimitedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Whether bytes may enter an account: the one place that decides it, for every way they come in.
 * Multipart uploads and new versions ({@code ItemsApi}), resumable uploads ({@link Uploads}), a
 * contributor's file in a shared album (stored in the owner's account) and any other caller of
 * {@link Library#create} are admitted here; chunks from sync, backups and transfers
 * ({@link Chunks}) are held to {@link #allowance}.
 *
 * <ul>
 *   <li>Size: one file is at most {@code arca.library.max-upload-size}. A declared length over it
 *       is refused before a byte is read; a stream is cut off there ({@link #limited}).
 *   <li>Quota: the account's stored bytes (its distinct chunks) plus the declared lengths of its
 *       open resumable uploads stay within its quota. An open upload reserves its whole length from
 *       its creation until it finishes, is cancelled or expires, so the bytes it stages count
 *       before they are stored.
 *   <li>Open uploads: an account has at most {@code arca.library.max-open-uploads} unfinished
 *       resumable uploads at once.
 * </ul>
 *
 * Refusals are exceptions that {@link ChunkProblems} answers as problem details, whichever API
 * asked: {@code 413 too-large}, {@code 413 quota-exceeded}, {@code 429 too-many-uploads}.
 */
@Service
public class Admission {

    /** The account has as many unfinished resumable uploads as it may. */
    public static final class TooManyUploadsException extends RuntimeException {
        private final int max;

        TooManyUploadsException(int max) {
            super("too many open uploads", null, false, false);
            this.max = max;
        }

        public int max() {
            return max;
        }
    }

    /** Records an upload once it is admitted. */
    @FunctionalInterface
    interface Opening<T> {
        T open() throws IOException;
    }

    private final JdbcClient jdbc;
    private final Quotas quotas;
    private final LibraryProperties properties;
    private final Clock clock;
    private final Object[] openingLocks = new Object[64];

    private final java.util.List<HeldBytes> heldElsewhere;

    Admission(JdbcClient jdbc, Quotas quotas, LibraryProperties properties, Clock clock,
            java.util.List<HeldBytes> heldElsewhere) {
        this.heldElsewhere = java.util.List.copyOf(heldElsewhere);
        this.jdbc = jdbc;
        this.quotas = quotas;
        this.properties = properties;
        this.clock = clock;
        for (int i = 0; i < openingLocks.length; i++) {
            openingLocks[i] = new Object();
        }
    }

    /** The largest single file accepted, in bytes. */
    public long maxFileSize() {
        return properties.maxUploadSize().toBytes();
    }

    /** The account's quota in bytes. */
    long quota(String accountId) {
        return quotas.quotaOf(accountId);
    }

    /** The bytes the account stores: each distinct chunk once, and what other modules hold for it. */
    long stored(String accountId) {
        long held = 0;
        for (HeldBytes bytes : heldElsewhere) {
            held += bytes.of(accountId);
        }
        return held + jdbc.sql("SELECT COALESCE(SUM(size), 0) FROM chunks WHERE account_id = ?").param(accountId)
                .query(Long.class).single();
    }

    /**
     * The bytes the account's open resumable uploads reserve: their declared lengths. An upload
     * whose last byte has arrived is being stored and reserves nothing more.
     */
    long reserved(String accountId) {
        return jdbc.sql("SELECT COALESCE(SUM(length), 0) FROM uploads WHERE account_id = ? AND item_id IS NULL "
                        + "AND received < length AND expires_at > ?")
                .params(accountId, clock.millis()).query(Long.class).single();
    }

    /** The new bytes the account may still take: its quota less what it stores and what open uploads reserve. */
    public long allowance(String accountId) {
        return Math.max(0, quota(accountId) - stored(accountId) - reserved(accountId));
    }

    /**
     * Refuses, before a byte is read, a file of a known {@code length} that is larger than this
     * server accepts ({@link LimitedInputStream.TooLargeException}) or cannot fit the account's
     * allowance ({@link QuotaExceededException}).
     */
    public void admitFile(String accountId, long length) throws IOException {
        if (length > maxFileSize()) {
            throw new LimitedInputStream.TooLargeException();
        }
        if (length > allowance(accountId)) {
            throw new QuotaExceededException();
        }
    }

    /**
     * Refuses, before a byte is read, a request body of {@code length} bytes holding files
     * (multipart) that cannot fit the account's allowance. The body's length bounds its files'
     * sizes only from above, so the size of each file is held to the limit as it streams.
     */
    public void admitRequest(String accountId, long length) {
        if (length > allowance(accountId)) {
            throw new QuotaExceededException();
        }
    }

    /** {@code in}, failing with {@link LimitedInputStream.TooLargeException} past the largest file size. */
    public InputStream limited(InputStream in) {
        return new LimitedInputStream(in, maxFileSize());
    }

    /**
     * Admits a new resumable upload of {@code length} bytes and records it with {@code open},
     * before any other upload of the account is admitted: so concurrent creations cannot together
     * pass the quota or the number of open uploads (within this process).
     */
    <T> T openUpload(String accountId, long length, Opening<T> open) throws IOException {
        synchronized (openingLocks[Math.floorMod(accountId.hashCode(), openingLocks.length)]) {
            if (length > maxFileSize()) {
                throw new LimitedInputStream.TooLargeException();
            }
            int max = properties.maxOpenUploads();
            int openNow = jdbc.sql("SELECT COUNT(*) FROM uploads WHERE account_id = ? AND item_id IS NULL "
                    + "AND expires_at > ?").params(accountId, clock.millis()).query(Integer.class).single();
            if (openNow >= max) {
                throw new TooManyUploadsException(max);
            }
            if (length > allowance(accountId)) {
                throw new QuotaExceededException();
            }
            return open.open();
        }
    }
}
