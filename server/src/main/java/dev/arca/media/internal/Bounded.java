package dev.arca.media.internal;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs parser work on its own daemon thread and waits a bounded time for it.
 *
 * <p>A parser that hangs on hostile input cannot be stopped in Java, only interrupted and abandoned:
 * the caller gets a time-out and goes on, the thread is interrupted (parsers reading through
 * interruptible channels stop there) and, being a daemon, never holds up the JVM's exit.
 */
public final class Bounded {

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService POOL = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "arca-media-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    private Bounded() {}

    /** The outcome of bounded work: a value, or why there is none. */
    public sealed interface Outcome<T> {
        record Done<T>(T value) implements Outcome<T> {}

        record TimedOut<T>() implements Outcome<T> {}

        /** The work threw; {@code cause} is what it threw, an {@link OutOfMemoryError} included. */
        record Threw<T>(Throwable cause) implements Outcome<T> {}
    }

    /** Runs {@code work} and waits at most {@code timeout} for it. */
    public static <T> Outcome<T> run(Callable<T> work, Duration timeout) {
        Future<T> future = POOL.submit(work);
        try {
            return new Outcome.Done<>(future.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            future.cancel(true);
            return new Outcome.TimedOut<>();
        } catch (ExecutionException e) {
            return new Outcome.Threw<>(e.getCause());
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return new Outcome.TimedOut<>();
        }
    }
}
