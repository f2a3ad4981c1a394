package dev.arca.media.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs installed programs (ffmpeg, heif-convert) on files someone else sent, in bounds: no input,
 * standard error discarded and standard output drained on its own thread (so neither pipe can fill
 * and stall the program), at most {@value #MAX_OUTPUT} bytes of output kept, and the process killed
 * after its time-out.
 */
public final class Programs {

    static final int MAX_OUTPUT = 64 * 1024 * 1024;

    private Programs() {}

    /** The executable of that name on the PATH, if any. */
    public static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Runs the command to its end.
     *
     * @return its standard output when it exited with 0 (possibly empty); empty when it failed or
     *     wrote more than {@value #MAX_OUTPUT} bytes
     * @throws TimeoutException when it ran longer than {@code timeout}; it has been killed
     */
    static Optional<byte[]> run(List<String> command, Duration timeout)
            throws IOException, InterruptedException, TimeoutException {
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(nullFile()))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()),
                runnable -> Thread.ofPlatform().daemon().name("arca-program-output").start(runnable));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TimeoutException(command.getFirst() + " ran too long");
            }
            byte[] out = output.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return process.exitValue() == 0 && out != null ? Optional.of(out) : Optional.empty();
        } catch (ExecutionException e) {
            return Optional.empty();
        } finally {
            process.destroyForcibly();
        }
    }

    /** Reads the stream to its end, keeping at most {@link #MAX_OUTPUT} bytes; null when there was more. */
    private static byte[] drain(InputStream in) {
        try (in) {
            byte[] kept = in.readNBytes(MAX_OUTPUT);
            long more = in.transferTo(OutputStream.nullOutputStream());
            return more > 0 ? null : kept;
        } catch (IOException e) {
            return null;
        }
    }

    private static File nullFile() {
        return new File(File.separatorChar == '\\' ? "NUL" : "/dev/null");
    }
}
