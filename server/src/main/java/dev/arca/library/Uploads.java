package dev.arca.library;

import dev.arca.library.internal.UploadStaging;
import dev.arca.platform.Secrets;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Resumable uploads: an upload has a declared length, and its bytes arrive in any number of
 * appends, each durable before it is acknowledged. When the last byte arrives the content is
 * stored as a new item in the same transaction that marks the upload finished. Until then the
 * upload reserves its length of the account's quota and counts among its open uploads
 * ({@link Admission}); it expires {@code upload-expiry} after its last change, and at the latest
 * {@code upload-lifetime} after its creation.
 */
@Service
public class Uploads {

    /** An upload's state. {@code itemId} is set once it is finished. */
    public record Upload(String id, long length, long received, String filename, String metadata, String itemId,
            Instant createdAt, Instant expiresAt) {
        public boolean finished() {
            return itemId != null;
        }
    }

    /** The append did not start where the upload stands. */
    public static final class OffsetMismatchException extends RuntimeException {
        OffsetMismatchException() {
            super("offset mismatch", null, false, false);
        }
    }

    /** The bytes received do not match the checksum sent with them; they were discarded. */
    public static final class ChecksumMismatchException extends RuntimeException {
        ChecksumMismatchException() {
            super("checksum mismatch", null, false, false);
        }
    }

    /** More bytes were sent than the upload declared. */
    public static final class TooLongException extends RuntimeException {
        TooLongException() {
            super("longer than declared", null, false, false);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(Uploads.class);

    private final JdbcClient jdbc;
    private final UploadStaging staging;
    private final Library library;
    private final Admission admission;
    private final LibraryProperties properties;
    private final Clock clock;
    private final ReentrantLock[] locks = new ReentrantLock[256];

    Uploads(JdbcClient jdbc, UploadStaging staging, Library library, Admission admission, LibraryProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.staging = staging;
        this.library = library;
        this.admission = admission;
        this.properties = properties;
        this.clock = clock;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** Opens an upload of {@code length} bytes when {@link Admission} admits it. */
    public Upload create(String accountId, long length, String filename, String metadata) throws IOException {
        return admission.openUpload(accountId, length, () -> {
            String id = Secrets.newId();
            long now = clock.millis();
            staging.create(id);
            jdbc.sql("INSERT INTO uploads (id, account_id, length, received, filename, metadata, created_at, "
                            + "expires_at) VALUES (?, ?, ?, 0, ?, ?, ?, ?)")
                    .params(id, accountId, length, filename, metadata, now, expiresAt(now, now))
                    .update();
            return find(accountId, id).orElseThrow();
        });
    }

    /** The upload if it belongs to the account; expired ones are reported as absent. */
    public Optional<Upload> find(String accountId, String id) {
        return jdbc.sql("SELECT id, length, received, filename, metadata, item_id, created_at, expires_at "
                        + "FROM uploads WHERE id = ? AND account_id = ? AND expires_at > ?")
                .params(id, accountId, clock.millis())
                .query((rs, n) -> new Upload(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), Instant.ofEpochMilli(rs.getLong(7)),
                        Instant.ofEpochMilli(rs.getLong(8))))
                .optional();
    }

    /**
     * Appends bytes at {@code offset}. With a {@code digest} and {@code expected} checksum the
     * append is all or nothing; without, whatever arrived before a broken connection is kept.
     * Returns the upload after the append (finished when that was its last byte).
     */
    public Upload append(String accountId, Upload upload, long offset, InputStream in, MessageDigest digest,
            byte[] expected) throws IOException {
        ReentrantLock lock = locks[Math.floorMod(upload.id().hashCode(), locks.length)];
        lock.lock();
        try {
            Upload current = find(accountId, upload.id()).orElseThrow(OffsetMismatchException::new);
            if (current.finished() || current.received() != offset) {
                throw new OffsetMismatchException();
            }
            long room = current.length() - offset;
            UploadStaging.Appended appended = staging.append(accountId, current.id(), offset, in, room + 1, digest);
            if (appended.bytes() > room) {
                staging.truncate(current.id(), offset);
                throw new TooLongException();
            }
            if (digest != null && (appended.interrupted() || !MessageDigest.isEqual(digest.digest(), expected))) {
                staging.truncate(current.id(), offset);
                throw new ChecksumMismatchException();
            }
            long received = offset + appended.bytes();
            jdbc.sql("UPDATE uploads SET received = ?, expires_at = ? WHERE id = ?")
                    .params(received, expiresAt(current.createdAt().toEpochMilli(), clock.millis()), current.id())
                    .update();
            if (received == current.length() && !appended.interrupted()) {
                finish(accountId, current);
            }
            return find(accountId, current.id()).orElseThrow();
        } finally {
            lock.unlock();
        }
    }

    /** Cancels an upload and deletes its bytes; false when there is no such upload. */
    public boolean terminate(String accountId, String id) throws IOException {
        int deleted = jdbc.sql("DELETE FROM uploads WHERE id = ? AND account_id = ?").params(id, accountId).update();
        if (deleted > 0) {
            staging.delete(id);
        }
        return deleted > 0;
    }

    /**
     * When an upload created at {@code createdAt} and changed at {@code now} expires: each change
     * keeps it {@code arca.library.upload-expiry} longer, but never past
     * {@code arca.library.upload-lifetime} after its creation, so an open upload cannot hold its
     * reservation of the quota for ever by sending a byte now and then.
     */
    private long expiresAt(long createdAt, long now) {
        return Math.min(now + properties.uploadExpiry().toMillis(),
                createdAt + properties.uploadLifetime().toMillis());
    }

    /** Deletes uploads whose time ran out, every ten minutes. */
    @Scheduled(fixedDelayString = "${arca.library.upload-cleanup-interval:10m}")
    public void deleteExpired() {
        List<String> expired = jdbc.sql("SELECT id FROM uploads WHERE expires_at <= ?").param(clock.millis())
                .query(String.class).list();
        for (String id : expired) {
            jdbc.sql("DELETE FROM uploads WHERE id = ?").param(id).update();
            try {
                staging.delete(id);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (!expired.isEmpty()) {
            log.info("Deleted {} expired uploads", expired.size());
        }
    }

    private void finish(String accountId, Upload upload) throws IOException {
        try (InputStream content = staging.open(accountId, upload.id(), upload.length())) {
            library.create(accountId, upload.filename(), content, upload.length(), itemId ->
                    jdbc.sql("UPDATE uploads SET item_id = ? WHERE id = ?").params(itemId, upload.id()).update());
        } catch (RuntimeException | IOException e) {
            // Quota or storage failure: the upload cannot become an item; its bytes go.
            terminate(accountId, upload.id());
            throw e;
        }
        staging.delete(upload.id());
    }
}
