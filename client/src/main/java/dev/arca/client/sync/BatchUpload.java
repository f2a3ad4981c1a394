package dev.arca.client.sync;

import dev.arca.client.net.ChunkTransfer;
import dev.arca.client.net.ServerApi;
import dev.arca.client.net.Tasks;
import dev.arca.protocol.api.ProblemTypes;
import dev.arca.protocol.manifest.ChunkRef;
import dev.arca.protocol.manifest.FileManifest;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import tools.jackson.databind.JsonNode;

/**
 * Uploads many new files at once, the way a first sync of a folder of small files needs: one
 * question for all their chunks, sent in packs of up to {@value ChunkTransfer#PACK_BYTES} bytes,
 * several requests in flight, and the commits in batches that the server writes
 * in one transaction each. A file that changed meanwhile is left for the next pass; a file the
 * batch could not commit is handed back for the one-by-one path.
 */
final class BatchUpload {

    /** Commits the server accepted, in order, each with its journal entry; called once per batch. */
    interface Committed {
        void record(Map<LocalScan.LocalFile, JsonNode> entries) throws IOException;
    }

    private static final int COMMITS = 500;
    private static final int IN_FLIGHT = 4;

    private final ServerApi api;
    private final String folder;
    private final String deviceId;
    private final ChunkTransfer.Checkpoint checkpoint;

    BatchUpload(ServerApi api, String folder, String deviceId, ChunkTransfer.Checkpoint checkpoint) {
        this.api = api;
        this.folder = folder;
        this.deviceId = deviceId;
        this.checkpoint = checkpoint;
    }

    /** One chunk on its way, and the file it was read from. */
    private record Piece(LocalScan.LocalFile file, String hash, byte[] bytes) {}

    /** Uploads and commits the files (all new on the server); returns those to try one by one. */
    List<LocalScan.LocalFile> run(List<LocalScan.LocalFile> files, Committed committed) throws IOException {
        Map<LocalScan.LocalFile, FileManifest> manifests = new LinkedHashMap<>();
        Set<String> candidates = new LinkedHashSet<>();
        for (LocalScan.LocalFile file : files) {
            FileManifest manifest = FileManifest.parse(file.manifest());
            manifests.put(file, manifest);
            manifest.chunks().forEach(c -> candidates.add(c.sha256()));
        }
        Set<String> missing = ChunkTransfer.missing(api, List.copyOf(candidates));
        Set<LocalScan.LocalFile> changed = java.util.concurrent.ConcurrentHashMap.newKeySet();
        send(manifests, missing, changed);
        List<LocalScan.LocalFile> ready = files.stream().filter(f -> !changed.contains(f)).toList();
        List<LocalScan.LocalFile> again = new ArrayList<>();
        for (int from = 0; from < ready.size(); from += COMMITS) {
            List<LocalScan.LocalFile> part = ready.subList(from, Math.min(ready.size(), from + COMMITS));
            checkpoint.at("commit");
            List<Map<String, Object>> commits = new ArrayList<>();
            for (LocalScan.LocalFile file : part) {
                Map<String, Object> commit = new LinkedHashMap<>();
                commit.put("folder", folder);
                commit.put("path", file.path());
                commit.put("manifest", file.manifest());
                commit.put("baseVersion", 0);
                commit.put("mtime", file.mtime());
                commit.put("deviceId", deviceId);
                commits.add(commit);
            }
            JsonNode results = api.post("/api/v1/sync/files/batch", Map.of("commits", commits)).path("results");
            Map<LocalScan.LocalFile, JsonNode> accepted = new LinkedHashMap<>();
            for (int i = 0; i < part.size(); i++) {
                JsonNode result = results.get(i);
                if (result.has("seq")) {
                    accepted.put(part.get(i), result);
                } else if (ProblemTypes.MISSING_CHUNKS.equals(result.path("type").asString())) {
                    again.add(part.get(i));
                }
                // Any other refusal (someone else's commit came first) is seen by the next pass.
            }
            committed.record(accepted);
        }
        return again;
    }

    /** Reads each file once and sends the chunks the server lacks, each once, in packs. */
    private void send(Map<LocalScan.LocalFile, FileManifest> manifests, Set<String> missing,
            Set<LocalScan.LocalFile> changed) throws IOException {
        Semaphore room = new Semaphore(IN_FLIGHT);
        List<Future<?>> sends = new ArrayList<>();
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Piece> pack = new ArrayList<>();
            long packed = 0;
            for (var entry : manifests.entrySet()) {
                LocalScan.LocalFile file = entry.getKey();
                try (FileChannel channel = FileChannel.open(file.file(), StandardOpenOption.READ)) {
                    long offset = 0;
                    for (ChunkRef chunk : entry.getValue().chunks()) {
                        if (missing.remove(chunk.sha256())) {
                            checkpoint.at("chunk");
                            if (packed + chunk.length() > ChunkTransfer.PACK_BYTES && !pack.isEmpty()) {
                                submit(senders, room, sends, pack, changed);
                                pack = new ArrayList<>();
                                packed = 0;
                            }
                            pack.add(new Piece(file, chunk.sha256(), ChunkTransfer.read(channel, offset,
                                    chunk.length())));
                            packed += chunk.length();
                        }
                        offset += chunk.length();
                    }
                } catch (java.nio.file.NoSuchFileException | ChunkTransfer.FileChangedException gone) {
                    changed.add(file);
                }
            }
            if (!pack.isEmpty()) {
                submit(senders, room, sends, pack, changed);
            }
            Tasks.awaitAll(sends);
        }
    }

    private void submit(ExecutorService senders, Semaphore room, List<Future<?>> sends, List<Piece> pieces,
            Set<LocalScan.LocalFile> changed) throws IOException {
        Tasks.acquire(room);
        sends.add(senders.submit(() -> {
            try {
                List<Integer> refused = ChunkTransfer.sendTogether(api, pieces.stream().map(Piece::hash).toList(),
                        pieces.stream().map(Piece::bytes).toList());
                refused.forEach(i -> changed.add(pieces.get(i).file()));
                return null;
            } finally {
                room.release();
            }
        }));
    }
}
