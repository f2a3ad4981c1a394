package dev.arca.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local store on two directories with two replicas, and placement across more directories. */
class ReplicatedLocalBlobStoreTest extends BlobStoreContract {

    @TempDir
    Path one;

    @TempDir
    Path two;

    @TempDir
    Path three;

    private final TestClock clock = new TestClock();

    @Override
    protected BlobStore createStore() {
        return new LocalBlobStore(List.of(one, two), 2, clock);
    }

    @Test
    void everyBlobIsWrittenToBothDirectories() {
        store.put("acct1/a", new byte[] {1});

        assertThat(LocalFiles.open(one).get("acct1/a")).containsExactly(1);
        assertThat(LocalFiles.open(two).get("acct1/a")).containsExactly(1);
    }

    @Test
    void aCorruptReplicaIsDetectedServedFromTheOtherAndRepairedByScrub() throws IOException {
        byte[] bytes = randomBytes(100_000, 7);
        store.put("acct1/a", bytes);
        store.put("acct1/b", new byte[] {1});
        for (Path damaged : List.of(one, two)) {
            LocalFiles.flipByteFromEnd(LocalFiles.replica(damaged, "acct1/a"), 1);

            assertThat(store.get("acct1/a")).isEqualTo(bytes);
            ScrubReport check = store.scrub(false);
            assertThat(check.blobsChecked()).isEqualTo(2);
            assertThat(check.replicasCorrupt()).isEqualTo(1);
            assertThat(check.repaired()).isZero();
            assertThatThrownBy(() -> LocalFiles.open(damaged).get("acct1/a")).isInstanceOf(BlobCorruptException.class);

            ScrubReport repair = store.scrub(true);
            assertThat(repair.replicasCorrupt()).isEqualTo(1);
            assertThat(repair.repaired()).isEqualTo(1);
            assertThat(repair.unrepairable()).isZero();
            assertThat(LocalFiles.open(one).get("acct1/a")).isEqualTo(bytes);
            assertThat(LocalFiles.open(two).get("acct1/a")).isEqualTo(bytes);
            assertThat(store.scrub(false).clean()).isTrue();
        }
    }

    @Test
    void aDeletedReplicaIsReportedAndRestoredByScrub() throws IOException {
        byte[] bytes = randomBytes(5000, 8);
        store.put("acct1/a", bytes);
        Files.delete(LocalFiles.replica(two, "acct1/a"));

        assertThat(store.get("acct1/a")).isEqualTo(bytes);
        assertThat(store.exists("acct1/a")).isTrue();
        ScrubReport check = store.scrub(false);
        assertThat(check.replicasMissing()).isEqualTo(1);
        assertThat(check.repaired()).isZero();
        assertThat(LocalFiles.replica(two, "acct1/a")).doesNotExist();

        ScrubReport repair = store.scrub(true);
        assertThat(repair.replicasMissing()).isEqualTo(1);
        assertThat(repair.repaired()).isEqualTo(1);
        assertThat(LocalFiles.open(two).get("acct1/a")).isEqualTo(bytes);
        assertThat(store.scrub(false).clean()).isTrue();
    }

    @Test
    void whenEveryCopyIsCorruptTheBlobIsCorruptAndUnrepairable() throws IOException {
        store.put("acct1/a", randomBytes(100, 9));
        LocalFiles.flipByteFromEnd(LocalFiles.replica(one, "acct1/a"), 1);
        LocalFiles.flipByteFromEnd(LocalFiles.replica(two, "acct1/a"), 2);

        assertThatThrownBy(() -> store.get("acct1/a")).isInstanceOf(BlobCorruptException.class);
        ScrubReport report = store.scrub(true);
        assertThat(report.replicasCorrupt()).isEqualTo(2);
        assertThat(report.unrepairable()).isEqualTo(1);
        assertThat(report.repaired()).isZero();
    }

    @Test
    void aWriteInterruptedAfterTheFirstReplicaIsCompletedByScrub() {
        byte[] old = randomBytes(2000, 10);
        byte[] fresh = randomBytes(3000, 11);
        store.put("acct1/a", old);
        store.put("acct1/b", old);
        AtomicInteger renames = new AtomicInteger();
        BlobStore crashing = new LocalBlobStore(List.of(one, two), 2, clock, file -> {
            if (renames.incrementAndGet() == 1) {
                throw new IOException("power lost");
            }
        });
        assertThatThrownBy(() -> crashing.put("acct1/a", fresh)).isInstanceOf(StorageException.class);
        renames.set(0);
        assertThatThrownBy(() -> crashing.put("acct1/new", fresh)).isInstanceOf(StorageException.class);

        BlobStore restarted = new LocalBlobStore(List.of(one, two), 2, clock);
        assertThat(restarted.get("acct1/a")).isEqualTo(fresh);
        assertThat(restarted.get("acct1/new")).isEqualTo(fresh);
        ScrubReport check = restarted.scrub(false);
        assertThat(check.blobsChecked()).isEqualTo(3);
        assertThat(check.replicasStale()).isEqualTo(1);
        assertThat(check.replicasMissing()).isEqualTo(1);

        ScrubReport repair = restarted.scrub(true);
        assertThat(repair.repaired()).isEqualTo(2);
        for (Path dir : List.of(one, two)) {
            assertThat(LocalFiles.open(dir).get("acct1/a")).isEqualTo(fresh);
            assertThat(LocalFiles.open(dir).get("acct1/new")).isEqualTo(fresh);
            assertThat(LocalFiles.open(dir).get("acct1/b")).isEqualTo(old);
        }
        assertThat(restarted.scrub(false).clean()).isTrue();
    }

    @Test
    void placementIsDeterministicSpreadAndSurvivesReorderingTheDirectories() {
        BlobStore spread = new LocalBlobStore(List.of(one, two, three), 2, new TestClock());
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            keys.add("acct" + (i % 7) + "/chunk" + i);
        }
        int[] perDir = new int[3];
        List<List<Boolean>> where = new ArrayList<>();
        for (String key : keys) {
            spread.put(key, new byte[] {1});
            List<Boolean> present = new ArrayList<>();
            int copies = 0;
            for (int d = 0; d < 3; d++) {
                boolean here = Files.exists(LocalFiles.replica(List.of(one, two, three).get(d), key));
                present.add(here);
                if (here) {
                    copies++;
                    perDir[d]++;
                }
            }
            assertThat(copies).isEqualTo(2);
            where.add(present);
        }
        // Each directory wins about two thirds of the keys.
        assertThat(java.util.Arrays.stream(perDir).boxed()).allSatisfy(count -> assertThat(count).isBetween(75, 125));

        BlobStore reordered = new LocalBlobStore(List.of(three, one, two), 2, new TestClock());
        for (int k = 0; k < keys.size(); k++) {
            reordered.put(keys.get(k), new byte[] {2});
            for (int d = 0; d < 3; d++) {
                assertThat(Files.exists(LocalFiles.replica(List.of(one, two, three).get(d), keys.get(k))))
                        .isEqualTo(where.get(k).get(d));
            }
        }
        assertThat(reordered.scrub(false).clean()).isTrue();
    }

    @Test
    void aCopyOutsideThePlacementIsReadMovedBackByScrubAndDeletedWithTheBlob() throws IOException {
        List<Path> dirs = List.of(one, two, three);
        LocalBlobStore single = new LocalBlobStore(dirs, 1, new TestClock());
        byte[] bytes = randomBytes(1000, 12);
        single.put("acct1/a", bytes);
        Path placed = dirs.stream().filter(d -> Files.exists(LocalFiles.replica(d, "acct1/a")))
                .findFirst().orElseThrow();
        Path other = dirs.stream().filter(d -> d != placed).findFirst().orElseThrow();
        Files.createDirectories(LocalFiles.replica(other, "acct1/a").getParent());
        Files.move(LocalFiles.replica(placed, "acct1/a"), LocalFiles.replica(other, "acct1/a"));

        assertThat(single.get("acct1/a")).isEqualTo(bytes);
        ScrubReport check = single.scrub(false);
        assertThat(check.replicasMissing()).isEqualTo(1);
        assertThat(check.replicasMisplaced()).isEqualTo(1);
        ScrubReport repair = single.scrub(true);
        assertThat(repair.repaired()).isEqualTo(1);
        assertThat(LocalFiles.replica(placed, "acct1/a")).exists();
        assertThat(LocalFiles.replica(other, "acct1/a")).doesNotExist();
        assertThat(single.scrub(false).clean()).isTrue();

        Files.copy(LocalFiles.replica(placed, "acct1/a"), LocalFiles.replica(other, "acct1/a"));
        single.delete("acct1/a");
        assertThat(LocalFiles.replica(other, "acct1/a")).doesNotExist();
        assertThatThrownBy(() -> single.get("acct1/a")).isInstanceOf(BlobNotFoundException.class);
    }

    @Test
    void healthReportsSpacePerDirectoryAndADirectoryThatLostItsStore() throws IOException {
        StorageHealth up = store.health();
        assertThat(up.status()).isEqualTo(StorageHealth.Status.UP);
        assertThat(up.backend()).isEqualTo("local");
        assertThat(up.locations()).extracting(StorageHealth.Location::name)
                .containsExactly(one.toString(), two.toString());
        assertThat(up.locations()).allSatisfy(l -> {
            assertThat(l.usableBytes()).isPositive();
            assertThat(l.totalBytes()).isGreaterThanOrEqualTo(l.usableBytes());
            assertThat(l.problem()).isNull();
        });

        // As if the second disk were no longer mounted at its directory.
        Files.delete(two.resolve(LocalLayout.ID_FILE));
        StorageHealth degraded = store.health();
        assertThat(degraded.status()).isEqualTo(StorageHealth.Status.DEGRADED);
        assertThat(degraded.locations().get(1).status()).isEqualTo(StorageHealth.Status.DOWN);
        assertThat(degraded.locations().get(1).problem()).contains("mounted");
    }
}
