package dev.arca.client.net;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/** Waiting for transfers that run side by side, with I/O errors as I/O errors. */
public final class Tasks {

    private Tasks() {}

    /** Takes a place among those in flight, waiting for one to free up. */
    public static void acquire(Semaphore room) throws IOException {
        try {
            room.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
    }

    /** Waits for every task; the first failure is thrown once all have ended. */
    public static void awaitAll(List<? extends Future<?>> tasks) throws IOException {
        IOException failure = null;
        for (Future<?> task : tasks) {
            try {
                task.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted");
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** The task's result, once it has ended; its failure as an I/O error. */
    public static <T> T await(Future<T> task) throws IOException {
        try {
            return task.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
    }
}
