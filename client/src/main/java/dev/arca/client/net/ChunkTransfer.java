package dev.arca.client.net;

import dev.arca.client.fs.SafePaths;
import dev.arca.protocol.api.ProblemTypes;
import dev.arca.protocol.chunk.ContentHash;
import dev.arca.protocol.delta.Delta;
import dev.arca.protocol.delta.Signature;
import dev.arca.protocol.manifest.ChunkPack;
import dev.arca.protocol.manifest.ChunkRef;
import dev.arca.protocol.manifest.FileManifest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Content to and from the server chunk by chunk, as sync and transfer send it: ask which chunks
 * the account lacks, send only those (read again from the file; the server checks each against its
 * hash, so a file that changed meanwhile is noticed),
 * and fetch a file's chunks, taking what a local source holds, into a file checked against the
 * manifest's SHA-256.
 */
public final class ChunkTransfer {

    /** Where a test may cut a transfer off, as a crash or a broken connection would. */
    public interface Checkpoint {
        Checkpoint NONE = step -> {};

        void at(String step) throws IOException;
    }

    /** Chunks this device holds already; {@code read} answers null for one it does not. */
    public interface LocalSource {
        LocalSource NONE = chunk -> null;

        byte[] read(ChunkRef chunk) throws IOException;
    }

    /** The file no longer has the content its manifest describes. */
    public static final class FileChangedException extends IOException {
        public FileChangedException(Path file) {
            super(file + " changed while it was sent");
        }
    }

    private static final int QUESTION = 10_000;
    /**
     * Requests of one file in flight at once, either way: uploads overlap their disk syncs on the
     * server, downloads their round trips; memory stays at a few packs or chunks.
     */
    private static final int IN_FLIGHT = 4;
    /**
     * Bytes of chunks sent in one request, at most: a request costs the server about as much as
     * hashing a few hundred KB, so chunks of a MiB go several together.
     */
    public static final int PACK_BYTES = 8 << 20;
    /** Below this a chunk is sent whole: the signature would cost about what a delta saves. */
    private static final int MIN_DELTA = 64 * 1024;

    private ChunkTransfer() {}

    /**
     * Sends the chunks among {@code candidates} that the server says it lacks, read from
     * {@code file}. With a {@code base} (an earlier content the server holds), a changed chunk goes
     * as a delta to the base chunk at the same place when that is less than half its size.
     */
    public static void sendMissing(ServerApi api, Path file, FileManifest manifest, List<String> candidates,
            FileManifest base, Checkpoint checkpoint) throws IOException {
        Set<String> missing = missing(api, candidates);
        if (missing.isEmpty()) {
            return;
        }
        Semaphore room = new Semaphore(IN_FLIGHT);
        List<Future<?>> sends = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            List<String> hashes = new ArrayList<>();
            List<byte[]> contents = new ArrayList<>();
            long packed = 0;
            long offset = 0;
            for (ChunkRef chunk : manifest.chunks()) {
                if (missing.remove(chunk.sha256())) {
                    byte[] bytes = read(channel, offset, chunk.length());
                    checkpoint.at("chunk");
                    String baseChunk = base == null ? null : chunkAt(base, offset, chunk.length());
                    if (baseChunk != null) {
                        submit(senders, room, sends, () -> sendOne(api, file, chunk.sha256(), bytes, baseChunk));
                    } else {
                        if (packed + bytes.length > PACK_BYTES && !hashes.isEmpty()) {
                            submitPack(api, file, senders, room, sends, hashes, contents);
                            hashes = new ArrayList<>();
                            contents = new ArrayList<>();
                            packed = 0;
                        }
                        hashes.add(chunk.sha256());
                        contents.add(bytes);
                        packed += bytes.length;
                    }
                }
                offset += chunk.length();
            }
            if (!hashes.isEmpty()) {
                submitPack(api, file, senders, room, sends, hashes, contents);
            }
            Tasks.awaitAll(sends);
        }
    }

    private interface Send {
        void run() throws IOException;
    }

    private static void submit(ExecutorService senders, Semaphore room, List<Future<?>> sends, Send send)
            throws IOException {
        Tasks.acquire(room);
        sends.add(senders.submit(() -> {
            try {
                send.run();
                return null;
            } finally {
                room.release();
            }
        }));
    }

    private static void submitPack(ServerApi api, Path file, ExecutorService senders, Semaphore room,
            List<Future<?>> sends, List<String> hashes, List<byte[]> contents) throws IOException {
        submit(senders, room, sends, () -> {
            if (!sendTogether(api, hashes, contents).isEmpty()) {
                throw new FileChangedException(file);
            }
        });
    }

    /**
     * Sends chunks in one request, a chunk pack (one alone goes as a plain chunk). When some do not
     * have the hash they are sent under (their file changed since it was cut), the pack stores
     * nothing and they go again one by one; returns the indexes of those the server refused, empty
     * when all are stored.
     */
    public static List<Integer> sendTogether(ServerApi api, List<String> hashes, List<byte[]> contents)
            throws IOException {
        try {
            if (hashes.size() == 1) {
                api.putBytes("/api/v1/sync/chunks/" + hashes.getFirst(), contents.getFirst());
            } else {
                ChunkPack.Writer pack = new ChunkPack.Writer();
                for (int i = 0; i < hashes.size(); i++) {
                    pack.add(hashes.get(i), contents.get(i));
                }
                api.postBytes("/api/v1/sync/chunks", ChunkPack.MEDIA_TYPE, pack.parts(),
                        contents.stream().mapToLong(c -> c.length).sum());
            }
            return List.of();
        } catch (ServerApi.Refused e) {
            if (!ProblemTypes.CHECKSUM_MISMATCH.equals(e.type())) {
                throw e;
            }
            if (hashes.size() == 1) {
                return List.of(0);
            }
        }
        List<Integer> refused = new ArrayList<>();
        for (int i = 0; i < hashes.size(); i++) {
            try {
                api.putBytes("/api/v1/sync/chunks/" + hashes.get(i), contents.get(i));
            } catch (ServerApi.Refused one) {
                if (!ProblemTypes.CHECKSUM_MISMATCH.equals(one.type())) {
                    throw one;
                }
                refused.add(i);
            }
        }
        return refused;
    }

    /** Sends one chunk as a delta to {@code baseChunk}, or whole when the delta is not worth it. */
    private static void sendOne(ServerApi api, Path file, String hash, byte[] bytes, String baseChunk)
            throws IOException {
        try {
            if (!sentAsDelta(api, hash, bytes, baseChunk)) {
                api.putBytes("/api/v1/sync/chunks/" + hash, bytes);
            }
        } catch (ServerApi.Refused e) {
            // The server hashes what it receives: other bytes mean the file changed since it was cut.
            if (ProblemTypes.CHECKSUM_MISMATCH.equals(e.type())) {
                throw new FileChangedException(file);
            }
            throw e;
        }
    }

    /** The hashes among {@code hashes} the account does not store, asking {@value #QUESTION} at a time. */
    public static Set<String> missing(ServerApi api, List<String> hashes) throws IOException {
        Set<String> missing = new LinkedHashSet<>();
        for (int from = 0; from < hashes.size(); from += QUESTION) {
            api.post("/api/v1/sync/chunks/missing",
                            Map.of("hashes", hashes.subList(from, Math.min(hashes.size(), from + QUESTION))))
                    .path("missing").forEach(h -> missing.add(h.asString()));
        }
        return missing;
    }

    /** Sends every chunk of the file the server lacks. */
    public static void sendMissing(ServerApi api, Path file, FileManifest manifest, Checkpoint checkpoint)
            throws IOException {
        sendMissing(api, file, manifest, manifest.chunks().stream().map(ChunkRef::sha256).distinct().toList(), null,
                checkpoint);
    }

    /** The base chunk that overlaps most with {@code [offset, offset + length)}, if it is worth a delta. */
    private static String chunkAt(FileManifest base, long offset, int length) {
        long at = 0;
        String best = null;
        long bestOverlap = 0;
        for (ChunkRef chunk : base.chunks()) {
            long overlap = Math.min(at + chunk.length(), offset + length) - Math.max(at, offset);
            if (overlap > bestOverlap) {
                bestOverlap = overlap;
                best = chunk.sha256();
            }
            if (at > offset + length) {
                break;
            }
            at += chunk.length();
        }
        return bestOverlap >= MIN_DELTA ? best : null;
    }

    /** Sends the chunk as a delta to {@code base} when that is worth it; false when it was not sent. */
    private static boolean sentAsDelta(ServerApi api, String hash, byte[] bytes, String base) throws IOException {
        Signature signature;
        try {
            signature = Signature.decode(api.bytes("/api/v1/sync/chunks/" + base + "/signature"));
        } catch (ServerApi.Refused gone) {
            return false;
        }
        byte[] delta = Delta.encode(bytes, signature);
        if (delta.length > bytes.length / 2) {
            return false;
        }
        api.putBytes("/api/v1/sync/chunks/" + hash + "?base=" + base, delta);
        return true;
    }

    /**
     * Writes the manifest's content to {@code target}, which must not exist (a link there included,
     * see {@link SafePaths#createNew}), and syncs it to disk. Chunks the local source lacks are
     * fetched {@value #IN_FLIGHT} at a time, ahead of the writing, which stays in order.
     *
     * @throws IOException when a chunk or the whole does not match its hash (the target is then incomplete)
     */
    public static void fetch(ServerApi api, FileManifest manifest, Path target, LocalSource local,
            Checkpoint checkpoint) throws IOException {
        MessageDigest digest = ContentHash.newSha256();
        List<ChunkRef> chunks = manifest.chunks();
        try (FileChannel out = SafePaths.createNew(target);
                ExecutorService fetchers = Executors.newVirtualThreadPerTaskExecutor()) {
            java.util.ArrayDeque<Future<byte[]>> ahead = new java.util.ArrayDeque<>();
            int next = 0;
            try {
                for (int i = 0; i < chunks.size(); i++) {
                    while (next < chunks.size() && ahead.size() < IN_FLIGHT) {
                        ChunkRef chunk = chunks.get(next++);
                        ahead.add(fetchers.submit(() -> bytesOf(api, chunk, local, checkpoint)));
                    }
                    byte[] bytes = Tasks.await(ahead.remove());
                    digest.update(bytes);
                    out.write(ByteBuffer.wrap(bytes));
                }
            } finally {
                ahead.forEach(fetch -> fetch.cancel(true));
            }
            out.force(true);
        }
        if (!ContentHash.hex(digest).equals(manifest.sha256())) {
            throw new IOException("the content received does not match its hash");
        }
    }

    /** A chunk's bytes: from the local source when it holds them, else from the server, checked. */
    private static byte[] bytesOf(ServerApi api, ChunkRef chunk, LocalSource local, Checkpoint checkpoint)
            throws IOException {
        byte[] bytes = local.read(chunk);
        if (bytes != null) {
            return bytes;
        }
        checkpoint.at("fetch");
        bytes = api.bytes("/api/v1/sync/chunks/" + chunk.sha256());
        if (!ContentHash.sha256Hex(bytes).equals(chunk.sha256())) {
            throw new IOException("the server sent a chunk that does not match its hash");
        }
        return bytes;
    }

    /** Reads {@code length} bytes at {@code offset}. */
    public static byte[] read(FileChannel channel, long offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) {
                throw new IOException("the file is shorter than its manifest");
            }
        }
        return buffer.array();
    }
}
