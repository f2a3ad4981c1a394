package dev.arca.storage;

import java.time.Duration;
import java.time.Instant;

/**
 * What one scrub found and did. Counts are of replicas (stored copies) unless they say blobs.
 *
 * @param started when the scrub began
 * @param duration how long it ran
 * @param repair whether it was allowed to rewrite replicas
 * @param blobsChecked distinct blobs examined
 * @param bytes payload bytes of the blobs examined, each blob counted once
 * @param replicasMissing replicas absent (or unreadable) where the placement puts them
 * @param replicasCorrupt replicas that failed verification
 * @param replicasStale replicas that verify but hold an older write than the newest copy, left by
 *     a write that did not complete everywhere
 * @param replicasMisplaced copies found outside the blob's placement (left by a change of
 *     directories); with repair they are removed once every placed replica verifies
 * @param repaired replicas rewritten from a good copy
 * @param repairFailed replicas that could not be rewritten (the location failed)
 * @param unrepairable blobs left without a good copy where one was needed: no copy verifies, or
 *     the store keeps a single copy and it is corrupt
 * @param tempFilesRemoved leftovers of interrupted writes deleted
 */
public record ScrubReport(
        Instant started,
        Duration duration,
        boolean repair,
        long blobsChecked,
        long bytes,
        long replicasMissing,
        long replicasCorrupt,
        long replicasStale,
        long replicasMisplaced,
        long repaired,
        long repairFailed,
        long unrepairable,
        long tempFilesRemoved) {

    /** True when nothing was missing, corrupt, stale, misplaced or lost. */
    public boolean clean() {
        return replicasMissing == 0 && replicasCorrupt == 0 && replicasStale == 0 && replicasMisplaced == 0
                && unrepairable == 0;
    }
}
