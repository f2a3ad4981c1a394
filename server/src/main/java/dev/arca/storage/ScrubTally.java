package dev.arca.storage;

import java.time.Duration;
import java.time.Instant;

/** The counters of one scrub in progress, turned into a {@link ScrubReport} at the end. */
final class ScrubTally {

    private final Instant started;
    private final long startNanos = System.nanoTime();
    private final boolean repair;
    long blobsChecked;
    long bytes;
    long replicasMissing;
    long replicasCorrupt;
    long replicasStale;
    long replicasMisplaced;
    long repaired;
    long repairFailed;
    long unrepairable;
    long tempFilesRemoved;

    ScrubTally(Instant started, boolean repair) {
        this.started = started;
        this.repair = repair;
    }

    ScrubReport report() {
        return new ScrubReport(started, Duration.ofNanos(System.nanoTime() - startNanos), repair, blobsChecked, bytes,
                replicasMissing, replicasCorrupt, replicasStale, replicasMisplaced, repaired, repairFailed,
                unrepairable, tempFilesRemoved);
    }
}
