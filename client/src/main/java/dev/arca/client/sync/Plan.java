package dev.arca.client.sync;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides what one pass of sync does, from three trees: local (what the disk holds), remote
 * (what the server's journal says) and base (what both agreed on last time). A side whose file
 * differs from the base changed it. When only one side changed, its change goes to the other;
 * when both did and disagree, both are kept. Deleting never beats changing: a file changed on
 * one side and deleted on the other comes back. See docs/sync-protocol.md.
 */
record Plan(List<Action> actions, int heldDeletes, List<String> clashes) {

    /** One step of a pass. */
    sealed interface Action {
        String path();
    }

    /** Local content goes up, based on {@code baseRevision} (0: the server has no file there). */
    record Upload(String path, long baseRevision) implements Action {}

    record Download(String path) implements Action {}

    record DeleteLocal(String path) implements Action {}

    record DeleteRemote(String path, long baseRevision) implements Action {}

    /** A local rename goes up as a move: no content is sent. */
    record MoveRemote(String path, String to, long baseRevision) implements Action {}

    /** A remote rename is done locally: no content is fetched. */
    record MoveLocal(String path, String to) implements Action {}

    /** Both sides changed the file: the local one is kept beside the remote one under a conflict name. */
    record Conflict(String path) implements Action {}

    /** Both sides hold the same content: only the base is recorded. */
    record Agree(String path) implements Action {}

    /** The file is gone on both sides: the base forgets it. */
    record Forget(String path) implements Action {}

    /** What a side holds at a path: its content hash and, remote, its revision. */
    record Side(String sha256, long revision) {}

    /**
     * @param deleteLimit how many files a pass may delete on the server before it asks for
     *     confirmation; the deletes beyond it are held back (counted in {@link #heldDeletes})
     * @param caseInsensitive the local file system cannot hold two names that differ only in case
     */
    static Plan of(Map<String, Side> local, Set<String> busy, Map<String, Side> remote, Map<String, Side> base,
            int deleteLimit, boolean caseInsensitive) {
        List<Action> steps = new ArrayList<>();
        Set<String> paths = new TreeSet<>();
        paths.addAll(local.keySet());
        paths.addAll(remote.keySet());
        paths.addAll(base.keySet());
        paths.removeAll(busy);
        for (String p : paths) {
            Side l = local.get(p);
            Side r = remote.get(p);
            Side b = base.get(p);
            if (l == null && r == null) {
                if (b != null) {
                    steps.add(new Forget(p));
                }
                continue;
            }
            if (l != null && r != null && l.sha256().equals(r.sha256())) {
                if (b == null || b.revision() != r.revision() || !b.sha256().equals(r.sha256())) {
                    steps.add(new Agree(p));
                }
                continue;
            }
            boolean localChanged = !Objects.equals(hash(l), hash(b));
            boolean remoteChanged = b == null ? r != null : r == null || r.revision() != b.revision();
            if (localChanged && !remoteChanged) {
                steps.add(l != null ? new Upload(p, b == null ? 0 : b.revision()) : new DeleteRemote(p, b.revision()));
            } else if (!localChanged && remoteChanged) {
                steps.add(r != null ? new Download(p) : new DeleteLocal(p));
            } else if (localChanged) {
                if (l == null) {
                    steps.add(new Download(p));
                } else if (r == null) {
                    steps.add(new Upload(p, 0));
                } else {
                    steps.add(new Conflict(p));
                }
            }
        }
        steps = pairMoves(steps, local, remote, base);
        List<String> clashes = new ArrayList<>();
        if (caseInsensitive) {
            steps = withoutCaseClashes(steps, local, clashes);
        }
        int held = 0;
        List<Action> ordered = new ArrayList<>();
        long deletes = steps.stream().filter(s -> s instanceof DeleteRemote).count();
        for (Class<?> kind : List.of(Agree.class, Forget.class, Conflict.class, MoveLocal.class, Download.class,
                Upload.class, MoveRemote.class, DeleteRemote.class, DeleteLocal.class)) {
            for (Action step : steps) {
                if (kind.isInstance(step)) {
                    if (step instanceof DeleteRemote && deletes > deleteLimit) {
                        held++;
                    } else {
                        ordered.add(step);
                    }
                }
            }
        }
        return new Plan(List.copyOf(ordered), held, List.copyOf(clashes));
    }

    /** Turns a delete and a create of the same content into a move, on either side. */
    private static List<Action> pairMoves(List<Action> steps, Map<String, Side> local, Map<String, Side> remote,
            Map<String, Side> base) {
        Map<String, List<DeleteRemote>> localGone = new HashMap<>();
        Map<String, List<DeleteLocal>> remoteGone = new HashMap<>();
        for (Action step : steps) {
            if (step instanceof DeleteRemote d) {
                localGone.computeIfAbsent(base.get(d.path()).sha256(), k -> new ArrayList<>()).add(d);
            } else if (step instanceof DeleteLocal d) {
                remoteGone.computeIfAbsent(local.get(d.path()).sha256(), k -> new ArrayList<>()).add(d);
            }
        }
        Set<Action> paired = new HashSet<>();
        List<Action> result = new ArrayList<>();
        for (Action step : steps) {
            if (step instanceof Upload u && u.baseRevision() == 0 && !base.containsKey(u.path())
                    && !remote.containsKey(u.path())) {
                List<DeleteRemote> from = localGone.getOrDefault(local.get(u.path()).sha256(), List.of());
                if (!from.isEmpty()) {
                    DeleteRemote d = from.removeFirst();
                    paired.add(d);
                    result.add(new MoveRemote(d.path(), u.path(), d.baseRevision()));
                    continue;
                }
            } else if (step instanceof Download dl && !local.containsKey(dl.path())) {
                List<DeleteLocal> from = remoteGone.getOrDefault(remote.get(dl.path()).sha256(), List.of());
                if (!from.isEmpty()) {
                    DeleteLocal d = from.removeFirst();
                    paired.add(d);
                    result.add(new MoveLocal(d.path(), dl.path()));
                    continue;
                }
            }
            result.add(step);
        }
        result.removeAll(paired);
        return result;
    }

    /** Leaves out downloads whose name differs only in case from a file this disk holds or gets. */
    private static List<Action> withoutCaseClashes(List<Action> steps, Map<String, Side> local, List<String> clashes) {
        Map<String, String> taken = new HashMap<>();
        local.keySet().forEach(p -> taken.put(p.toLowerCase(Locale.ROOT), p));
        List<Action> result = new ArrayList<>();
        for (Action step : steps) {
            String target = switch (step) {
                case Download d -> d.path();
                case MoveLocal m -> m.to();
                default -> null;
            };
            if (target != null) {
                String owner = taken.putIfAbsent(target.toLowerCase(Locale.ROOT), target);
                boolean renamesItself = step instanceof MoveLocal m && owner != null && owner.equals(m.path());
                if (owner != null && !owner.equals(target) && !renamesItself) {
                    clashes.add(target + " (this file system cannot hold it beside " + owner + ")");
                    continue;
                }
            }
            result.add(step);
        }
        return result;
    }

    private static String hash(Side side) {
        return side == null ? null : side.sha256();
    }
}
