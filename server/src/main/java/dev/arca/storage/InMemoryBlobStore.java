package dev.arca.storage;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A blob store in the heap: the reference for the {@link BlobStore} contract and a fast stand-in
 * in tests of the layers above. Memory does not rot, so it keeps plain copies without a checksum;
 * a scrub only counts. Nothing survives the process.
 */
public final class InMemoryBlobStore implements BlobStore {

    private record Stored(byte[] bytes, Instant modified) {}

    private final Map<String, Stored> blobs = new ConcurrentHashMap<>();
    private final Clock clock;

    public InMemoryBlobStore() {
        this(Clock.systemUTC());
    }

    public InMemoryBlobStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void put(String key, byte[] bytes) {
        BlobKeys.requireKey(key);
        blobs.put(key, new Stored(bytes.clone(), clock.instant()));
    }

    @Override
    public byte[] get(String key) {
        Stored stored = blobs.get(BlobKeys.requireKey(key));
        if (stored == null) {
            throw new BlobNotFoundException(key);
        }
        return stored.bytes().clone();
    }

    @Override
    public byte[] getRange(String key, long offset, int length) {
        BlobKeys.requireRange(offset, length);
        Stored stored = blobs.get(BlobKeys.requireKey(key));
        if (stored == null) {
            throw new BlobNotFoundException(key);
        }
        if (offset + length > stored.bytes().length) {
            throw new BlobCorruptException(key, 1);
        }
        return java.util.Arrays.copyOfRange(stored.bytes(), (int) offset, (int) offset + length);
    }

    @Override
    public boolean exists(String key) {
        return blobs.containsKey(BlobKeys.requireKey(key));
    }

    @Override
    public void delete(String key) {
        blobs.remove(BlobKeys.requireKey(key));
    }

    @Override
    public void deletePrefix(String prefix) {
        BlobKeys.requirePrefix(prefix, false);
        blobs.keySet().removeIf(key -> key.startsWith(prefix));
    }

    @Override
    public Stream<BlobInfo> list(String prefix) {
        BlobKeys.requirePrefix(prefix, true);
        // A snapshot, so that the caller may modify the store while consuming the stream.
        List<BlobInfo> matching = blobs.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix))
                .map(e -> new BlobInfo(e.getKey(), e.getValue().bytes().length, e.getValue().modified()))
                .toList();
        return matching.stream();
    }

    @Override
    public StorageHealth health() {
        Runtime runtime = Runtime.getRuntime();
        long usable = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        return StorageHealth.of("memory", List.of(
                new StorageHealth.Location("memory", StorageHealth.Status.UP, usable, runtime.maxMemory(), null)));
    }

    @Override
    public ScrubReport scrub(boolean repair) {
        ScrubTally tally = new ScrubTally(clock.instant(), repair);
        for (Stored stored : blobs.values()) {
            tally.blobsChecked++;
            tally.bytes += stored.bytes().length;
        }
        return tally.report();
    }
}
