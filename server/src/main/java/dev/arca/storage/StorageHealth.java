package dev.arca.storage;

import java.util.List;

/**
 * The state of a blob store and of each place it keeps data.
 *
 * @param status {@code UP} when every location is up, {@code DEGRADED} when some are down (reads
 *     may still be served from other copies, writes placed on a down location fail), {@code DOWN}
 *     when none is up
 * @param backend {@code local}, {@code s3} or {@code memory}
 * @param locations one entry per directory, bucket or memory
 */
public record StorageHealth(Status status, String backend, List<Location> locations) {

    public StorageHealth {
        locations = List.copyOf(locations);
    }

    public enum Status { UP, DEGRADED, DOWN }

    /**
     * One place the store writes to.
     *
     * @param name a directory path, or the endpoint and bucket of an S3 store (never credentials)
     * @param status {@code UP} or {@code DOWN}
     * @param usableBytes space left for new blobs, or -1 when the backend does not report it
     * @param totalBytes the size of the file system, or -1 when the backend does not report it
     * @param problem why the location is down, or null when it is up
     */
    public record Location(String name, Status status, long usableBytes, long totalBytes, String problem) {}

    /** Derives the overall status from the locations' statuses. */
    static StorageHealth of(String backend, List<Location> locations) {
        long up = locations.stream().filter(l -> l.status() == Status.UP).count();
        Status status = up == locations.size() ? Status.UP : up == 0 ? Status.DOWN : Status.DEGRADED;
        return new StorageHealth(status, backend, locations);
    }
}
