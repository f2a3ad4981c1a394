package dev.arca.client.backup;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * One backup of a folder: every entry below it, as it was; see docs/backup-format.md. Only the
 * components are stored (fields that are null are left out), nothing derived from them.
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
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String path, String type, long size, long mtime, Integer mode, String fileKey, String sha256,
            List<String> chunks, String target) {

        @JsonIgnore
        public boolean isFile() {
            return "file".equals(type);
        }

        @JsonIgnore
        public boolean isDir() {
            return "dir".equals(type);
        }

        @JsonIgnore
        public boolean isSymlink() {
            return "symlink".equals(type);
        }
    }

    /** Bytes of all files. */
    @JsonIgnore
    public long bytes() {
        return entries.stream().filter(Entry::isFile).mapToLong(Entry::size).sum();
    }

    @JsonIgnore
    public long files() {
        return entries.stream().filter(Entry::isFile).count();
    }
}
