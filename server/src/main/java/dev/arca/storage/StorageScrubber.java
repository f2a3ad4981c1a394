package dev.arca.storage;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Scrubs the blob store with repair on the {@code arca.storage.scrub-cron} schedule (when the
 * application enables scheduling) or on demand, one scrub at a time, and keeps the last report.
 */
@Component
public class StorageScrubber implements SchedulingConfigurer {

    private static final Logger LOG = LoggerFactory.getLogger(StorageScrubber.class);

    private final BlobStore store;
    private final String cron;
    private final ReentrantLock running = new ReentrantLock();
    private final AtomicReference<ScrubReport> last = new AtomicReference<>();

    StorageScrubber(BlobStore store, StorageProperties properties) {
        this.store = store;
        this.cron = properties.scrubCron();
    }

    /**
     * Scrubs with repair now and returns the report, which becomes the last one. When a scrub is
     * already running, waits for it to finish first.
     *
     * @throws StorageException when the store could not be scrubbed at all
     */
    public ScrubReport runNow() {
        running.lock();
        try {
            ScrubReport report = store.scrub(true);
            last.set(report);
            log(report);
            return report;
        } finally {
            running.unlock();
        }
    }

    /** The report of the last scrub since the server started, if any has finished. */
    public Optional<ScrubReport> lastReport() {
        return Optional.ofNullable(last.get());
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (!Scheduled.CRON_DISABLED.equals(cron)) {
            registrar.addCronTask(this::scheduledRun, cron);
        }
    }

    private void scheduledRun() {
        try {
            runNow();
        } catch (RuntimeException e) {
            LOG.error("The scheduled storage scrub failed; the next one tries again", e);
        }
    }

    private static void log(ScrubReport r) {
        String format = "Storage scrub: {} blobs ({} bytes) checked in {} ms; replicas: {} missing, {} corrupt,"
                + " {} stale, {} misplaced; {} repaired, {} repairs failed, {} blobs unrepairable,"
                + " {} temporary files removed";
        Object[] counts = {r.blobsChecked(), r.bytes(), r.duration().toMillis(), r.replicasMissing(),
                r.replicasCorrupt(), r.replicasStale(), r.replicasMisplaced(), r.repaired(), r.repairFailed(),
                r.unrepairable(), r.tempFilesRemoved()};
        if (r.clean() && r.repairFailed() == 0) {
            LOG.info(format, counts);
        } else {
            LOG.warn(format, counts);
        }
    }
}
