package dev.arca.devices;

import dev.arca.accounts.Tokens;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The devices of each account. A device registers with the id it chose, its name and the
 * token it signed in with; revoking it ends that token and deletes its partition data.
 */
@Service
public class Devices {

    /** A device as its owner sees it. */
    public record Device(String id, String name, boolean signedIn, Instant createdAt, Instant lastSeenAt,
            List<Partition> partitions) {}

    /** A partition holding a folder the device syncs or backs up. */
    public record Partition(String volumeLabel, String fileSystem, long sizeBytes, long freeBytes) {}

    private final JdbcClient jdbc;
    private final Tokens tokens;
    private final Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;

    Devices(JdbcClient jdbc, Tokens tokens, Clock clock, org.springframework.context.ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
        this.tokens = tokens;
        this.clock = clock;
    }

    /**
     * Registers (or re-registers) a device. False when the id belongs to another account or
     * the token is not one of this account's.
     */
    @Transactional
    public boolean register(String accountId, String deviceId, String name, String tokenId) {
        if (tokenId != null && !tokens.exists(accountId, tokenId)) {
            return false;
        }
        Optional<String> owner = jdbc.sql("SELECT account_id FROM devices WHERE id = ?").param(deviceId)
                .query(String.class).optional();
        if (owner.isPresent() && !owner.get().equals(accountId)) {
            return false;
        }
        long now = clock.millis();
        if (owner.isPresent()) {
            jdbc.sql("UPDATE devices SET name = ?, token_id = ?, last_seen_at = ? WHERE id = ?")
                    .params(name, tokenId, now, deviceId).update();
        } else {
            jdbc.sql("INSERT INTO devices (id, account_id, name, token_id, created_at, last_seen_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?)").params(deviceId, accountId, name, tokenId, now, now).update();
        }
        return true;
    }

    /** Whether the device is one of the account's. */
    public boolean owns(String accountId, String deviceId) {
        return jdbc.sql("SELECT COUNT(*) FROM devices WHERE id = ? AND account_id = ?").params(deviceId, accountId)
                .query(Integer.class).single() > 0;
    }

    public List<Device> list(String accountId) {
        java.util.Set<String> live = tokens.ids(accountId);
        return jdbc.sql("SELECT id, name, token_id, created_at, last_seen_at FROM devices WHERE account_id = ? "
                        + "ORDER BY created_at, id")
                .param(accountId)
                .query((rs, n) -> new Device(rs.getString(1), rs.getString(2),
                        rs.getString(3) != null && live.contains(rs.getString(3)),
                        Instant.ofEpochMilli(rs.getLong(4)), Instant.ofEpochMilli(rs.getLong(5)), List.of()))
                .list().stream()
                .map(d -> new Device(d.id(), d.name(), d.signedIn(), d.createdAt(), d.lastSeenAt(),
                        partitions(d.id())))
                .toList();
    }

    public boolean rename(String accountId, String deviceId, String name) {
        return jdbc.sql("UPDATE devices SET name = ? WHERE id = ? AND account_id = ?").params(name, deviceId, accountId)
                .update() > 0;
    }

    /** Replaces the device's partition data with what it reports now. */
    @Transactional
    public boolean reportPartitions(String accountId, String deviceId, List<Partition> partitions) {
        if (jdbc.sql("UPDATE devices SET last_seen_at = ? WHERE id = ? AND account_id = ?")
                .params(clock.millis(), deviceId, accountId).update() == 0) {
            return false;
        }
        jdbc.sql("DELETE FROM device_partitions WHERE device_id = ?").param(deviceId).update();
        for (Partition p : partitions) {
            jdbc.sql("INSERT INTO device_partitions (device_id, account_id, volume_label, file_system, size_bytes, "
                            + "free_bytes, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                    .params(deviceId, accountId, p.volumeLabel(), p.fileSystem(), p.sizeBytes(), p.freeBytes(),
                            clock.millis())
                    .update();
        }
        return true;
    }

    /**
     * Ends the device's token and deletes the device with its partition data; everything else
     * that names the device forgets it in the same transaction ({@link DeviceRevoked}).
     */
    @Transactional
    public boolean revoke(String accountId, String deviceId) {
        Optional<String> token = jdbc.sql("SELECT token_id FROM devices WHERE id = ? AND account_id = ?")
                .params(deviceId, accountId).query((rs, n) -> Optional.ofNullable(rs.getString(1))).optional()
                .orElse(null);
        if (token == null) {
            return false;
        }
        token.ifPresent(t -> tokens.revoke(accountId, t));
        jdbc.sql("DELETE FROM devices WHERE id = ? AND account_id = ?").params(deviceId, accountId).update();
        events.publishEvent(new DeviceRevoked(accountId, deviceId));
        return true;
    }

    private List<Partition> partitions(String deviceId) {
        return jdbc.sql("SELECT volume_label, file_system, size_bytes, free_bytes FROM device_partitions "
                        + "WHERE device_id = ? ORDER BY volume_label")
                .param(deviceId)
                .query((rs, n) -> new Partition(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)))
                .list();
    }
}
