package dev.arca.client.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The decisions of one pass, from the three trees, as docs/sync-protocol.md tabulates them. */
class PlanTest {

    private static Plan.Side side(String sha, long revision) {
        return new Plan.Side(sha, revision);
    }

    private static Plan plan(Map<String, Plan.Side> local, Map<String, Plan.Side> remote, Map<String, Plan.Side> base) {
        return Plan.of(local, Set.of(), remote, base, 50, false);
    }

    @Test
    void eachSideChangeGoesToTheOtherAndChangesBeatDeletes() {
        Map<String, Plan.Side> base = Map.of("same", side("a", 1), "mine", side("a", 2), "theirs", side("a", 3),
                "both", side("a", 4), "gone-here", side("a", 5), "gone-there", side("a", 6),
                "deleted-here-changed-there", side("a", 7), "changed-here-deleted-there", side("a", 8));
        Map<String, Plan.Side> local = Map.of("same", side("a", 0), "mine", side("b", 0), "theirs", side("a", 0),
                "both", side("b", 0), "gone-there", side("a", 0), "changed-here-deleted-there", side("c", 0),
                "new-here", side("n", 0));
        Map<String, Plan.Side> remote = Map.of("same", side("a", 1), "mine", side("a", 2), "theirs", side("c", 9),
                "both", side("c", 10), "gone-here", side("a", 5), "deleted-here-changed-there", side("d", 11),
                "new-there", side("m", 12));
        assertThat(plan(local, remote, base).actions()).containsExactlyInAnyOrder(
                new Plan.Conflict("both"),
                new Plan.Download("theirs"),
                new Plan.Download("deleted-here-changed-there"),
                new Plan.Download("new-there"),
                new Plan.Upload("mine", 2),
                new Plan.Upload("changed-here-deleted-there", 0),
                new Plan.Upload("new-here", 0),
                new Plan.DeleteRemote("gone-here", 5),
                new Plan.DeleteLocal("gone-there"));
    }

    @Test
    void renamesOnEitherSideMoveNoContent() {
        Map<String, Plan.Side> base = Map.of("old.jpg", side("x", 1), "a.txt", side("y", 2));
        Map<String, Plan.Side> local = Map.of("new.jpg", side("x", 0), "a.txt", side("y", 0));
        Map<String, Plan.Side> remote = Map.of("old.jpg", side("x", 1), "b.txt", side("y", 3));
        assertThat(plan(local, remote, base).actions()).containsExactly(
                new Plan.MoveLocal("a.txt", "b.txt"), new Plan.MoveRemote("old.jpg", "new.jpg", 1));
    }

    @Test
    void agreementOnlyRecordsTheBaseAndBusyFilesWait() {
        Map<String, Plan.Side> local = Map.of("both-made.txt", side("z", 0), "busy.mov", side("q", 0));
        Map<String, Plan.Side> remote = Map.of("both-made.txt", side("z", 4));
        Map<String, Plan.Side> base = Map.of("forgotten", side("f", 1));
        Plan plan = Plan.of(local, Set.of("busy.mov"), remote, base, 50, false);
        assertThat(plan.actions()).containsExactly(new Plan.Agree("both-made.txt"), new Plan.Forget("forgotten"));
    }

    @Test
    void deletesOverTheLimitAreHeldBack() {
        Map<String, Plan.Side> base = new HashMap<>();
        Map<String, Plan.Side> remote = new HashMap<>();
        for (int i = 0; i < 5; i++) {
            base.put("f" + i, side("h" + i, i + 1));
            remote.put("f" + i, side("h" + i, i + 1));
        }
        Plan held = Plan.of(Map.of(), Set.of(), remote, base, 4, false);
        assertThat(held.actions()).isEmpty();
        assertThat(held.heldDeletes()).isEqualTo(5);
        assertThat(Plan.of(Map.of(), Set.of(), remote, base, 5, false).actions()).hasSize(5);
    }

    @Test
    void onACaseInsensitiveDiskANameThatClashesIsNotDownloaded() {
        Map<String, Plan.Side> local = Map.of("Photo.JPG", side("a", 0));
        Map<String, Plan.Side> remote = Map.of("Photo.JPG", side("a", 1), "photo.jpg", side("b", 2),
                "Notes.txt", side("c", 3), "notes.txt", side("d", 4));
        Map<String, Plan.Side> base = Map.of("Photo.JPG", side("a", 1));
        Plan plan = Plan.of(local, Set.of(), remote, base, 50, true);
        assertThat(plan.actions()).containsExactly(new Plan.Download("Notes.txt"));
        assertThat(plan.clashes()).hasSize(2).allMatch(c -> c.contains("cannot hold it beside"));
        assertThat(Plan.of(local, Set.of(), remote, base, 50, false).actions()).hasSize(3);
        List<String> renamed = Plan.of(Map.of("a.jpg", side("x", 0)), Set.of(), Map.of("A.jpg", side("x", 2)),
                Map.of("a.jpg", side("x", 1)), 50, true).actions().stream().map(Plan.Action::path).toList();
        assertThat(renamed).as("a rename that only changes case is allowed").containsExactly("a.jpg");
    }
}
