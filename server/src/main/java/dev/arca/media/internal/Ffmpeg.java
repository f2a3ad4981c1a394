package dev.arca.media.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * Takes single frames from videos with the ffmpeg program, when it is installed.
 *
 * <p>Hostile input is kept in bounds: the demuxer is named (ffmpeg does not guess, so a file cannot
 * pass itself off as a playlist that fetches other URLs), only the {@code file} protocol is allowed,
 * the path is absolute (a name starting with '-' is not an option), and the run is bounded as
 * {@link Programs} bounds every program.
 */
public final class Ffmpeg {

    private Ffmpeg() {}

    /** The ffmpeg executable on the PATH, if any. */
    public static Optional<Path> onPath() {
        return Programs.onPath("ffmpeg");
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
        return Programs.run(command, timeout).filter(png -> png.length > 0);
    }
}
