package dev.arca.client.backup;

import java.time.Instant;
import java.util.List;

/**
 * One backup of a folder: every entry below it, as it was. Stored as
 * {@code snapshots/<id>.json} in the repository; see docs/backup-format.md.
 *
 * @param source the absolute path of the folder that was backed up
 * @param parent the snapshot this one was compared with, or null
 */
public record Snapshot(String id, Instant time, String host, String source, String parent, List<Entry> entries) {

    public Snapshot {
        entries = List.copyOf(entries);
    }

    /**
     * A file, folder or symbolic link. {@code path} is relative to the source, with {@code /}
     * between names; the source folder itself is {@code "."}.
     *
     * @param type {@code file}, {@code dir} or {@code symlink}
     * @param mtime last modification, in nanoseconds since the epoch
     * @param mode POSIX permission bits, e.g. 420 for rw-r--r--; null where the file system has none
     * @param fileKey the file system's identity of the file (device and inode), to notice changes
     * @param sha256 the whole file's SHA-256 (files only)
     * @param chunks the file's chunks in order, by SHA-256 (files only)
     * @param target where a symbolic link points
     */
    public record Entry(String path, String type, long size, long mtime, Integer mode, String fileKey, String sha256,
            List<String> chunks, String target) {

        public boolean isFile() {
            return "file".equals(type);
        }

        public boolean isDir() {
            return "dir".equals(type);
        }

        public boolean isSymlink() {
            return "symlink".equals(type);
        }
    }

    /** Bytes of all files. */
    public long bytes() {
        return entries.stream().filter(Entry::isFile).mapToLong(Entry::size).sum();
    }

    public long files() {
        return entries.stream().filter(Entry::isFile).count();
    }
}
