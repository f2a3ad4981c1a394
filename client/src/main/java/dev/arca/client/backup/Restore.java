package dev.arca.client.backup;

import dev.arca.client.fs.SafePaths;
import dev.arca.client.progress.Meter;
import dev.arca.protocol.chunk.ContentHash;
import dev.arca.protocol.path.RelativePaths;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Restores a snapshot, or one path of it, under a target folder: the snapshot's source folder
 * becomes the target, so {@code a/b.jpg} is restored to {@code <target>/a/b.jpg}. Bytes are
 * verified chunk by chunk and file by file; times and permissions are set as they were.
 *
 * <p>A snapshot may come from another device or a shared repository, so nothing in it is
 * trusted to stay inside the target: the whole snapshot must keep the
 * {@link RelativePaths path rules} before anything is written; folders and files are written
 * through {@link SafePaths}, which never follows a link it finds; and links are made last, so
 * no file of the snapshot is written through a link of the snapshot.
 */
public final class Restore {

    /** What a restore did. */
    public record Result(long files, long bytes) {}

    /** The start of the name a file has while it is written; no restore leaves one behind when it ends. */
    private static final String TEMPORARY = ".arca-restore-";

    /** Files written at once. */
    private static final int WRITERS = Math.max(4, Runtime.getRuntime().availableProcessors());

    private final Repository repository;

    private final Meter meter;

    public Restore(Repository repository, Meter meter) {
        this.meter = meter;
        this.repository = repository;
    }

    /** Restores the entries at {@code path} (a file or a folder; "." for all) under {@code target}. */
    public Result run(Snapshot snapshot, String path, Path target) throws IOException {
        check(snapshot);
        String prefix = path == null || path.isBlank() || path.equals(".") ? "." : strip(path);
        List<Snapshot.Entry> selected = snapshot.entries().stream()
                .filter(e -> prefix.equals(".") || e.path().equals(prefix) || e.path().startsWith(prefix + "/"))
                .toList();
        if (selected.isEmpty()) {
            throw new Repository.RepositoryException("The snapshot has no " + RelativePaths.quote(path) + ".");
        }
        SafePaths places = SafePaths.under(target);
        meter.reset(selected.stream().filter(Snapshot.Entry::isFile).count(),
                selected.stream().filter(Snapshot.Entry::isFile).mapToLong(Snapshot.Entry::size).sum());
        long files = 0;
        long bytes = 0;
        for (Snapshot.Entry entry : selected) {
            if (entry.isDir()) {
                removeLeftovers(places.directory(entry.path()));
            }
        }
        repository.willRead(selected.stream().filter(Snapshot.Entry::isFile).flatMap(e -> e.chunks().stream()).toList());
        // Files are independent of each other: several are written at once, so reading, decrypting,
        // hashing and the disk's waits overlap.
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS, Thread.ofPlatform().daemon(true).factory());
        try {
            List<Future<Long>> writes = new ArrayList<>();
            for (Snapshot.Entry entry : selected) {
                if (entry.isFile()) {
                    writes.add(writers.submit(() -> {
                        long written = write(entry, places.parentMade(entry.path()));
                        meter.addFiles(1);
                        return written;
                    }));
                }
            }
            for (Future<Long> write : writes) {
                bytes += await(write);
                files++;
            }
        } finally {
            writers.shutdownNow();
        }
        for (Snapshot.Entry entry : selected) {
            if (entry.isSymlink()) {
                link(entry, places.parentMade(entry.path()));
            }
        }
        // Folders last, deepest first: writing into a folder changes its time.
        for (Snapshot.Entry entry : selected.reversed()) {
            if (entry.isDir()) {
                Path out = places.directory(entry.path());
                setMode(out, entry.mode());
                setTime(out, entry.mtime());
            }
        }
        return new Result(files, bytes);
    }

    /** Deletes the files a killed restore left half written in {@code dir} (never a folder, never followed). */
    private static void removeLeftovers(Path dir) throws IOException {
        try (java.nio.file.DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir, TEMPORARY + "*")) {
            for (Path leftover : leftovers) {
                if (!Files.isDirectory(leftover, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(leftover);
                }
            }
        }
    }

    private static long await(Future<Long> write) throws IOException {
        try {
            return write.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    /** Refuses a snapshot whose entries are not a tree inside its folder, before anything is written. */
    private static void check(Snapshot snapshot) throws Repository.RepositoryException {
        List<RelativePaths.Entry> tree = new ArrayList<>();
        for (Snapshot.Entry entry : snapshot.entries()) {
            RelativePaths.Kind kind = entry.isDir() ? RelativePaths.Kind.DIR
                    : entry.isSymlink() ? RelativePaths.Kind.SYMLINK : RelativePaths.Kind.FILE;
            tree.add(new RelativePaths.Entry(entry.path(), kind));
        }
        String problem = RelativePaths.treeProblem(tree).orElse(null);
        if (problem != null) {
            throw new Repository.RepositoryException("Snapshot " + snapshot.id() + " is refused, nothing was "
                    + "restored: " + problem);
        }
    }

    /** Writes a file's bytes under a new name beside {@code out}, verifies them and renames it over {@code out}. */
    private long write(Snapshot.Entry entry, Path out) throws IOException {
        MessageDigest digest = ContentHash.newSha256();
        long written = 0;
        Path temp = out.resolveSibling(TEMPORARY + Repository.randomId());
        try {
            try (OutputStream stream = Channels.newOutputStream(SafePaths.createNew(temp))) {
                for (String hash : entry.chunks()) {
                    byte[] bytes = repository.chunk(hash);
                    digest.update(bytes);
                    stream.write(bytes);
                    written += bytes.length;
                    meter.addBytes(bytes.length);
                }
            }
            if (written != entry.size() || !ContentHash.hex(digest).equals(entry.sha256())) {
                throw new Repository.RepositoryException("Restoring " + RelativePaths.quote(entry.path())
                        + " gave other bytes than were backed up.");
            }
            setMode(temp, entry.mode());
            setTime(temp, entry.mtime());
            SafePaths.replace(temp, out);
        } finally {
            Files.deleteIfExists(temp);
        }
        return written;
    }

    /** Makes a link under a new name beside {@code out} and renames it over {@code out}; it is never followed. */
    private static void link(Snapshot.Entry entry, Path out) throws IOException {
        Path to;
        try {
            to = Path.of(entry.target());
        } catch (InvalidPathException | NullPointerException e) {
            throw new Repository.RepositoryException("The link " + RelativePaths.quote(entry.path())
                    + " has a target this system cannot hold.");
        }
        Path temp = out.resolveSibling(TEMPORARY + Repository.randomId());
        try {
            Files.createSymbolicLink(temp, to);
            setTime(temp, entry.mtime());
            SafePaths.replace(temp, out);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Sets the modification time of the file, folder or link itself. */
    private static void setTime(Path path, long mtime) throws IOException {
        Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(FileTime.from(mtime, TimeUnit.NANOSECONDS), null, null);
    }

    private static void setMode(Path path, Integer mode) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (mode == null || view == null) {
            return;
        }
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission p : PosixFilePermission.values()) {
            if ((mode & (1 << (8 - p.ordinal()))) != 0) {
                permissions.add(p);
            }
        }
        view.setPermissions(permissions);
    }

    private static String strip(String path) {
        String p = path.replace('\\', '/');
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.endsWith("/") && p.length() > 1) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
