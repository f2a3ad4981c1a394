package dev.arca.client.backup;

import dev.arca.client.net.ChunkTransfer;
import dev.arca.client.net.ServerApi;
import dev.arca.protocol.chunk.ContentHash;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * The backups kept on the signed-in server in the clear, before backups were encrypted on the
 * client ({@code --legacy-server}; new backups go to a {@link BackupRepository#onServer} repository
 * the server cannot read): chunks are the account's chunks (encrypted and
 * replicated there, shared with the library and sync, so content already uploaded is not sent
 * again), and snapshots are kept by the server, which holds their chunks until they are
 * forgotten and collects the chunks no snapshot holds any more itself.
 *
 * <p>A backup that takes longer than the server's chunk grace period (1 hour by default) can find
 * early chunks collected when it saves its snapshot; it then fails with the server's message, and
 * running it again sends only what is missing.
 */
public final class ServerRepository implements Repository {

    private final ServerApi api;
    private final String deviceId;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    public ServerRepository(ServerApi api, String deviceId) {
        this.api = api;
        this.deviceId = deviceId;
    }

    @Override
    public boolean hasChunk(String sha256) throws IOException {
        if (known.contains(sha256)) {
            return true;
        }
        boolean stored = ChunkTransfer.missing(api, List.of(sha256)).isEmpty();
        if (stored) {
            known.add(sha256);
        }
        return stored;
    }

    @Override
    public Set<String> missing(java.util.Collection<String> hashes) throws IOException {
        List<String> all = List.copyOf(hashes);
        Set<String> missing = ChunkTransfer.missing(api, all);
        all.stream().filter(h -> !missing.contains(h)).forEach(known::add);
        return missing;
    }

    @Override
    public boolean putChunk(String sha256, byte[] bytes, int length) throws IOException {
        if (hasChunk(sha256)) {
            return false;
        }
        byte[] exact = length == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, length);
        api.putBytes("/api/v1/sync/chunks/" + sha256, exact);
        known.add(sha256);
        return true;
    }

    @Override
    public byte[] chunk(String sha256) throws IOException {
        byte[] bytes;
        try {
            bytes = api.bytes("/api/v1/sync/chunks/" + sha256);
        } catch (ServerApi.Refused e) {
            if (e.status() == 404) {
                throw new RepositoryException("Chunk " + sha256 + " is missing from the server.");
            }
            throw e;
        }
        if (!ContentHash.sha256Hex(bytes).equals(sha256)) {
            throw new RepositoryException("Chunk " + sha256 + " is damaged: its content does not match its hash.");
        }
        return bytes;
    }

    /** None: the server collects the chunks no snapshot, file or transfer needs. */
    @Override
    public long deleteChunksNotIn(java.util.Set<String> used) {
        return 0;
    }

    @Override
    public void saveSnapshot(Snapshot snapshot) throws IOException {
        api.put("/api/v1/backups/snapshots/" + snapshot.id(), Map.of("deviceId", deviceId, "snapshot", snapshot));
    }

    @Override
    public List<Snapshot> snapshots() throws IOException {
        List<Snapshot> snapshots = new ArrayList<>();
        for (JsonNode node : api.get("/api/v1/backups/snapshots").path("snapshots")) {
            snapshots.add(ServerApi.JSON.treeToValue(node, Snapshot.class));
        }
        return snapshots;
    }

    @Override
    public void deleteSnapshot(String id) throws IOException {
        api.delete("/api/v1/backups/snapshots/" + id);
    }

    /** The connection belongs to the command that opened it. */
    @Override
    public void close() {}
}
