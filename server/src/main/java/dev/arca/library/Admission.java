package dev.arca.library;

import dev.arca.library.internal.ContentIngest.QuotaExceededException;
import dev.arca.library.internal.LimitedInputStream;
import java.io.IOException;
import java.io.InputStream;
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
 *   <li>Quota: the account's stored bytes (its distinct chunks) stay within its quota.
 * </ul>
 *
 * Refusals are exceptions that {@link ChunkProblems} answers as problem details, whichever API
 * asked: {@code 413 too-large}, {@code 413 quota-exceeded}.
 */
@Service
public class Admission {

    /** Records an upload once it is admitted. */
    @FunctionalInterface
    interface Opening<T> {
        T open() throws IOException;
    }

    private final JdbcClient jdbc;
    private final Quotas quotas;
    private final LibraryProperties properties;

    Admission(JdbcClient jdbc, Quotas quotas, LibraryProperties properties) {
        this.jdbc = jdbc;
        this.quotas = quotas;
        this.properties = properties;
    }

    /** The largest single file accepted, in bytes. */
    public long maxFileSize() {
        return properties.maxUploadSize().toBytes();
    }

    /** The account's quota in bytes. */
    long quota(String accountId) {
        return quotas.quotaOf(accountId);
    }

    /** The bytes the account stores: each distinct chunk once. */
    long stored(String accountId) {
        return jdbc.sql("SELECT COALESCE(SUM(size), 0) FROM chunks WHERE account_id = ?").param(accountId)
                .query(Long.class).single();
    }

    /** The new bytes the account may still take: its quota less what it stores. */
    public long allowance(String accountId) {
        return Math.max(0, quota(accountId) - stored(accountId));
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

    /** Admits a new resumable upload of {@code length} bytes, as a file of that length, and records it with {@code open}. */
    <T> T openUpload(String accountId, long length, Opening<T> open) throws IOException {
        admitFile(accountId, length);
        return open.open();
    }
}
