package dev.arca.client.backup;

import dev.arca.client.net.ServerApi;
import dev.arca.protocol.api.BackupObjects;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * A repository kept on the signed-in server as opaque files
 * ({@code /api/v1/backups/repositories/{name}/{kind}/{file}}): the server stores what the client
 * sealed and sees names, kinds and sizes only. Packs are downloaded whole, once, into a private
 * temporary folder (at most {@link #CACHED_PACKS} at a time), a few at once and ahead of a restore
 * that said what it will read ({@link #willRead}), so a restore reads each pack once and seldom
 * waits for one.
 *
 * <p>Locks are files of kind {@code locks}, {@code {"exclusive": bool, "time": millis}}, renewed
 * every {@link #RENEW} while the command runs; one not renewed for {@link #STALE} is left by a
 * command that died and is ignored. A backup proceeds unless an exclusive lock is fresh; forget
 * and prune proceed only when no other lock is fresh, checked after writing their own, so two
 * commands that start together both see each other.
 */
final class ServerStore implements RepositoryStore {

    static final Duration RENEW = Duration.ofMinutes(2);
    static final Duration STALE = Duration.ofMinutes(10);
    private static final int CACHED_PACKS = 16;

    private final ServerApi api;
    private final String base;
    private final String repository;
    private final Path cache;
    /** Packs fetched at once ahead of a restore, and how many packs ahead of it they may be. */
    private static final int FETCHERS = 3;
    private static final int LOOKAHEAD = 6;

    /** Packs downloaded or being downloaded, each once however many threads ask for it. */
    private final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.CompletableFuture<Path>> packs =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** The packs in the cache, oldest first, for eviction. */
    private final java.util.Queue<String> downloaded = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** Where each pack comes in the order the command reads them ({@link #willRead}). */
    private volatile Map<String, Integer> planned = Map.of();
    /** The furthest pack in that order the command has read; fetchers stay {@link #LOOKAHEAD} ahead of it. */
    private int readerAt = -1;
    private final Object progress = new Object();
    private java.util.concurrent.ExecutorService fetchers;
    private ScheduledExecutorService renewer;
    private volatile String lockName;
    private boolean exclusive;

    ServerStore(ServerApi api, String repository) throws IOException {
        this.api = api;
        this.repository = repository;
        this.base = "/api/v1/backups/repositories/" + repository + "/";
        this.cache = Files.createTempDirectory("arca-packs-");
    }

    @Override
    public String describe() {
        return "the server (repository " + repository + ")";
    }

    @Override
    public byte[] config() throws IOException {
        try {
            return api.bytes(base + "config/config");
        } catch (ServerApi.Refused e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
    }

    @Override
    public boolean createConfig(byte[] bytes) throws IOException {
        try {
            api.putBytes(base + "config/config", bytes);
            return true;
        } catch (ServerApi.Refused e) {
            if (e.status() == 409) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void lock(boolean exclusive) throws IOException {
        this.exclusive = exclusive;
        long now = System.currentTimeMillis();
        if (!exclusive && !freshLocks(true).isEmpty()) {
            throw inUse();
        }
        writeLock(now);
        if (exclusive && freshLocks(false).stream().anyMatch(name -> !name.equals(lockName))) {
            unlock();
            throw inUse();
        }
        renewer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon(true).factory());
        renewer.scheduleAtFixedRate(this::renew, RENEW.toMillis(), RENEW.toMillis(), TimeUnit.MILLISECONDS);
    }

    private Repository.RepositoryException inUse() {
        return new Repository.RepositoryException("The repository on the server is in use by another arca command"
                + (exclusive ? "" : " that deletes (forget, prune)") + "; try again when it ends.");
    }

    /** The names of the locks renewed within {@link #STALE}; only exclusive ones when asked. */
    private List<String> freshLocks(boolean onlyExclusive) throws IOException {
        List<String> fresh = new ArrayList<>();
        for (String name : list(Kind.LOCKS)) {
            JsonNode lock;
            try {
                lock = ServerApi.JSON.readTree(read(Kind.LOCKS, name));
            } catch (Repository.RepositoryException goneMeanwhile) {
                continue;
            }
            boolean isExclusive = lock.path("exclusive").asBoolean();
            if (System.currentTimeMillis() - lock.path("time").asLong() < STALE.toMillis()
                    && (isExclusive || !onlyExclusive)) {
                fresh.add(name);
            }
        }
        return fresh;
    }

    private void writeLock(long time) throws IOException {
        String name = Repository.randomId();
        write(Kind.LOCKS, name, ServerApi.JSON.writeValueAsBytes(Map.of("exclusive", exclusive, "time", time)));
        lockName = name;
    }

    /** Writes a new lock, then deletes the old one: never a moment without one. */
    private void renew() {
        String old = lockName;
        try {
            writeLock(System.currentTimeMillis());
            delete(Kind.LOCKS, old);
        } catch (IOException e) {
            // the next renewal tries again; a lock not renewed for STALE is ignored by others
        }
    }

    private void unlock() throws IOException {
        if (renewer != null) {
            renewer.shutdownNow();
        }
        if (lockName != null) {
            delete(Kind.LOCKS, lockName);
            lockName = null;
        }
    }

    @Override
    public byte[] read(Kind kind, String name) throws IOException {
        try {
            return api.bytes(base + kind.folder() + "/" + name);
        } catch (ServerApi.Refused e) {
            if (e.status() == 404) {
                throw new Repository.RepositoryException("The " + kind.folder() + " file " + name
                        + " is missing from the repository on the server.");
            }
            throw e;
        }
    }

    @Override
    public byte[] read(Kind kind, String name, long offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        // Once more when the pack was evicted between finding it and opening it.
        for (int attempt = 1; ; attempt++) {
            try (FileChannel channel = FileChannel.open(cached(kind, name), StandardOpenOption.READ)) {
                advance(name);
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer, offset + buffer.position()) < 0) {
                        throw new Repository.RepositoryException("The " + kind.folder() + " file " + name
                                + " is damaged: it is cut short.");
                    }
                }
                return buffer.array();
            } catch (java.nio.file.NoSuchFileException evicted) {
                if (attempt == 2) {
                    throw evicted;
                }
                buffer.clear();
            }
        }
    }

    /**
     * Downloads the packs a restore will read, in its order, a few at once and at most
     * {@link #LOOKAHEAD} packs ahead of it, so the restore finds them downloaded.
     */
    @Override
    public void willRead(Kind kind, List<String> names) {
        if (kind != Kind.DATA || names.isEmpty() || fetchers != null) {
            return;
        }
        Map<String, Integer> order = new java.util.HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            order.putIfAbsent(names.get(i), i);
        }
        planned = order;
        fetchers = Executors.newFixedThreadPool(FETCHERS, Thread.ofPlatform().daemon(true).factory());
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        for (int t = 0; t < FETCHERS; t++) {
            fetchers.execute(() -> {
                for (int i; (i = next.getAndIncrement()) < names.size(); ) {
                    try {
                        synchronized (progress) {
                            while (i > readerAt + LOOKAHEAD) {
                                progress.wait();
                            }
                        }
                        cached(kind, names.get(i));
                    } catch (InterruptedException e) {
                        return;
                    } catch (IOException | RuntimeException e) {
                        // the restore downloads it itself when it gets there, and reports what fails
                    }
                }
            });
        }
    }

    /** Notes that the command reached {@code name}, letting the fetchers go further. */
    private void advance(String name) {
        Integer at = planned.get(name);
        if (at != null) {
            synchronized (progress) {
                if (at > readerAt) {
                    readerAt = at;
                    progress.notifyAll();
                }
            }
        }
    }

    /**
     * The pack in the local cache, downloaded when it is not there. Threads asking for different
     * packs download them at once; threads asking for the same one wait for one download.
     */
    private Path cached(Kind kind, String name) throws IOException {
        var mine = new java.util.concurrent.CompletableFuture<Path>();
        var existing = packs.putIfAbsent(name, mine);
        if (existing != null) {
            try {
                return existing.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted");
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            }
        }
        try {
            Path path = cache.resolve(name);
            Files.write(path, read(kind, name));
            mine.complete(path);
            downloaded.add(name);
            while (downloaded.size() > CACHED_PACKS) {
                String eldest = downloaded.poll();
                if (eldest != null && packs.remove(eldest) != null) {
                    Files.deleteIfExists(cache.resolve(eldest));
                }
            }
            return path;
        } catch (IOException | RuntimeException e) {
            packs.remove(name, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    @Override
    public void write(Kind kind, String name, byte[] bytes) throws IOException {
        api.putBytes(base + kind.folder() + "/" + name, bytes);
    }

    @Override
    public List<String> list(Kind kind) throws IOException {
        BackupObjects objects = ServerApi.JSON.treeToValue(api.get(base + kind.folder()), BackupObjects.class);
        return objects.objects().stream().map(BackupObjects.Entry::name).toList();
    }

    @Override
    public void delete(Kind kind, String name) throws IOException {
        try {
            api.delete(base + kind.folder() + "/" + name);
        } catch (ServerApi.Refused e) {
            if (e.status() != 404) {
                throw e;
            }
        }
    }

    /** A pack is written to a temporary file, then sent whole; the server lists it once it has it all. */
    @Override
    public PackOutput newPack(String name) throws IOException {
        Path temp = cache.resolve(".out-" + name);
        OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW);
        return new PackOutput() {
            @Override
            public void append(byte[] bytes) throws IOException {
                out.write(bytes);
            }

            @Override
            public void finish() throws IOException {
                out.close();
                try {
                    write(Kind.DATA, name, Files.readAllBytes(temp));
                } finally {
                    Files.deleteIfExists(temp);
                }
            }

            @Override
            public void discard() throws IOException {
                out.close();
                Files.deleteIfExists(temp);
            }
        };
    }

    @Override
    public void close() throws IOException {
        if (fetchers != null) {
            fetchers.shutdownNow();
        }
        try {
            unlock();
        } finally {
            try (var files = Files.list(cache)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(cache);
        }
    }
}
