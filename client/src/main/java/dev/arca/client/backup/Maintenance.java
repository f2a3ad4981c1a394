package dev.arca.client.backup;

import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Forgetting snapshots, deleting chunks no snapshot uses, and checking a repository. */
public final class Maintenance {

    /** What forget and prune did. */
    public record Forgotten(List<String> removed, List<String> kept, long chunksDeleted) {}

    /** A problem check found: which snapshot and file, and what is wrong. */
    public record Problem(String snapshot, String path, String detail) {}

    /** What check found, and how much it read. */
    public record CheckResult(int snapshots, long chunks, List<Problem> problems) {}

    private final Repository repository;

    public Maintenance(Repository repository) {
        this.repository = repository;
    }

    /**
     * Deletes the snapshots the policy does not keep, then (with {@code prune}) every chunk
     * that no remaining snapshot uses. Needs the repository opened exclusively, so no backup
     * can be adding references meanwhile.
     */
    public Forgotten forget(Retention policy, ZoneId zone, boolean prune) throws IOException {
        List<Snapshot> snapshots = repository.headers();
        Set<String> keep = policy.keep(snapshots, zone);
        List<String> removed = new ArrayList<>();
        for (Snapshot snapshot : snapshots) {
            if (!keep.contains(snapshot.id())) {
                repository.deleteSnapshot(snapshot.id());
                removed.add(snapshot.id());
            }
        }
        long deleted = prune ? prune() : 0;
        return new Forgotten(removed, List.copyOf(keep), deleted);
    }

    /** What a copy moved: snapshots and the chunks written to the target. */
    public record Copied(int snapshots, long chunks) {}

    /**
     * Copies every snapshot, and the chunks it uses, into {@code target} (a new encrypted
     * repository, when migrating a format-1 one); chunks the target holds are not written again.
     * Each chunk is verified as it is read, and a snapshot is saved only after all its chunks.
     */
    public Copied copyTo(Repository target) throws IOException {
        int snapshots = 0;
        long written = 0;
        Set<String> present = new HashSet<>();
        for (Snapshot snapshot : repository.snapshots()) {
            for (Snapshot.Entry entry : snapshot.entries()) {
                if (!entry.isFile()) {
                    continue;
                }
                for (String hash : entry.chunks()) {
                    if (present.add(hash) && !target.hasChunk(hash)) {
                        byte[] bytes = repository.chunk(hash);
                        target.putChunk(hash, bytes, bytes.length);
                        written++;
                    }
                }
            }
            target.saveSnapshot(snapshot);
            snapshots++;
        }
        return new Copied(snapshots, written);
    }

    /** Deletes chunks no snapshot uses; returns how many. */
    public long prune() throws IOException {
        Set<String> used = new HashSet<>();
        for (Snapshot snapshot : repository.snapshots()) {
            snapshot.entries().stream().filter(Snapshot.Entry::isFile).forEach(e -> used.addAll(e.chunks()));
        }
        return repository.deleteChunksNotIn(used);
    }

    /**
     * Which chunks a check reads: part {@code part} of {@code of}, chosen by the chunk's hash, so
     * that checking parts 1 to {@code of} in turn (one a day, say) reads each chunk once.
     */
    public record Subset(int part, int of) {

        public static final Subset ALL = new Subset(1, 1);

        public Subset {
            if (of < 1 || of > 10_000 || part < 1 || part > of) {
                throw new IllegalArgumentException("a subset is N/T with 1 <= N <= T <= 10000");
            }
        }

        boolean includes(String sha256) {
            return Long.parseLong(sha256.substring(0, 8), 16) % of == part - 1;
        }
    }

    /** Reads every chunk every snapshot uses, once, and checks that it exists, opens and hashes right. */
    public CheckResult check() throws IOException {
        return check(Subset.ALL);
    }

    /**
     * Reads the chunks of {@code subset} once each and checks that each exists, opens and hashes
     * right; asks about the others in one question and reports those missing.
     */
    public CheckResult check(Subset subset) throws IOException {
        List<Snapshot> snapshots = repository.snapshots();
        Set<String> unread = new HashSet<>();
        for (Snapshot snapshot : snapshots) {
            snapshot.entries().stream().filter(Snapshot.Entry::isFile).flatMap(e -> e.chunks().stream())
                    .filter(hash -> !subset.includes(hash)).forEach(unread::add);
        }
        Set<String> missing = unread.isEmpty() ? Set.of() : repository.missing(unread);
        Set<String> verified = new HashSet<>();
        java.util.Map<String, String> bad = new java.util.HashMap<>();
        List<Problem> problems = new ArrayList<>();
        for (Snapshot snapshot : snapshots) {
            for (Snapshot.Entry entry : snapshot.entries()) {
                if (!entry.isFile()) {
                    continue;
                }
                for (String hash : entry.chunks()) {
                    if (unread.contains(hash)) {
                        if (missing.contains(hash)) {
                            problems.add(new Problem(snapshot.id(), entry.path(), "Chunk " + hash
                                    + " is missing from the repository."));
                        }
                        continue;
                    }
                    if (verified.contains(hash)) {
                        continue;
                    }
                    if (!bad.containsKey(hash)) {
                        try {
                            if (dev.arca.protocol.chunk.ContentHash.sha256Hex(repository.chunk(hash)).equals(hash)) {
                                verified.add(hash);
                                continue;
                            }
                            bad.put(hash, "Chunk " + hash + " is damaged: its content does not match its hash.");
                        } catch (Repository.RepositoryException e) {
                            bad.put(hash, e.getMessage());
                        }
                    }
                    problems.add(new Problem(snapshot.id(), entry.path(), bad.get(hash)));
                }
            }
        }
        return new CheckResult(snapshots.size(), verified.size() + bad.size(), problems);
    }
}
