package dev.arca.client.backup;

import dev.arca.client.progress.Meter;
import dev.arca.protocol.chunk.Chunk;
import dev.arca.protocol.chunk.ChunkReader;
import dev.arca.protocol.chunk.ContentHash;
import dev.arca.protocol.chunk.FastCdc;
import dev.arca.protocol.path.RelativePaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Backs up a folder into a {@link Repository}. A file whose size, modification time and file
 * identity match the parent snapshot is not read again; other files are cut into chunks and
 * only chunks the repository lacks are written. The snapshot is saved last: an interrupted
 * backup leaves chunks a later backup reuses, and no snapshot. A file or folder whose path
 * breaks the {@link RelativePaths path rules} (a backslash or a control character in a name)
 * is left out and reported: a snapshot holding it would be refused by the server and by every
 * restore.
 *
 * <p>A pipeline over all cores: the walk hands files to readers (read, cut, hash), readers hand
 * new chunks to writers (compress, seal, store); semaphores bound both, so memory stays a few
 * chunks per thread whatever the folder holds.
 */
public final class Backup {

    /**
     * What a backup did.
     *
     * @param skipped the paths left out because they break the path rules, each with the reason
     */
    public record Result(Snapshot snapshot, long filesRead, long filesUnchanged, long chunksAdded, long bytesAdded,
            List<String> skipped) {

        public Result {
            skipped = List.copyOf(skipped);
        }
    }

    /**
     * Files read, chunked and hashed at once: every core, and at least two, so that one waiting on
     * the disk does not idle the other.
     */
    private static final int READERS = Math.max(2, Runtime.getRuntime().availableProcessors());
    private static final int WRITERS = 4;
    /** Chunks handed to writers and not yet stored: with files being read, what bounds memory. */
    private static final int IN_FLIGHT = 8;

    private final Repository repository;
    private final Clock clock;
    private final Meter meter;
    private final Semaphore room = new Semaphore(IN_FLIGHT);
    private final Semaphore reading = new Semaphore(2 * READERS);
    private final java.util.Queue<Future<Boolean>> writes = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final Set<String> submitted = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicLong bytesAdded = new java.util.concurrent.atomic.AtomicLong();
    private ExecutorService readers;
    private ExecutorService writers;

    public Backup(Repository repository, Clock clock, Meter meter) {
        this.repository = repository;
        this.clock = clock;
        this.meter = meter;
    }

    public Result run(Path folder, String host) throws IOException {
        Path source = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(source)) {
            throw new Repository.RepositoryException(folder + " is not a folder.");
        }
        Map<String, Snapshot.Entry> previous = new HashMap<>();
        var parent = repository.parentFor(host, source.toString());
        parent.ifPresent(p -> p.entries().forEach(e -> previous.put(e.path(), e)));
        // One question for all the parent's chunks, so an unchanged file costs no round trip.
        Set<String> lost = repository.missing(previous.values().stream().filter(Snapshot.Entry::isFile)
                .flatMap(e -> e.chunks().stream()).distinct().toList());
        List<Future<Snapshot.Entry>> pending = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        long[] counts = new long[3];
        readers = Executors.newFixedThreadPool(READERS, Thread.ofPlatform().daemon(true).factory());
        writers = Executors.newFixedThreadPool(WRITERS, Thread.ofPlatform().daemon(true).factory());
        List<Snapshot.Entry> entries = new ArrayList<>();
        try {
            walk(source, previous, lost, pending, skipped, counts);
            for (Future<Snapshot.Entry> entry : pending) {
                entries.add(await(entry));
            }
            // Every chunk is durable before the snapshot that names it is written.
            for (Future<Boolean> write : writes) {
                if (await(write)) {
                    counts[2]++;
                }
            }
        } finally {
            readers.shutdownNow();
            writers.shutdownNow();
        }
        Snapshot snapshot = new Snapshot(Repository.randomId(), clock.instant(), host, source.toString(),
                parent.map(Snapshot::id).orElse(null), entries);
        repository.saveSnapshot(snapshot);
        return new Result(snapshot, counts[0], counts[1], counts[2], bytesAdded.get(), skipped);
    }

    /**
     * Walks the folder in order, so the snapshot lists entries as the file system does; files to
     * read go to the readers, at most two per reader waiting, and their entries are collected in
     * walk order.
     */
    private void walk(Path source, Map<String, Snapshot.Entry> previous, Set<String> lost,
            List<Future<Snapshot.Entry>> entries, List<String> skipped, long[] counts) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                String path = relative(source, dir);
                Optional<String> problem = RelativePaths.problem(path);
                if (problem.isPresent()) {
                    skipped.add(problem.get());
                    return FileVisitResult.SKIP_SUBTREE;
                }
                entries.add(done(new Snapshot.Entry(path, "dir", 0, nanos(attrs), mode(dir), null, null, null, null)));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String path = relative(source, file);
                Optional<String> problem = RelativePaths.problem(path);
                if (problem.isPresent()) {
                    skipped.add(problem.get());
                } else if (attrs.isSymbolicLink()) {
                    entries.add(done(new Snapshot.Entry(path, "symlink", 0, nanos(attrs), null, null, null, null,
                            Files.readSymbolicLink(file).toString())));
                } else if (attrs.isRegularFile()) {
                    String key = attrs.fileKey() == null ? null : attrs.fileKey().toString();
                    Snapshot.Entry before = previous.get(path);
                    if (before != null && before.isFile() && before.size() == attrs.size()
                            && before.mtime() == nanos(attrs) && java.util.Objects.equals(before.fileKey(), key)
                            && before.chunks().stream().noneMatch(lost::contains)) {
                        entries.add(done(new Snapshot.Entry(path, "file", before.size(), before.mtime(), mode(file), key,
                                before.sha256(), before.chunks(), null)));
                        counts[1]++;
                        meter.addFiles(1);
                        meter.addBytes(before.size());
                    } else {
                        entries.add(submitRead(file, path, attrs, key));
                        counts[0]++;
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                throw new IOException("Cannot read " + file + ": " + e.getMessage(), e);
            }
        });
    }

    private static Future<Snapshot.Entry> done(Snapshot.Entry entry) {
        return java.util.concurrent.CompletableFuture.completedFuture(entry);
    }

    private Future<Snapshot.Entry> submitRead(Path file, String path, BasicFileAttributes attrs, String key)
            throws IOException {
        acquire(reading);
        return readers.submit(() -> {
            try {
                return read(file, path, attrs, key);
            } finally {
                reading.release();
            }
        });
    }

    private Snapshot.Entry read(Path file, String path, BasicFileAttributes attrs, String key) throws IOException {
        MessageDigest digest = ContentHash.newSha256();
        List<String> chunks = new ArrayList<>();
        long size = 0;
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            ChunkReader reader = FastCdc.DEFAULT.reader(in);
            for (Chunk chunk; (chunk = reader.next()) != null; ) {
                byte[] bytes = chunk.bytes();
                digest.update(bytes);
                size += bytes.length;
                meter.addBytes(bytes.length);
                String hash = ContentHash.sha256Hex(bytes);
                chunks.add(hash);
                if (!submitted.contains(hash) && !repository.hasChunk(hash) && submitted.add(hash)) {
                    bytesAdded.addAndGet(bytes.length);
                    write(hash, bytes);
                }
            }
        }
        meter.addFiles(1);
        return new Snapshot.Entry(path, "file", size, nanos(attrs), mode(file), key, ContentHash.hex(digest), chunks,
                null);
    }

    /** Writes a chunk on the writer pool, so that the disk syncs of several chunks overlap. */
    private void write(String hash, byte[] bytes) throws IOException {
        acquire(room);
        writes.add(writers.submit(() -> {
            try {
                return repository.putChunk(hash, bytes, bytes.length);
            } finally {
                room.release();
            }
        }));
    }

    private static void acquire(Semaphore semaphore) throws IOException {
        try {
            semaphore.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
        }
    }

    private static <T> T await(Future<T> task) throws IOException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    static String relative(Path source, Path path) {
        String relative = source.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
        return relative.isEmpty() ? "." : relative;
    }

    static long nanos(BasicFileAttributes attrs) {
        return attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS);
    }

    static Integer mode(Path path) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            return null;
        }
        Set<PosixFilePermission> permissions = view.readAttributes().permissions();
        int mode = 0;
        for (PosixFilePermission p : permissions) {
            mode |= 1 << (8 - p.ordinal());
        }
        return mode;
    }
}
