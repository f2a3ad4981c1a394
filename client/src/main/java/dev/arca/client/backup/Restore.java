package dev.arca.client.backup;

import dev.arca.client.progress.Meter;
import dev.arca.protocol.chunk.ContentHash;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Restores a snapshot, or one path of it, under a target folder: the snapshot's source folder
 * becomes the target, so {@code a/b.jpg} is restored to {@code <target>/a/b.jpg}. Bytes are
 * verified chunk by chunk and file by file; times and permissions are set as they were.
 */
public final class Restore {

    /** What a restore did. */
    public record Result(long files, long bytes) {}

    private final Repository repository;

    private final Meter meter;

    public Restore(Repository repository, Meter meter) {
        this.meter = meter;
        this.repository = repository;
    }

    /** Restores the entries at {@code path} (a file or a folder; "." for all) under {@code target}. */
    public Result run(Snapshot snapshot, String path, Path target) throws IOException {
        String prefix = path == null || path.isBlank() || path.equals(".") ? "." : strip(path);
        List<Snapshot.Entry> selected = snapshot.entries().stream()
                .filter(e -> prefix.equals(".") || e.path().equals(prefix) || e.path().startsWith(prefix + "/"))
                .toList();
        if (selected.isEmpty()) {
            throw new Repository.RepositoryException("The snapshot has no " + path + ".");
        }
        Path root = target.toAbsolutePath().normalize();
        Files.createDirectories(root);
        meter.reset(selected.stream().filter(Snapshot.Entry::isFile).count(),
                selected.stream().filter(Snapshot.Entry::isFile).mapToLong(Snapshot.Entry::size).sum());
        long files = 0;
        long bytes = 0;
        for (Snapshot.Entry entry : selected) {
            Path out = resolve(root, entry.path());
            if (entry.isDir()) {
                Files.createDirectories(out);
            } else if (entry.isSymlink()) {
                Files.createDirectories(out.getParent());
                Files.deleteIfExists(out);
                Files.createSymbolicLink(out, Path.of(entry.target()));
                FileTime time = FileTime.from(entry.mtime(), TimeUnit.NANOSECONDS);
                Files.getFileAttributeView(out, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .setTimes(time, null, null);
            } else if (entry.isFile()) {
                Files.createDirectories(out.getParent());
                bytes += write(entry, out);
                files++;
                meter.addFiles(1);
                setMode(out, entry.mode());
                Files.setLastModifiedTime(out, FileTime.from(entry.mtime(), TimeUnit.NANOSECONDS));
            }
        }
        // Folders last, deepest first: writing into a folder changes its time.
        for (Snapshot.Entry entry : selected.reversed()) {
            if (entry.isDir()) {
                Path out = resolve(root, entry.path());
                setMode(out, entry.mode());
                Files.setLastModifiedTime(out, FileTime.from(entry.mtime(), TimeUnit.NANOSECONDS));
            }
        }
        return new Result(files, bytes);
    }

    private long write(Snapshot.Entry entry, Path out) throws IOException {
        MessageDigest digest = ContentHash.newSha256();
        long written = 0;
        Path temp = out.resolveSibling(".arca-restore-" + Repository.randomId());
        try (OutputStream stream = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW)) {
            for (String hash : entry.chunks()) {
                byte[] bytes = repository.chunk(hash);
                digest.update(bytes);
                stream.write(bytes);
                written += bytes.length;
                meter.addBytes(bytes.length);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        if (written != entry.size() || !ContentHash.hex(digest).equals(entry.sha256())) {
            Files.deleteIfExists(temp);
            throw new Repository.RepositoryException("Restoring " + entry.path() + " gave other bytes than were backed up.");
        }
        Files.move(temp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return written;
    }

    /** The entry's place under the target; a path that would leave the target is refused. */
    private static Path resolve(Path root, String path) throws IOException {
        if (path.equals(".")) {
            return root;
        }
        Path out = root.resolve(path).normalize();
        if (!out.startsWith(root) || out.equals(root)) {
            throw new Repository.RepositoryException("The snapshot names a path outside the target: refused.");
        }
        return out;
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
