package dev.arca.client.sync;

import dev.arca.client.fs.SafePaths;
import dev.arca.client.net.ChunkTransfer;
import dev.arca.client.net.ServerApi;
import dev.arca.client.net.Tasks;
import dev.arca.client.progress.Meter;
import dev.arca.protocol.api.ProblemTypes;
import dev.arca.protocol.manifest.ChunkRef;
import dev.arca.protocol.manifest.FileManifest;
import dev.arca.protocol.manifest.ManifestPatch;
import dev.arca.protocol.path.RelativePaths;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.databind.JsonNode;

/**
 * Two-way sync of one local folder with one folder on the server: pull the journal into the
 * remote tree, scan the disk into the local tree, {@link Plan plan} against the base tree, and
 * carry out the plan step by step, recording each finished step in the {@link SyncState} at once.
 * A pass interrupted at any point (network, kill, crash) leaves state that the next pass starts
 * from: chunks the server acknowledged are not sent again (it is asked which it lacks), a commit
 * that landed is found in the journal, and a half-written download is a temporary file that the
 * next pass ignores and replaces.
 *
 * <p>Every file a pass writes, moves or deletes goes through {@link SafePaths}, so no path the
 * server sends and no link the folder holds makes it write outside the folder: a remote path
 * that breaks the {@link RelativePaths path rules} is left out of the plan, and one that would
 * pass through a link or a file on this disk is skipped; both are reported.
 */
public final class Sync implements AutoCloseable {

    /**
     * @param settle how long a file must go unmodified before it is uploaded
     * @param deleteLimit how many server deletes one pass may make without confirmation
     */
    public record Options(Duration settle, int deleteLimit) {}

    /** What a sync did. */
    /**
     * What a sync did. {@code bytesSent} and {@code bytesReceived} count content (chunks and
     * deltas); {@code wireBytesSent} and {@code wireBytesReceived} every request and response body.
     */
    public record Report(int uploaded, int downloaded, int movedUp, int movedDown, int deletedUp, int deletedDown,
            List<String> conflicts, List<String> skipped, List<String> clashes, int busy, int heldDeletes,
            long bytesSent, long bytesReceived, long wireBytesSent, long wireBytesReceived) {}

    /** Where a test may interrupt a pass, as a crash or a broken connection would. */
    public interface Faults extends ChunkTransfer.Checkpoint {
        Faults NONE = step -> {};
    }

    private static final int MAX_PASSES = 10;
    private static final int PARALLEL = 8;
    private static final int PAGE = 1000;

    private final ServerApi api;
    private final SyncState state;
    private final Path root;
    private final SafePaths places;
    private final String folder;
    private final String deviceId;
    private final String deviceName;
    private final Options options;
    private final Faults faults;
    private final Clock clock;
    private final boolean caseInsensitive;

    private final java.util.concurrent.atomic.AtomicInteger uploaded = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger downloaded = new java.util.concurrent.atomic.AtomicInteger();
    private int movedUp;
    private int movedDown;
    private int deletedUp;
    private int deletedDown;
    private final List<String> conflicts = new ArrayList<>();
    private final Set<String> skipped = new LinkedHashSet<>();
    private final Set<String> clashes = new LinkedHashSet<>();
    /** Remote paths this run found it cannot write safely here; later passes of the run leave them alone. */
    private final Set<String> unsafe = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private int busy;
    private int held;
    private int deleteLimit;
    private final Meter meter = new Meter();
    private long sentBefore;
    private long receivedBefore;
    private long wireSentBefore;
    private long wireReceivedBefore;

    public Sync(ServerApi api, Path configDir, String server, Path root, String folder, String deviceId,
            String deviceName, Options options, Faults faults, Clock clock) throws IOException {
        this.api = api;
        this.root = root.toAbsolutePath().normalize();
        this.folder = folder;
        this.deviceId = deviceId;
        this.deviceName = deviceName;
        this.options = options;
        this.deleteLimit = options.deleteLimit();
        this.faults = faults;
        this.clock = clock;
        this.state = SyncState.open(configDir, server, this.root, folder);
        api.observe(meter);
        this.caseInsensitive = caseInsensitive(this.root);
        this.places = SafePaths.under(this.root);
    }

    /** Syncs until both sides agree, or only files still being written are left after a few passes. */
    public Report once() throws IOException {
        uploaded.set(0);
        downloaded.set(0);
        movedUp = movedDown = deletedUp = deletedDown = 0;
        conflicts.clear();
        skipped.clear();
        clashes.clear();
        unsafe.clear();
        sentBefore = api.sentBytes();
        receivedBefore = api.receivedBytes();
        wireSentBefore = api.wireSentBytes();
        wireReceivedBefore = api.wireReceivedBytes();
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            pull();
            LocalScan.Result scan = LocalScan.scan(root, state, options.settle(), clock);
            Plan plan = plan(scan);
            skipped.addAll(scan.skipped());
            clashes.addAll(plan.clashes());
            busy = scan.busy().size();
            held = plan.heldDeletes();
            boolean progress = plan.actions().stream().anyMatch(a -> !(a instanceof Plan.Agree
                    || a instanceof Plan.Forget));
            execute(plan, scan);
            if (!progress && scan.busy().isEmpty()) {
                break;
            }
            if (!progress) {
                sleep(options.settle());
            }
        }
        return report();
    }

    /**
     * Whether the server has changes after this device's cursor, waiting up to {@code wait} for
     * one (long poll). Does not apply them; the next pass does.
     */
    public boolean awaitRemoteChange(Duration wait) throws IOException {
        JsonNode page = api.get("/api/v1/sync/changes?folder=" + ServerApi.query(folder) + "&after=" + state.cursor()
                + "&limit=1&wait=" + wait.toSeconds(), wait);
        return !page.path("entries").isEmpty();
    }

    /** Only the server deletes held back in the last pass; {@link #once} with a higher limit sends them. */
    public int heldDeletes() {
        return held;
    }

    /** The progress of the current pass: files and content bytes transferred of those planned. */
    public Meter meter() {
        return meter;
    }

    /** Lets the next pass send every delete, once the user confirmed them. */
    public void confirmDeletes() {
        deleteLimit = Integer.MAX_VALUE;
    }

    public Path root() {
        return root;
    }

    private Report report() {
        return new Report(uploaded.get(), downloaded.get(), movedUp, movedDown, deletedUp, deletedDown, List.copyOf(conflicts),
                List.copyOf(skipped), List.copyOf(clashes), busy, held, api.sentBytes() - sentBefore,
                api.receivedBytes() - receivedBefore, api.wireSentBytes() - wireSentBefore,
                api.wireReceivedBytes() - wireReceivedBefore);
    }

    /** Applies the journal after the cursor to the remote tree. */
    private void pull() throws IOException {
        boolean more = true;
        while (more) {
            JsonNode page = api.get("/api/v1/sync/changes?folder=" + ServerApi.query(folder) + "&after="
                    + state.cursor() + "&limit=" + PAGE);
            state.inTransaction(() -> {
                for (JsonNode e : page.path("entries")) {
                    String path = e.path("path").asString();
                    switch (e.path("kind").asString()) {
                        case "delete" -> state.removeRemote(path);
                        case "move" -> {
                            state.removeRemote(e.path("from").asString());
                            state.putRemote(remote(path, e));
                        }
                        default -> state.putRemote(remote(path, e));
                    }
                }
                state.cursor(page.path("cursor").asLong());
            });
            more = page.path("more").asBoolean();
        }
    }

    private static SyncState.Remote remote(String path, JsonNode e) {
        return new SyncState.Remote(path, e.path("seq").asLong(), e.path("itemId").asString(), e.path("version").asInt(),
                e.path("sha256").asString(), e.path("size").asLong(), e.path("mtime").asLong());
    }

    /**
     * The plan of a pass. Remote and base paths outside the path rules (a server's, or ones kept
     * from before the rules) are left out of it and reported, as the scan leaves out such local
     * names: no side acts on them. So are remote paths an earlier pass of this run could not
     * write safely.
     */
    private Plan plan(LocalScan.Result scan) throws IOException {
        Map<String, Plan.Side> local = new HashMap<>();
        scan.files().forEach((p, f) -> local.put(p, new Plan.Side(f.sha256(), 0)));
        Map<String, Plan.Side> remote = new HashMap<>();
        state.remote().forEach((p, r) -> {
            Optional<String> problem = RelativePaths.problem(p);
            if (problem.isPresent()) {
                skip(problem.get() + " (on the server)");
            } else if (!unsafe.contains(p)) {
                remote.put(p, new Plan.Side(r.sha256(), r.revision()));
            }
        });
        Map<String, Plan.Side> base = new HashMap<>();
        state.base().forEach((p, b) -> {
            if (RelativePaths.problem(p).isEmpty()) {
                base.put(p, new Plan.Side(b.sha256(), b.revision()));
            }
        });
        return Plan.of(local, scan.busy(), remote, base, deleteLimit, caseInsensitive);
    }

    private void skip(String what) {
        synchronized (skipped) {
            skipped.add(what);
        }
    }

    private void execute(Plan plan, LocalScan.Result scan) throws IOException {
        Map<String, SyncState.Remote> remote = state.remote();
        Map<String, SyncState.Base> base = state.base();
        Map<String, LocalScan.LocalFile> local = new HashMap<>(scan.files());
        long files = 0;
        long bytes = 0;
        for (Plan.Action action : plan.actions()) {
            switch (action) {
                case Plan.Upload u -> {
                    files++;
                    bytes += local.get(u.path()).size();
                }
                case Plan.Download d -> {
                    files++;
                    bytes += remote.get(d.path()).size();
                }
                default -> { }
            }
        }
        meter.reset(files, bytes);
        LocalChunks chunks = new LocalChunks(local);
        Step step = action -> {
            switch (action) {
                case Plan.Agree a -> state.putBase(a.path(), remote.get(a.path()).revision(),
                        remote.get(a.path()).sha256(), local.get(a.path()).manifest());
                case Plan.Forget f -> state.removeBase(f.path());
                case Plan.Upload u -> upload(local.get(u.path()), u.baseRevision(), base.get(u.path()));
                case Plan.Download d -> download(remote.get(d.path()), local.get(d.path()), chunks);
                case Plan.MoveLocal m -> moveLocal(local.get(m.path()), remote.get(m.to()));
                case Plan.MoveRemote m -> moveRemote(m, local.get(m.to()));
                case Plan.DeleteRemote d -> deleteRemote(d);
                case Plan.DeleteLocal d -> deleteLocal(local.get(d.path()));
                case Plan.Conflict c -> conflict(local.get(c.path()), remote.get(c.path()), chunks);
            }
        };
        List<Plan.Action> actions = plan.actions();
        for (int i = 0; i < actions.size(); ) {
            Plan.Action first = actions.get(i);
            int end = i + 1;
            if (first instanceof Plan.Upload || first instanceof Plan.Download) {
                while (end < actions.size() && actions.get(end).getClass() == first.getClass()) {
                    end++;
                }
                List<Plan.Action> group = actions.subList(i, end);
                if (first instanceof Plan.Upload) {
                    group = uploadNewInBatches(group, local, base);
                }
                inParallel(group, step);
            } else {
                tolerant(step, first);
            }
            i = end;
        }
    }

    /**
     * Uploads the new files of a group of uploads in batches; returns the rest (changed files,
     * which go as deltas and patches, and those the batch handed back) for one-by-one uploads.
     */
    private List<Plan.Action> uploadNewInBatches(List<Plan.Action> uploads, Map<String, LocalScan.LocalFile> local,
            Map<String, SyncState.Base> base) throws IOException {
        List<Plan.Action> single = new ArrayList<>();
        List<LocalScan.LocalFile> fresh = new ArrayList<>();
        for (Plan.Action action : uploads) {
            Plan.Upload upload = (Plan.Upload) action;
            if (upload.baseRevision() == 0 && uploads.size() > 1) {
                fresh.add(local.get(upload.path()));
            } else {
                single.add(upload);
            }
        }
        if (fresh.isEmpty()) {
            return single;
        }
        faults.at("step");
        List<LocalScan.LocalFile> again = new BatchUpload(api, folder, deviceId, faults).run(fresh, entries ->
                state.inTransaction(() -> {
                    for (var e : entries.entrySet()) {
                        LocalScan.LocalFile file = e.getKey();
                        recordCommitted(file.path(), e.getValue(), file.sha256(), file.size(), file.mtime(),
                                file.manifest());
                        uploaded.incrementAndGet();
                        meter.addFiles(1);
                    }
                }));
        again.forEach(file -> single.add(new Plan.Upload(file.path(), 0)));
        return single;
    }

    /** One step of a plan. */
    private interface Step {
        void run(Plan.Action action) throws IOException;
    }

    /**
     * Runs a step, leaving to the next pass what someone else changed first (409), what went away
     * (404), and a local file that changed under it; a step that would write through a link or
     * outside the folder is skipped and reported.
     */
    private void tolerant(Step step, Plan.Action action) throws IOException {
        faults.at("step");
        try {
            step.run(action);
        } catch (ServerApi.Refused e) {
            if (e.status() != 409 && e.status() != 404) {
                throw e;
            }
        } catch (ChunkTransfer.FileChangedException e) {
            // the next pass sees the new content
        } catch (SafePaths.UnsafePathException e) {
            unsafe.add(action.path());
            skip(RelativePaths.quote(action.path()) + " not synced here: " + e.getMessage());
        }
    }

    /**
     * Runs independent transfers ({@value #PARALLEL} at a time), so that many small files do not
     * wait for one another's round trips and disk syncs. The first failure is thrown once all
     * have ended.
     */
    private void inParallel(List<Plan.Action> group, Step step) throws IOException {
        if (group.size() == 1) {
            tolerant(step, group.getFirst());
            return;
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(PARALLEL, Thread.ofVirtual().factory())) {
            List<Future<?>> running = new ArrayList<>();
            for (Plan.Action action : group) {
                running.add(pool.submit(() -> {
                    tolerant(step, action);
                    return null;
                }));
            }
            Tasks.awaitAll(running);
        }
    }

    /**
     * Sends a file's new content. When the server holds an earlier content of the same path (the
     * base), only chunks the base lacks are asked about, each changed chunk may go as a delta to
     * the base chunk at its place, and the commit names the manifest as a patch of the base's.
     */
    private void upload(LocalScan.LocalFile file, long baseRevision, SyncState.Base base) throws IOException {
        FileManifest manifest = FileManifest.parse(file.manifest());
        FileManifest previous = base != null && base.revision() == baseRevision ? FileManifest.parse(base.manifest())
                : null;
        Set<String> onServer = new HashSet<>();
        if (previous != null) {
            previous.chunks().forEach(c -> onServer.add(c.sha256()));
        }
        ChunkTransfer.sendMissing(api, file.file(), manifest, manifest.chunks().stream().map(ChunkRef::sha256)
                .filter(h -> !onServer.contains(h)).distinct().toList(), previous, faults);
        faults.at("commit");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("folder", folder);
        body.put("path", file.path());
        body.put("baseVersion", baseRevision);
        body.put("mtime", file.mtime());
        body.put("deviceId", deviceId);
        JsonNode entry;
        try {
            entry = previous == null ? commit(body, file) : commitPatch(body, file, manifest, previous);
        } catch (ServerApi.Refused e) {
            if (!ProblemTypes.MISSING_CHUNKS.equals(e.type())) {
                throw e;
            }
            List<String> missing = new ArrayList<>();
            e.problem().path("missing").forEach(h -> missing.add(h.asString()));
            ChunkTransfer.sendMissing(api, file.file(), manifest, missing, previous, faults);
            entry = commit(body, file);
        }
        recordCommitted(file.path(), entry, file.sha256(), file.size(), file.mtime(), file.manifest());
        uploaded.incrementAndGet();
        meter.addFiles(1);
    }

    private JsonNode commit(Map<String, Object> body, LocalScan.LocalFile file) throws IOException {
        body.remove("patch");
        body.put("manifest", file.manifest());
        return api.post("/api/v1/sync/files", body);
    }

    /** Commits with a patch of the base manifest; should the server hold another base, with the whole manifest. */
    private JsonNode commitPatch(Map<String, Object> body, LocalScan.LocalFile file, FileManifest manifest,
            FileManifest previous) throws IOException {
        body.put("patch", ManifestPatch.diff(previous, manifest));
        try {
            return api.post("/api/v1/sync/files", body);
        } catch (ServerApi.Refused e) {
            if (e.status() != 400) {
                throw e;
            }
            return commit(body, file);
        }
    }

    private void recordCommitted(String path, JsonNode entry, String sha256, long size, long mtime, String manifest)
            throws IOException {
        long revision = entry.path("seq").asLong();
        state.inTransaction(() -> {
            state.putRemote(new SyncState.Remote(path, revision, entry.path("itemId").asString(),
                    entry.path("version").asInt(), sha256, size, mtime));
            state.putBase(path, revision, sha256, manifest);
        });
    }

    private void download(SyncState.Remote remote, LocalScan.LocalFile expected, LocalChunks chunks)
            throws IOException {
        Path target = places.parentMade(remote.path());
        FileManifest manifest = FileManifest.parse(api.text("/api/v1/sync/manifests/" + remote.itemId() + "/"
                + remote.version()));
        if (!manifest.sha256().equals(remote.sha256())) {
            return;
        }
        Path temp = target.resolveSibling(Ignore.TEMP_PREFIX + UUID.randomUUID());
        try {
            ChunkTransfer.fetch(api, manifest, temp, chunks, faults);
            Files.setLastModifiedTime(temp, FileTime.fromMillis(remote.mtime()));
            if (!unchanged(target, expected)) {
                return;
            }
            SafePaths.replace(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
        cacheAndAgree(remote, target, manifest.encode());
        downloaded.incrementAndGet();
        meter.addFiles(1);
    }

    /** Records a file just written from the server as known and agreed. */
    private void cacheAndAgree(SyncState.Remote remote, Path target, String manifest) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        state.inTransaction(() -> {
            state.putCache(new SyncState.Cached(remote.path(), attrs.size(), attrs.lastModifiedTime().toMillis(),
                    LocalScan.inode(target, attrs), remote.sha256(), manifest, clock.millis()));
            state.putBase(remote.path(), remote.revision(), remote.sha256(), manifest);
        });
    }

    private void moveLocal(LocalScan.LocalFile from, SyncState.Remote to) throws IOException {
        Path source = places.parentMade(from.path());
        Path target = places.parentMade(to.path());
        if (!unchanged(source, from) || Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        state.inTransaction(() -> {
            state.removeCache(from.path());
            state.removeBase(from.path());
        });
        cacheAndAgree(to, target, from.manifest());
        removeEmptyParents(from.file());
        movedDown++;
    }

    private void moveRemote(Plan.MoveRemote move, LocalScan.LocalFile file) throws IOException {
        JsonNode entry = api.post("/api/v1/sync/moves", Map.of("folder", folder, "from", move.path(), "to", move.to(),
                "baseVersion", move.baseRevision(), "deviceId", deviceId));
        state.inTransaction(() -> {
            state.removeRemote(move.path());
            state.removeBase(move.path());
        });
        recordCommitted(move.to(), entry, file.sha256(), file.size(), file.mtime(), file.manifest());
        movedUp++;
    }

    private void deleteRemote(Plan.DeleteRemote delete) throws IOException {
        api.post("/api/v1/sync/deletes", Map.of("folder", folder, "path", delete.path(),
                "baseVersion", delete.baseRevision(), "deviceId", deviceId));
        state.inTransaction(() -> {
            state.removeRemote(delete.path());
            state.removeBase(delete.path());
        });
        deletedUp++;
    }

    /** Deletes a local file the server deleted (it is in the server's trash), unless it changed since the scan. */
    private void deleteLocal(LocalScan.LocalFile file) throws IOException {
        Path place = places.parentMade(file.path());
        if (!unchanged(place, file)) {
            return;
        }
        Files.delete(place);
        state.inTransaction(() -> {
            state.removeCache(file.path());
            state.removeBase(file.path());
        });
        removeEmptyParents(file.file());
        deletedDown++;
    }

    /** Keeps both: the local file moves aside under a conflict name and goes up; the remote one takes the name. */
    private void conflict(LocalScan.LocalFile mine, SyncState.Remote theirs, LocalChunks chunks) throws IOException {
        Map<String, SyncState.Remote> remote = state.remote();
        Path place = places.parentMade(mine.path());
        String name = ConflictNames.of(mine.path(), deviceName, clock, candidate -> remote.containsKey(candidate)
                || Files.exists(place.resolveSibling(candidate.substring(candidate.lastIndexOf('/') + 1)),
                        LinkOption.NOFOLLOW_LINKS));
        Path aside = places.parentMade(name);
        if (!unchanged(place, mine) || Files.exists(aside, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.move(place, aside, StandardCopyOption.ATOMIC_MOVE);
        LocalScan.LocalFile moved = new LocalScan.LocalFile(name, aside, mine.size(), mine.mtime(), mine.inode(),
                mine.sha256(), mine.manifest());
        state.inTransaction(() -> {
            state.removeCache(mine.path());
            state.putCache(new SyncState.Cached(name, mine.size(), mine.mtime(), mine.inode(), mine.sha256(),
                    mine.manifest(), 0));
        });
        conflicts.add(name);
        upload(moved, 0, null);
        download(theirs, null, chunks);
    }

    /** Whether the file at {@code path} is still what the scan saw ({@code expected} null: no file). */
    private static boolean unchanged(Path path, LocalScan.LocalFile expected) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return expected == null;
        }
        if (expected == null) {
            return false;
        }
        BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return attrs.size() == expected.size() && attrs.lastModifiedTime().toMillis() == expected.mtime();
    }

    private void removeEmptyParents(Path file) throws IOException {
        for (Path dir = file.getParent(); dir != null && !dir.equals(root) && dir.startsWith(root);
                dir = dir.getParent()) {
            try {
                Files.deleteIfExists(dir);
            } catch (DirectoryNotEmptyException e) {
                return;
            }
        }
    }

    private static boolean caseInsensitive(Path root) throws IOException {
        Files.createDirectories(root);
        Path probe = root.resolve(Ignore.TEMP_PREFIX + "case-" + UUID.randomUUID().toString().substring(0, 8));
        Files.createFile(probe);
        try {
            return Files.exists(root.resolve(probe.getFileName().toString().toUpperCase(java.util.Locale.ROOT)));
        } finally {
            Files.delete(probe);
        }
    }

    private static void sleep(Duration duration) throws IOException {
        try {
            Thread.sleep(Math.max(50, duration.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
        }
    }

    @Override
    public void close() throws IOException {
        state.close();
    }
}
