package dev.arca.backups;

import java.util.List;

/**
 * What the backups pages show of snapshots. A snapshot's files come from its entries; sizes
 * are bytes, times ISO-8601.
 *
 * @param device the name of the device that took the snapshots, or null when unknown
 */
public record SnapshotView(String device, List<Snapshot> snapshots) {

    public record Snapshot(String id, String time, String host, String source, long files, long bytes) {}

    /**
     * An encrypted repository as the server knows it: how many sealed files, how many bytes, when
     * it was last written (ISO-8601). Nothing of what is inside.
     */
    public record Encrypted(String repository, long files, long bytes, String lastWritten) {}

    /** One entry of a folder in a snapshot: a file, folder or link, with its path inside the snapshot. */
    public record Entry(String name, String path, String type, long size, String modified) {}
}
