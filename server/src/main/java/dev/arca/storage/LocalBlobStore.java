package dev.arca.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blobs in one or more local directories, each blob on {@code replicas} of them.
 *
 * <p>Placement is rendezvous hashing: every directory has a random id (its {@code store.id}
 * file); a key's directories are the {@code replicas} with the highest score
 * {@code mix(hash(key) xor seed(id))}. Adding or losing a directory moves only the keys that
 * directory wins or held, and moving or renaming a directory moves nothing. Reads try the placed
 * directories first, then the others, so data stays readable while a scrub brings copies into
 * place after a change.
 *
 * <p>Writes go to every placed directory before {@code put} returns (see {@link DurableFiles});
 * writers of one key are serialized in this process so that its replicas agree. Reads take no
 * lock: a rename is atomic.
 */
final class LocalBlobStore implements BlobStore {

    private static final Logger LOG = LoggerFactory.getLogger(LocalBlobStore.class);
    private static final String ID_HEADER = "arca-blob-store 1";
    private static final int LOCK_STRIPES = 64;

    private record Location(int index, Path root, UUID id, long seed) {}

    /** A correctly placed blob file found by a directory scan. */
    private record Found(Location location, long size, Instant modified) {}

    private enum State { GOOD, CORRUPT, MISSING, UNREADABLE }

    private record Replica(Location location, boolean placed, State state, byte[] object, long writtenAt) {}

    private final List<Location> locations;
    private final int replicas;
    private final Clock clock;
    private final DurableFiles.RenameHook hook;
    private final Set<Path> inFlight = ConcurrentHashMap.newKeySet();
    private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];

    LocalBlobStore(List<Path> dirs, int replicas, Clock clock) {
        this(dirs, replicas, clock, DurableFiles.RenameHook.NONE);
    }

    /**
     * Opens the directories, creating them and their ids when new.
     *
     * @throws IllegalArgumentException when the replica count does not fit the directories or two
     *     paths are the same directory
     * @throws StorageException when a directory cannot be created, read or written
     */
    LocalBlobStore(List<Path> dirs, int replicas, Clock clock, DurableFiles.RenameHook hook) {
        if (dirs.isEmpty()) {
            throw new IllegalArgumentException("At least one blob directory is needed");
        }
        if (replicas < 1 || replicas > dirs.size()) {
            throw new IllegalArgumentException("The number of replicas must be between 1 and the number of"
                    + " directories (" + dirs.size() + "), not " + replicas);
        }
        this.replicas = replicas;
        this.clock = clock;
        this.hook = hook;
        Arrays.setAll(locks, i -> new ReentrantLock());
        List<Location> opened = new ArrayList<>();
        Map<UUID, Path> seen = new HashMap<>();
        for (Path dir : dirs) {
            Path root = dir.toAbsolutePath().normalize();
            UUID id = open(root);
            Path same = seen.putIfAbsent(id, root);
            if (same != null) {
                throw new IllegalArgumentException(same + " and " + root + " are the same blob directory");
            }
            long seed = mix(id.getMostSignificantBits()) ^ id.getLeastSignificantBits();
            opened.add(new Location(opened.size(), root, id, seed));
        }
        this.locations = List.copyOf(opened);
    }

    /** Creates the directory when missing, checks that it is writable, returns its id. */
    private UUID open(Path root) {
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new StorageException(root + " is not a directory");
        }
        try {
            DurableFiles.ensureDirectory(root);
            Path probe = Files.createTempFile(root, LocalLayout.TEMP_PREFIX, LocalLayout.TEMP_SUFFIX);
            Files.delete(probe);
            Path idFile = root.resolve(LocalLayout.ID_FILE);
            if (Files.exists(idFile)) {
                return readId(root, idFile);
            }
            UUID id = UUID.randomUUID();
            DurableFiles.writeAtomically(idFile, (ID_HEADER + "\n" + id + "\n").getBytes(StandardCharsets.US_ASCII),
                    inFlight, DurableFiles.RenameHook.NONE);
            return id;
        } catch (IOException e) {
            throw new StorageException("Cannot use " + root + " as a blob directory: " + IoErrors.describe(e));
        }
    }

    private static UUID readId(Path root, Path idFile) throws IOException {
        List<String> lines = Files.readAllLines(idFile, StandardCharsets.US_ASCII);
        if (lines.size() == 2 && lines.get(0).equals(ID_HEADER)) {
            try {
                return UUID.fromString(lines.get(1));
            } catch (IllegalArgumentException e) {
                // Reported below like any other unreadable id.
            }
        }
        throw new StorageException(root + " has an unreadable " + LocalLayout.ID_FILE + "; it was not written by this"
                + " version of Arca");
    }

    @Override
    public void put(String key, byte[] bytes) {
        BlobKeys.requireKey(key);
        LocalLayout.Place place = LocalLayout.place(key);
        byte[] object = BlobFormat.encode(key, clock.millis(), bytes);
        List<Location> order = order(place);
        ReentrantLock lock = lock(place);
        lock.lock();
        try {
            for (int i = 0; i < replicas; i++) {
                Location location = order.get(i);
                try {
                    DurableFiles.writeAtomically(place.in(location.root()), object, inFlight, hook);
                } catch (IOException e) {
                    throw new StorageException("Cannot write a blob to " + location.root(), IoErrors.withoutPaths(e));
                }
            }
            for (int i = replicas; i < order.size(); i++) {
                try {
                    // An older copy outside the placement must not outlive this write.
                    DurableFiles.delete(place.in(order.get(i).root()));
                } catch (IOException e) {
                    // Reads prefer the placed copies just written, and a scrub removes the stray one.
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public byte[] get(String key) {
        BlobKeys.requireKey(key);
        LocalLayout.Place place = LocalLayout.place(key);
        int corrupt = 0;
        IOException failure = null;
        for (Location location : order(place)) {
            byte[] object;
            try {
                object = Files.readAllBytes(place.in(location.root()));
            } catch (NoSuchFileException e) {
                continue;
            } catch (IOException e) {
                failure = e;
                continue;
            }
            try {
                byte[] payload = BlobFormat.payload(object, key);
                if (corrupt > 0) {
                    LOG.warn("Served a blob from another copy after {} failed verification; a scrub repairs them",
                            corrupt);
                }
                return payload;
            } catch (BlobFormat.InvalidObjectException e) {
                corrupt++;
                LOG.warn("A blob copy in {} failed verification: {}", location.root(), e.getMessage());
            }
        }
        if (failure != null) {
            throw new StorageException("No copy of the blob could be read", IoErrors.withoutPaths(failure));
        }
        if (corrupt > 0) {
            throw new BlobCorruptException(key, corrupt);
        }
        throw new BlobNotFoundException(key);
    }

    @Override
    public byte[] getRange(String key, long offset, int length) {
        BlobKeys.requireKey(key);
        BlobKeys.requireRange(offset, length);
        LocalLayout.Place place = LocalLayout.place(key);
        // The payload follows the header and the key (ASCII) in the file.
        long start = BlobFormat.HEADER_BYTES + key.length() + offset;
        int shortCopies = 0;
        IOException failure = null;
        for (Location location : order(place)) {
            try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(place.in(location.root()),
                    java.nio.file.StandardOpenOption.READ)) {
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(length);
                while (buffer.hasRemaining() && channel.read(buffer, start + buffer.position()) >= 0) {
                    // until the range is read or the file ends
                }
                if (!buffer.hasRemaining()) {
                    return buffer.array();
                }
                shortCopies++;
            } catch (NoSuchFileException e) {
                continue;
            } catch (IOException e) {
                failure = e;
            }
        }
        if (shortCopies > 0) {
            throw new BlobCorruptException(key, shortCopies);
        }
        if (failure != null) {
            throw new StorageException("No copy of the blob could be read", IoErrors.withoutPaths(failure));
        }
        throw new BlobNotFoundException(key);
    }

    @Override
    public boolean exists(String key) {
        BlobKeys.requireKey(key);
        LocalLayout.Place place = LocalLayout.place(key);
        return locations.stream().anyMatch(location -> Files.exists(place.in(location.root())));
    }

    @Override
    public void delete(String key) {
        BlobKeys.requireKey(key);
        LocalLayout.Place place = LocalLayout.place(key);
        ReentrantLock lock = lock(place);
        lock.lock();
        try {
            deleteEverywhere(place);
        } finally {
            lock.unlock();
        }
    }

    /** Deletes the key's file in every directory, placed or not; fails after trying them all. */
    private void deleteEverywhere(LocalLayout.Place place) {
        IOException failure = null;
        for (Location location : locations) {
            try {
                DurableFiles.delete(place.in(location.root()));
            } catch (IOException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw new StorageException("Cannot delete every copy of a blob", IoErrors.withoutPaths(failure));
        }
    }

    @Override
    public void deletePrefix(String prefix) {
        BlobKeys.requirePrefix(prefix, false);
        for (String group : groups(prefix, false)) {
            for (String key : scanGroup(group, prefix, false, temp -> {}).keySet()) {
                LocalLayout.Place place = LocalLayout.place(key);
                ReentrantLock lock = lock(place);
                lock.lock();
                try {
                    deleteEverywhere(place);
                } finally {
                    lock.unlock();
                }
            }
            removeEmptyDirectories(group);
        }
    }

    /**
     * Removes the group's fan-out directories that are empty, then the group when empty. A
     * directory that is not empty stays: a write in progress holds a file in it.
     */
    private void removeEmptyDirectories(String group) {
        for (Location location : locations) {
            Path groupDir = location.root().resolve(group);
            try (DirectoryStream<Path> fanOuts = Files.newDirectoryStream(groupDir)) {
                for (Path fanOut : fanOuts) {
                    removeIfEmpty(fanOut);
                }
            } catch (IOException e) {
                continue;
            }
            if (removeIfEmpty(groupDir)) {
                try {
                    DurableFiles.syncDirectory(location.root());
                } catch (IOException e) {
                    // An empty directory that reappears after a crash holds nothing.
                }
            }
        }
    }

    private static boolean removeIfEmpty(Path dir) {
        try {
            return Files.deleteIfExists(dir);
        } catch (IOException e) {
            // Not empty, or not removable now: it stays, which is harmless.
            return false;
        }
    }

    @Override
    public Stream<BlobInfo> list(String prefix) {
        BlobKeys.requirePrefix(prefix, true);
        return groups(prefix, false).stream()
                .flatMap(group -> scanGroup(group, prefix, false, temp -> {}).entrySet().stream())
                .map(entry -> {
                    Found newest = entry.getValue().stream().max(Comparator.comparing(Found::modified)).orElseThrow();
                    return new BlobInfo(entry.getKey(), BlobFormat.payloadSize(entry.getKey(), newest.size()),
                            newest.modified());
                });
    }

    /**
     * The group directories, across all locations, that may hold keys with the prefix. A prefix
     * with a '/' names its group; a shorter one is matched against the group names.
     *
     * @param tolerant skip a location that cannot be listed instead of failing
     */
    private List<String> groups(String prefix, boolean tolerant) {
        int slash = prefix.indexOf('/');
        if (slash >= 0) {
            return List.of(LocalLayout.groupName(prefix.substring(0, slash)));
        }
        TreeSet<String> names = new TreeSet<>();
        for (Location location : locations) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(location.root())) {
                for (Path entry : entries) {
                    String name = entry.getFileName().toString();
                    if (LocalLayout.groupMayMatch(name, prefix) && Files.isDirectory(entry)) {
                        names.add(name);
                    }
                }
            } catch (IOException e) {
                if (!tolerant) {
                    throw new StorageException("Cannot list " + location.root(), IoErrors.withoutPaths(e));
                }
            }
        }
        return List.copyOf(names);
    }

    /**
     * The blob files of one group in every location whose key has the prefix, by key. Only files
     * at their key's place count; temporary files are handed to {@code temps}.
     */
    private Map<String, List<Found>> scanGroup(String group, String prefix, boolean tolerant, Consumer<Path> temps) {
        Map<String, List<Found>> found = new TreeMap<>();
        for (Location location : locations) {
            Path groupDir = location.root().resolve(group);
            try (DirectoryStream<Path> fanOuts = Files.newDirectoryStream(groupDir)) {
                for (Path fanOut : fanOuts) {
                    String fanOutName = fanOut.getFileName().toString();
                    if (LocalLayout.isFanOut(fanOutName)) {
                        scanFanOut(location, group, fanOut, prefix, found, temps);
                    }
                }
            } catch (NoSuchFileException e) {
                continue;
            } catch (IOException e) {
                if (!tolerant) {
                    throw new StorageException("Cannot list " + location.root(), IoErrors.withoutPaths(e));
                }
            }
        }
        return found;
    }

    private void scanFanOut(Location location, String group, Path fanOut, String prefix, Map<String, List<Found>> found,
            Consumer<Path> temps) throws IOException {
        String expectedDir = group + "/" + fanOut.getFileName() + "/";
        try (DirectoryStream<Path> files = Files.newDirectoryStream(fanOut)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (LocalLayout.isTemp(name)) {
                    temps.accept(file);
                    continue;
                }
                String key = LocalLayout.isHashed(name) && LocalLayout.isBlob(name) ? storedKey(file)
                        : LocalLayout.keyOfFileName(name);
                if (key == null || !key.startsWith(prefix)
                        || !LocalLayout.place(key).relative().equals(expectedDir + name)) {
                    continue;
                }
                try {
                    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                    found.computeIfAbsent(key, k -> new ArrayList<>())
                            .add(new Found(location, attributes.size(), attributes.lastModifiedTime().toInstant()));
                } catch (NoSuchFileException e) {
                    // Deleted since the directory was read.
                }
            }
        } catch (NoSuchFileException e) {
            // Removed since the group was read: it held nothing.
        }
    }

    /** The key in a file's header, for hashed names; null when the header cannot be read. */
    private static String storedKey(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] start = in.readNBytes(BlobFormat.HEADER_BYTES + BlobKeys.MAX_LENGTH);
            return BlobFormat.key(start, BlobFormat.header(start));
        } catch (IOException | BlobFormat.InvalidObjectException e) {
            return null;
        }
    }

    @Override
    public StorageHealth health() {
        List<StorageHealth.Location> states = new ArrayList<>();
        for (Location location : locations) {
            states.add(health(location));
        }
        return StorageHealth.of("local", states);
    }

    private static StorageHealth.Location health(Location location) {
        String name = location.root().toString();
        try {
            FileStore fileStore = Files.getFileStore(location.root());
            long usable = fileStore.getUsableSpace();
            long total = fileStore.getTotalSpace();
            String problem = null;
            Path idFile = location.root().resolve(LocalLayout.ID_FILE);
            if (!Files.exists(idFile) || !readId(location.root(), idFile).equals(location.id())) {
                problem = "the directory no longer holds this store's " + LocalLayout.ID_FILE
                        + " (is its disk mounted?)";
            } else if (!Files.isWritable(location.root())) {
                problem = "not writable";
            }
            StorageHealth.Status status = problem == null ? StorageHealth.Status.UP : StorageHealth.Status.DOWN;
            return new StorageHealth.Location(name, status, usable, total, problem);
        } catch (IOException e) {
            return new StorageHealth.Location(name, StorageHealth.Status.DOWN, -1, -1, IoErrors.describe(e));
        } catch (StorageException e) {
            return new StorageHealth.Location(name, StorageHealth.Status.DOWN, -1, -1, e.getMessage());
        }
    }

    @Override
    public ScrubReport scrub(boolean repair) {
        ScrubTally tally = new ScrubTally(clock.instant(), repair);
        if (repair) {
            for (Location location : locations) {
                removeTemps(location.root(), tally);
            }
        }
        for (String group : groups("", true)) {
            Map<String, List<Found>> keys = scanGroup(group, "", true, temp -> {
                if (repair) {
                    removeTemp(temp, tally);
                }
            });
            for (String key : keys.keySet()) {
                scrubKey(key, repair, tally);
            }
        }
        return tally.report();
    }

    /** Removes leftovers of interrupted writes directly in a directory (the id file's). */
    private void removeTemps(Path dir, ScrubTally tally) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (LocalLayout.isTemp(entry.getFileName().toString())) {
                    removeTemp(entry, tally);
                }
            }
        } catch (IOException e) {
            // An unreadable directory shows up in the health and as missing replicas.
        }
    }

    private void removeTemp(Path temp, ScrubTally tally) {
        if (inFlight.contains(temp)) {
            return;
        }
        try {
            if (Files.deleteIfExists(temp)) {
                tally.tempFilesRemoved++;
            }
        } catch (IOException e) {
            // Tried again by the next scrub.
        }
    }

    /**
     * Verifies every copy of one key and, with repair, rewrites the placed copies that are
     * missing, corrupt or stale from the newest good copy (placed copies preferred), then removes
     * copies outside the placement. Holds the key's lock, so a concurrent put is never undone.
     */
    private void scrubKey(String key, boolean repair, ScrubTally tally) {
        LocalLayout.Place place = LocalLayout.place(key);
        List<Location> order = order(place);
        ReentrantLock lock = lock(place);
        lock.lock();
        try {
            List<Replica> copies = new ArrayList<>();
            for (int i = 0; i < order.size(); i++) {
                Replica replica = read(order.get(i), i < replicas, place);
                if (replica.placed() || replica.state() != State.MISSING) {
                    copies.add(replica);
                }
            }
            if (copies.stream().allMatch(c -> c.state() == State.MISSING)) {
                return;
            }
            tally.blobsChecked++;
            Replica best = newestGood(copies, true);
            if (best == null) {
                best = newestGood(copies, false);
            }
            List<Replica> toRewrite = new ArrayList<>();
            List<Replica> misplaced = new ArrayList<>();
            for (Replica copy : copies) {
                if (!copy.placed()) {
                    tally.replicasMisplaced++;
                    misplaced.add(copy);
                    continue;
                }
                boolean rewrite = switch (copy.state()) {
                    case MISSING, UNREADABLE -> {
                        tally.replicasMissing++;
                        yield true;
                    }
                    case CORRUPT -> {
                        tally.replicasCorrupt++;
                        yield true;
                    }
                    case GOOD -> {
                        // best is a placed good copy here; an equal one is in sync.
                        boolean stale = !Arrays.equals(copy.object(), best.object());
                        if (stale) {
                            tally.replicasStale++;
                        }
                        yield stale;
                    }
                };
                if (rewrite) {
                    toRewrite.add(copy);
                }
            }
            if (best == null) {
                tally.unrepairable++;
                return;
            }
            tally.bytes += BlobFormat.payloadSize(key, best.object().length);
            if (repair) {
                repair(place, best, toRewrite, misplaced, tally);
            }
        } finally {
            lock.unlock();
        }
    }

    private void repair(LocalLayout.Place place, Replica best, List<Replica> toRewrite, List<Replica> misplaced,
            ScrubTally tally) {
        boolean placedGood = true;
        for (Replica copy : toRewrite) {
            try {
                DurableFiles.writeAtomically(place.in(copy.location().root()), best.object(), inFlight,
                        DurableFiles.RenameHook.NONE);
                tally.repaired++;
            } catch (IOException e) {
                tally.repairFailed++;
                placedGood = false;
            }
        }
        if (!placedGood) {
            return;
        }
        for (Replica copy : misplaced) {
            try {
                DurableFiles.delete(place.in(copy.location().root()));
            } catch (IOException e) {
                // Still counted as misplaced by the next scrub, which tries again.
            }
        }
    }

    private static Replica newestGood(List<Replica> copies, boolean placed) {
        Replica best = null;
        for (Replica copy : copies) {
            boolean candidate = copy.state() == State.GOOD && copy.placed() == placed;
            if (candidate && (best == null || copy.writtenAt() > best.writtenAt())) {
                best = copy;
            }
        }
        return best;
    }

    private static Replica read(Location location, boolean placed, LocalLayout.Place place) {
        byte[] object;
        try {
            object = Files.readAllBytes(place.in(location.root()));
        } catch (NoSuchFileException e) {
            return new Replica(location, placed, State.MISSING, null, 0);
        } catch (IOException e) {
            return new Replica(location, placed, State.UNREADABLE, null, 0);
        }
        try {
            long writtenAt = BlobFormat.verify(object, place.key()).writtenAt();
            return new Replica(location, placed, State.GOOD, object, writtenAt);
        } catch (BlobFormat.InvalidObjectException e) {
            return new Replica(location, placed, State.CORRUPT, object, 0);
        }
    }

    /** All locations, the key's placed ones first: highest rendezvous score first. */
    private List<Location> order(LocalLayout.Place place) {
        List<Location> sorted = new ArrayList<>(locations);
        sorted.sort(Comparator.comparingLong((Location l) -> mix(place.hash() ^ l.seed())).reversed()
                .thenComparingInt(Location::index));
        return sorted;
    }

    private ReentrantLock lock(LocalLayout.Place place) {
        return locks[(int) Long.remainderUnsigned(place.hash(), LOCK_STRIPES)];
    }

    /** A 64-bit finalizer (SplitMix64): every input bit affects every output bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
