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
import java.util.LinkedHashMap;
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
 * temporary folder (at most {@link #CACHED_PACKS} at a time), so a restore reads each pack once.
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
    /** Downloaded packs, least recently used first. */
    private final Map<String, Path> packs = new LinkedHashMap<>(16, 0.75f, true);
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
        Path pack = cached(kind, name);
        ByteBuffer buffer = ByteBuffer.allocate(length);
        try (FileChannel channel = FileChannel.open(pack, StandardOpenOption.READ)) {
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, offset + buffer.position()) < 0) {
                    throw new Repository.RepositoryException("The " + kind.folder() + " file " + name
                            + " is damaged: it is cut short.");
                }
            }
        }
        return buffer.array();
    }

    /** The pack in the local cache, downloaded when it is not there; one download per pack at a time. */
    private Path cached(Kind kind, String name) throws IOException {
        synchronized (packs) {
            Path path = packs.get(name);
            if (path != null) {
                return path;
            }
            path = cache.resolve(name);
            Files.write(path, read(kind, name));
            packs.put(name, path);
            if (packs.size() > CACHED_PACKS) {
                var eldest = packs.entrySet().iterator().next();
                Files.deleteIfExists(eldest.getValue());
                packs.remove(eldest.getKey());
            }
            return path;
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
