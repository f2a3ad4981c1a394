package dev.arca.client.progress;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How far long work has come: files and bytes done, and the totals when they are known
 * (negative: not known). Updated by the work from any thread, read by whoever shows it.
 */
public final class Meter {

    /** Counts nothing; for work nobody watches. */
    public static final Meter NONE = new Meter();

    private final AtomicLong files = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong totalFiles = new AtomicLong(-1);
    private final AtomicLong totalBytes = new AtomicLong(-1);

    /** A reading of the meter. */
    public record Reading(long files, long bytes, long totalFiles, long totalBytes) {}

    /** Starts again, with totals (or -1 where they are not known). */
    public void reset(long totalFiles, long totalBytes) {
        files.set(0);
        bytes.set(0);
        this.totalFiles.set(totalFiles);
        this.totalBytes.set(totalBytes);
    }

    public void addFiles(long n) {
        files.addAndGet(n);
    }

    public void addBytes(long n) {
        bytes.addAndGet(n);
    }

    public Reading read() {
        return new Reading(files.get(), bytes.get(), totalFiles.get(), totalBytes.get());
    }
}
