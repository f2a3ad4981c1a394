package dev.arca.client.sync;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code arca sync --watch}: a pass, then waiting until something changes: a file event under
 * the folder, a change in the server's journal (long poll), or the rescan interval (which also
 * catches what file events miss, such as changes on network file systems). A short quiet time
 * after an event gathers a burst of changes into one pass.
 */
public final class Watcher {

    private static final Duration QUIET = Duration.ofMillis(300);
    private static final Duration POLL = Duration.ofSeconds(25);

    private Watcher() {}

    /** Runs until the thread is interrupted; {@code afterPass} sees each pass's report. */
    public static void run(Sync sync, Duration rescan, Consumer<Sync.Report> afterPass) throws IOException {
        Semaphore wake = new Semaphore(0);
        try (WatchService watch = FileSystems.getDefault().newWatchService()) {
            Thread local = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        watch.take().pollEvents();
                        wake.release();
                    }
                } catch (InterruptedException | ClosedWatchServiceException e) {
                    // the sync is over
                }
            });
            Thread remote = Thread.ofVirtual().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        if (sync.awaitRemoteChange(POLL)) {
                            wake.release();
                            Thread.sleep(QUIET);
                        }
                    } catch (IOException unreachable) {
                        sleepQuietly(Duration.ofSeconds(5));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            try {
                while (true) {
                    register(sync.root(), watch);
                    afterPass.accept(sync.once());
                    wake.tryAcquire(rescan.toMillis(), TimeUnit.MILLISECONDS);
                    Thread.sleep(QUIET);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                local.interrupt();
                remote.interrupt();
            }
        }
    }

    /** Watches every folder under the root; registering a folder again is harmless. */
    private static void register(Path root, WatchService watch) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                        StandardWatchEventKinds.ENTRY_MODIFY);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
