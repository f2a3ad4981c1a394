package dev.arca.media.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Takes single frames from videos with the ffmpeg program, when it is installed.
 *
 * <p>Hostile input is kept in bounds: the demuxer is named (ffmpeg does not guess, so a file cannot
 * pass itself off as a playlist that fetches other URLs), only the {@code file} protocol is allowed,
 * the path is absolute (a name starting with '-' is not an option), the run is killed after its
 * time-out, and at most {@value #MAX_OUTPUT} bytes of output are taken. Standard error is discarded
 * and standard output drained on its own thread, so neither pipe can fill and stall ffmpeg.
 */
public final class Ffmpeg {

    static final int MAX_OUTPUT = 64 * 1024 * 1024;

    private Ffmpeg() {}

    /** The ffmpeg executable on the PATH, if any. */
    public static Optional<Path> onPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, "ffmpeg");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * One frame as PNG, scaled down (never up) to fit within {@code maxSide}, display rotation applied.
     *
     * @param demuxer ffmpeg's name of the container format: {@code mov}, {@code matroska}, {@code avi}
     * @param atSeconds where to take the frame
     * @return the PNG bytes; empty when ffmpeg gave no frame (e.g. the video is shorter than
     *     {@code atSeconds}) or failed
     * @throws TimeoutException when ffmpeg ran longer than {@code timeout}; it has been killed
     */
    public static Optional<byte[]> frame(Path ffmpeg, Path video, String demuxer, double atSeconds, int maxSide,
            Duration timeout) throws IOException, InterruptedException, TimeoutException {
        List<String> command = List.of(ffmpeg.toString(), "-hide_banner", "-loglevel", "error", "-nostdin",
                "-protocol_whitelist", "file", "-f", demuxer, "-ss", String.format(Locale.ROOT, "%.3f", atSeconds),
                "-i", "file:" + video.toAbsolutePath(), "-map", "0:v:0", "-frames:v", "1", "-an", "-sn", "-dn",
                "-vf", "scale=w='min(" + maxSide + ",iw)':h='min(" + maxSide + ",ih)':force_original_aspect_ratio=decrease",
                "-f", "image2pipe", "-c:v", "png", "pipe:1");
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(nullFile()))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()),
                runnable -> Thread.ofPlatform().daemon().name("arca-ffmpeg-output").start(runnable));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TimeoutException("ffmpeg ran too long");
            }
            byte[] png = output.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return process.exitValue() == 0 && png.length > 0 ? Optional.of(png) : Optional.empty();
        } catch (ExecutionException e) {
            return Optional.empty();
        } finally {
            process.destroyForcibly();
        }
    }

    /** Reads the stream to its end, keeping at most {@link #MAX_OUTPUT} bytes (the rest is skipped). */
    private static byte[] drain(InputStream in) {
        try (in) {
            byte[] kept = in.readNBytes(MAX_OUTPUT);
            in.transferTo(OutputStream.nullOutputStream());
            return kept.length == MAX_OUTPUT ? new byte[0] : kept;
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static File nullFile() {
        return new File(File.separatorChar == '\\' ? "NUL" : "/dev/null");
    }
}
