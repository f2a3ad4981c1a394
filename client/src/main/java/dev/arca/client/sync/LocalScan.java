package dev.arca.client.sync;

import dev.arca.client.net.Tasks;
import dev.arca.protocol.chunk.FastCdc;
import dev.arca.protocol.manifest.FileManifest;
import dev.arca.protocol.path.RelativePaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Walks a synced folder and describes each file by its size, mtime, inode, SHA-256 and chunk
 * manifest. Hashes are reused from the state's cache while size, mtime and inode are unchanged,
 * unless the file was modified less than {@value #RACY_MILLIS} ms before it was hashed: file
 * system clocks are coarse, so a second write in that window can leave size and mtime as they
 * were, and only hashing again tells.
 * A file modified within the settling time is {@code busy}: it may still be being written, so
 * this pass leaves it alone. Files to hash are hashed after the walk, as many at once as there
 * are cores. Symbolic links and special files are skipped and reported, and so are
 * files and folders whose names break the {@link RelativePaths path rules}, which the server would
 * refuse; names are keyed in Unicode NFC with '/' separators.
 */
final class LocalScan {

    /** A local file as this scan saw it. */
    record LocalFile(String path, Path file, long size, long mtime, long inode, String sha256, String manifest) {}

    /** What the scan found. */
    record Result(Map<String, LocalFile> files, Set<String> busy, List<String> skipped) {}

    static final long RACY_MILLIS = 2_000;

    private LocalScan() {}

    static Result scan(Path root, SyncState state, Duration settle, Clock clock) throws IOException {
        Ignore ignore = Ignore.of(root);
        Map<String, SyncState.Cached> cache = state.cache();
        Map<String, LocalFile> files = new HashMap<>();
        Set<String> busy = new HashSet<>();
        List<String> skipped = new ArrayList<>();
        List<SyncState.Cached> fresh = new ArrayList<>();
        List<ToHash> toHash = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (dir.equals(root)) {
                    return FileVisitResult.CONTINUE;
                }
                String key = key(root, dir);
                if (ignore.ignores(key, true)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Optional<String> problem = RelativePaths.problem(key);
                if (problem.isPresent()) {
                    skipped.add(problem.get());
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String key = key(root, file);
                if (ignore.ignores(key, false)) {
                    return FileVisitResult.CONTINUE;
                }
                Optional<String> problem = RelativePaths.problem(key);
                if (problem.isPresent()) {
                    skipped.add(problem.get());
                    return FileVisitResult.CONTINUE;
                }
                if (attrs.isSymbolicLink() || !attrs.isRegularFile()) {
                    skipped.add(key + (attrs.isSymbolicLink() ? " (symbolic link)" : " (not a regular file)"));
                    return FileVisitResult.CONTINUE;
                }
                long mtime = attrs.lastModifiedTime().toMillis();
                long inode = inode(file, attrs);
                SyncState.Cached cached = cache.get(key);
                if (cached != null && cached.size() == attrs.size() && cached.mtime() == mtime
                        && cached.inode() == inode && mtime < cached.checkedAt() - RACY_MILLIS) {
                    files.put(key, new LocalFile(key, file, attrs.size(), mtime, inode, cached.sha256(),
                            cached.manifest()));
                    return FileVisitResult.CONTINUE;
                }
                if (clock.millis() - mtime < settle.toMillis()) {
                    busy.add(key);
                    return FileVisitResult.CONTINUE;
                }
                toHash.add(new ToHash(key, file, attrs.size(), mtime, inode));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                // Vanished or unreadable since the directory was listed: seen again next pass.
                busy.add(key(root, file));
                return FileVisitResult.CONTINUE;
            }
        });
        for (Hashed hashed : hashAll(toHash, clock)) {
            ToHash f = hashed.file();
            if (hashed.manifest() == null) {
                busy.add(f.key());
                continue;
            }
            String text = hashed.manifest().encode();
            String sha256 = hashed.manifest().sha256();
            files.put(f.key(), new LocalFile(f.key(), f.file(), f.size(), f.mtime(), f.inode(), sha256, text));
            fresh.add(new SyncState.Cached(f.key(), f.size(), f.mtime(), f.inode(), sha256, text, hashed.at()));
        }
        state.inTransaction(() -> {
            for (SyncState.Cached c : fresh) {
                state.putCache(c);
            }
            for (String gone : cache.keySet()) {
                if (!files.containsKey(gone) && !busy.contains(gone)) {
                    state.removeCache(gone);
                }
            }
        });
        return new Result(files, busy, skipped);
    }

    /** A file whose content the cache does not know. */
    private record ToHash(String key, Path file, long size, long mtime, long inode) {}

    /** Its manifest, null when the file could not be read whole or changed while it was read. */
    private record Hashed(ToHash file, FileManifest manifest, long at) {}

    /** Hashes the files, as many at once as there are cores; the results in the order given. */
    private static List<Hashed> hashAll(List<ToHash> files, Clock clock) throws IOException {
        if (files.isEmpty()) {
            return List.of();
        }
        int threads = Math.min(files.size(), Runtime.getRuntime().availableProcessors());
        try (ExecutorService hashers = Executors.newFixedThreadPool(threads, Thread.ofVirtual().factory())) {
            List<Future<Hashed>> hashed = new ArrayList<>(files.size());
            for (ToHash file : files) {
                hashed.add(hashers.submit(() -> hash(file, clock)));
            }
            List<Hashed> results = new ArrayList<>(files.size());
            for (Future<Hashed> one : hashed) {
                results.add(Tasks.await(one));
            }
            return results;
        }
    }

    private static Hashed hash(ToHash f, Clock clock) throws IOException {
        long at = clock.millis();
        FileManifest manifest;
        try (InputStream in = Files.newInputStream(f.file())) {
            manifest = FileManifest.of(in, FastCdc.DEFAULT);
        } catch (IOException unreadable) {
            return new Hashed(f, null, at);
        }
        BasicFileAttributes after;
        try {
            after = Files.readAttributes(f.file(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException gone) {
            return new Hashed(f, null, at);
        }
        boolean same = after.size() == f.size() && after.lastModifiedTime().toMillis() == f.mtime();
        return new Hashed(f, same ? manifest : null, at);
    }

    /** The key of a file under the root: relative, '/'-separated, NFC. */
    static String key(Path root, Path file) {
        StringBuilder key = new StringBuilder();
        for (Path part : root.relativize(file)) {
            if (!key.isEmpty()) {
                key.append('/');
            }
            key.append(part);
        }
        return Normalizer.normalize(key.toString(), Normalizer.Form.NFC);
    }

    static long inode(Path file, BasicFileAttributes attrs) {
        try {
            Object ino = Files.getAttribute(file, "unix:ino", LinkOption.NOFOLLOW_LINKS);
            if (ino instanceof Number n) {
                return n.longValue();
            }
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            // no inode on this file system: the file key (or nothing) stands in
        }
        Object fileKey = attrs.fileKey();
        return fileKey == null ? 0 : fileKey.hashCode();
    }
}
