package dev.arca.backups;

import dev.arca.library.Chunks;
import dev.arca.protocol.chunk.ContentHash;
import dev.arca.protocol.path.RelativePaths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The backup snapshots of each account. A snapshot is stored as its client wrote it; the server
 * reads only what it needs: its time, host and folder for listing, the chunk hashes of its
 * files, which it holds until the snapshot is forgotten, and the paths and types of its entries,
 * which must make a tree that a restore can write inside its target (see {@link RelativePaths}):
 * a snapshot from one device is restored on others. Snapshots are immutable.
 */
@Service
class Snapshots {

    /** A snapshot body the server cannot accept; the message says why. */
    static final class InvalidSnapshotException extends RuntimeException {
        InvalidSnapshotException(String message) {
            super(message, null, false, false);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Chunks chunks;
    private final TransactionTemplate tx;

    Snapshots(JdbcClient jdbc, Chunks chunks, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.chunks = chunks;
        this.tx = tx;
    }

    /** Saves a snapshot; false when one with this id exists already. */
    boolean save(String accountId, String id, String deviceId, JsonNode snapshot) {
        String host = text(snapshot, "host");
        String source = text(snapshot, "source");
        long takenAt;
        try {
            takenAt = Instant.parse(text(snapshot, "time")).toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidSnapshotException("time is an ISO-8601 instant.");
        }
        if (!id.equals(snapshot.path("id").asString())) {
            throw new InvalidSnapshotException("The snapshot's id is not the one in the address.");
        }
        checkTree(snapshot.path("entries"));
        Set<String> hashes = new LinkedHashSet<>();
        Totals totals = Totals.of(snapshot);
        for (JsonNode entry : snapshot.path("entries")) {
            for (JsonNode chunk : entry.path("chunks")) {
                if (!ContentHash.isSha256Hex(chunk.asString())) {
                    throw new InvalidSnapshotException("A chunk is named by its SHA-256 in lowercase hex.");
                }
                hashes.add(chunk.asString());
            }
        }
        Boolean saved = tx.execute(status -> {
            int inserted = jdbc.sql("INSERT INTO backup_snapshots (account_id, id, device_id, host, source, taken_at, "
                            + "body, files, bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
                    .params(accountId, id, deviceId, host, source, takenAt, JSON.writeValueAsString(snapshot),
                            totals.files(), totals.bytes())
                    .update();
            if (inserted == 0) {
                return false;
            }
            chunks.hold(accountId, holder(id), hashes);
            return true;
        });
        return Boolean.TRUE.equals(saved);
    }

    /** The account's snapshots as their clients wrote them, oldest first. */
    List<JsonNode> list(String accountId) {
        return jdbc.sql("SELECT body FROM backup_snapshots WHERE account_id = ? ORDER BY taken_at, id")
                .param(accountId).query(String.class).list().stream().map(JSON::readTree).toList();
    }

    /** How many files a snapshot holds and their bytes. */
    record Totals(long files, long bytes) {

        static Totals of(JsonNode snapshot) {
            long files = 0;
            long bytes = 0;
            for (JsonNode e : snapshot.path("entries")) {
                if ("file".equals(e.path("type").asString())) {
                    files++;
                    bytes += e.path("size").asLong();
                }
            }
            return new Totals(files, bytes);
        }
    }

    /** A snapshot as the backups page lists it, without its entries. */
    record Listed(String id, String deviceId, String host, String source, long takenAt, Totals totals) {}

    /** The account's snapshots, newest first, without reading their bodies (but for ones saved before totals were kept). */
    List<Listed> listed(String accountId) {
        return jdbc.sql("SELECT id, device_id, host, source, taken_at, files, bytes FROM backup_snapshots "
                        + "WHERE account_id = ? ORDER BY taken_at DESC, id DESC")
                .param(accountId)
                .query((rs, n) -> {
                    long files = rs.getLong(6);
                    Totals totals = rs.wasNull() ? null : new Totals(files, rs.getLong(7));
                    return new Listed(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                            totals);
                })
                .list().stream()
                .map(l -> l.totals() != null ? l : new Listed(l.id(), l.deviceId(), l.host(), l.source(), l.takenAt(),
                        find(accountId, l.id()).map(Totals::of).orElse(new Totals(0, 0))))
                .toList();
    }

    /** One snapshot, as its client wrote it; empty when the account has no such snapshot. */
    java.util.Optional<JsonNode> find(String accountId, String id) {
        return jdbc.sql("SELECT body FROM backup_snapshots WHERE account_id = ? AND id = ?").params(accountId, id)
                .query(String.class).optional().map(JSON::readTree);
    }

    /** Forgets a snapshot; its chunks are collected unless another snapshot or a file uses them. */
    boolean delete(String accountId, String id) {
        Boolean deleted = tx.execute(status -> {
            int removed = jdbc.sql("DELETE FROM backup_snapshots WHERE account_id = ? AND id = ?").params(accountId, id)
                    .update();
            chunks.release(accountId, holder(id));
            return removed > 0;
        });
        return Boolean.TRUE.equals(deleted);
    }

    private static String holder(String id) {
        return "snapshot:" + id;
    }

    /** Refuses entries that are not a list of files, folders and links with paths inside the folder. */
    private static void checkTree(JsonNode entries) {
        if (entries.isMissingNode()) {
            return;
        }
        if (!entries.isArray()) {
            throw new InvalidSnapshotException("entries is a list.");
        }
        List<RelativePaths.Entry> tree = new ArrayList<>();
        for (JsonNode entry : entries) {
            JsonNode path = entry.path("path");
            if (!path.isString()) {
                throw new InvalidSnapshotException("Each entry has a path.");
            }
            JsonNode type = entry.path("type");
            RelativePaths.Kind kind = switch (type.isString() ? type.asString() : "") {
                case "file" -> RelativePaths.Kind.FILE;
                case "dir" -> RelativePaths.Kind.DIR;
                case "symlink" -> RelativePaths.Kind.SYMLINK;
                default -> throw new InvalidSnapshotException("The type of " + RelativePaths.quote(path.asString())
                        + " is not file, dir or symlink.");
            };
            tree.add(new RelativePaths.Entry(path.asString(), kind));
        }
        RelativePaths.treeProblem(tree).ifPresent(problem -> {
            throw new InvalidSnapshotException(problem);
        });
    }

    /** What a revoked device's snapshots say in place of its host name. */
    static final String REVOKED_HOST = "revoked device";

    /**
     * A revoked device's snapshots stay restorable, no longer naming the device: its id goes and
     * its host name is replaced, in the listing and in the body as the client wrote it.
     */
    @org.springframework.context.event.EventListener
    void forget(dev.arca.devices.DeviceRevoked revoked) {
        record Written(String id, String body) {}
        List<Written> written = jdbc.sql("SELECT id, body FROM backup_snapshots WHERE account_id = ? AND device_id = ?")
                .params(revoked.accountId(), revoked.deviceId())
                .query((rs, n) -> new Written(rs.getString(1), rs.getString(2))).list();
        for (Written snapshot : written) {
            tools.jackson.databind.node.ObjectNode body = (tools.jackson.databind.node.ObjectNode) JSON.readTree(snapshot.body());
            body.put("host", REVOKED_HOST);
            jdbc.sql("UPDATE backup_snapshots SET device_id = NULL, host = ?, body = ? WHERE account_id = ? AND id = ?")
                    .params(REVOKED_HOST, JSON.writeValueAsString(body), revoked.accountId(), snapshot.id()).update();
        }
    }

    private static String text(JsonNode snapshot, String field) {
        JsonNode value = snapshot.path(field);
        if (!value.isString() || value.asString().isBlank() || value.asString().length() > 4096) {
            throw new InvalidSnapshotException(field + " is missing or not a short text.");
        }
        return value.asString();
    }
}
