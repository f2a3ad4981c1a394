package dev.arca.transfers;

import dev.arca.library.Chunks;
import dev.arca.library.PlainCopy;
import dev.arca.media.MediaTypes;
import dev.arca.media.Thumbnailer;
import dev.arca.platform.Secrets;
import dev.arca.protocol.manifest.FileManifest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Files on their way from one of the user's devices to another. The content is the account's
 * chunks, held under {@code transfer:<id>} until the transfer ends: delivered (the receiving
 * device deletes it), cancelled, or expired.
 */
@Service
public class Transfers {

    private static final Logger log = LoggerFactory.getLogger(Transfers.class);

    /** A file waiting for a device. */
    public record Transfer(String id, String fromDevice, String toDevice, String filename, long size, String sha256,
            Instant createdAt, Instant expiresAt) {}

    private final JdbcClient jdbc;
    private final Chunks chunks;
    private final Thumbnailer thumbnailer;
    private final TransfersProperties properties;
    private final Clock clock;

    Transfers(JdbcClient jdbc, Chunks chunks, Thumbnailer thumbnailer, TransfersProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.chunks = chunks;
        this.thumbnailer = thumbnailer;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Sends the file the manifest describes (its chunks already stored) to {@code toDevice}. With
     * {@code fit}, an image is sent instead as a JPEG whose longest side is at most that many pixels,
     * honouring its orientation; anything that is not such an image is sent as it is.
     */
    public Transfer send(String accountId, String fromDevice, String toDevice, String filename, FileManifest manifest,
            Integer fit) throws IOException {
        String id = Secrets.newId();
        String holder = "transfer:" + id;
        FileManifest sent = manifest;
        String name = filename;
        if (fit != null) {
            Optional<byte[]> fitted = fitted(accountId, manifest, filename, fit);
            if (fitted.isPresent()) {
                try (InputStream in = new ByteArrayInputStream(fitted.get())) {
                    sent = chunks.storeHeld(accountId, holder, in);
                }
                int dot = filename.lastIndexOf('.');
                name = (dot > 0 ? filename.substring(0, dot) : filename) + ".jpg";
            }
        }
        if (sent == manifest) {
            chunks.hold(accountId, holder, manifest);
        }
        long now = clock.millis();
        long expires = now + properties.expiry().toMillis();
        jdbc.sql("INSERT INTO transfers (id, account_id, from_device, to_device, filename, size, sha256, manifest, "
                        + "created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, accountId, fromDevice, toDevice, name, sent.size(), sent.sha256(), sent.encode(), now,
                        expires)
                .update();
        return new Transfer(id, fromDevice, toDevice, name, sent.size(), sent.sha256(), Instant.ofEpochMilli(now),
                Instant.ofEpochMilli(expires));
    }

    private Optional<byte[]> fitted(String accountId, FileManifest manifest, String filename, int fit)
            throws IOException {
        try (PlainCopy copy = chunks.copy(accountId, manifest, filename)) {
            byte[] head;
            try (InputStream in = Files.newInputStream(copy.path())) {
                head = in.readNBytes(64 * 1024);
            }
            var type = MediaTypes.detect(head, filename);
            if (type.kind() != dev.arca.media.MediaKind.IMAGE) {
                return Optional.empty();
            }
            return thumbnailer.fit(copy.path(), type, fit);
        }
    }

    /** The transfers waiting for a device, oldest first. */
    public List<Transfer> waitingFor(String accountId, String deviceId) {
        return jdbc.sql("SELECT id, from_device, to_device, filename, size, sha256, created_at, expires_at "
                        + "FROM transfers WHERE account_id = ? AND to_device = ? AND expires_at > ? ORDER BY created_at, id")
                .params(accountId, deviceId, clock.millis())
                .query((rs, n) -> new Transfer(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getString(6), Instant.ofEpochMilli(rs.getLong(7)),
                        Instant.ofEpochMilli(rs.getLong(8))))
                .list();
    }

    public Optional<FileManifest> manifest(String accountId, String transferId) {
        return jdbc.sql("SELECT manifest FROM transfers WHERE id = ? AND account_id = ? AND expires_at > ?")
                .params(transferId, accountId, clock.millis()).query(String.class).optional().map(FileManifest::parse);
    }

    /** Ends a transfer: delivered or cancelled. False when there is no such transfer. */
    public boolean end(String accountId, String transferId) {
        int removed = jdbc.sql("DELETE FROM transfers WHERE id = ? AND account_id = ?").params(transferId, accountId)
                .update();
        chunks.release(accountId, "transfer:" + transferId);
        return removed > 0;
    }

    /** Removes expired transfers and releases their content. */
    @Scheduled(fixedDelayString = "${arca.transfers.purge-interval:1h}", initialDelayString = "${arca.transfers.purge-delay:5m}")
    public int purgeExpired() {
        record Expired(String id, String accountId) {}
        List<Expired> expired = jdbc.sql("SELECT id, account_id FROM transfers WHERE expires_at <= ?")
                .param(clock.millis()).query((rs, n) -> new Expired(rs.getString(1), rs.getString(2))).list();
        expired.forEach(e -> end(e.accountId(), e.id()));
        if (!expired.isEmpty()) {
            log.info("Removed {} expired transfers", expired.size());
        }
        return expired.size();
    }

    /**
     * Files on their way to a revoked device can no longer be delivered and go; files it sent
     * still reach their device, no longer saying where they came from.
     */
    @org.springframework.context.event.EventListener
    void forget(dev.arca.devices.DeviceRevoked revoked) {
        jdbc.sql("SELECT id FROM transfers WHERE account_id = ? AND to_device = ?")
                .params(revoked.accountId(), revoked.deviceId()).query(String.class).list()
                .forEach(id -> end(revoked.accountId(), id));
        jdbc.sql("UPDATE transfers SET from_device = NULL WHERE account_id = ? AND from_device = ?")
                .params(revoked.accountId(), revoked.deviceId()).update();
    }
}
