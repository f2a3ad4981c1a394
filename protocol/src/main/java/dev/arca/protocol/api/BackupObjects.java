package dev.arca.protocol.api;

import java.util.List;

/**
 * The files of one kind in a backup repository on the server
 * ({@code GET /api/v1/backups/repositories/{repository}/{kind}}): names and sizes only; their
 * contents are sealed by the client and the server cannot read them.
 */
public record BackupObjects(List<Entry> objects) {

    public BackupObjects {
        objects = List.copyOf(objects);
    }

    /** One file: its name (an id the client chose) and its size in bytes. */
    public record Entry(String name, long size) {}
}
