package dev.arca.media.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Decodes HEIF images (HEIC from phones, AVIF) with libheif's {@code heif-convert} program, when it is
 * installed. libheif applies the image's rotation and mirroring ({@code irot}, {@code imir}), so the
 * picture it writes is upright.
 *
 * <p>Bounds: the caller checks the image's declared size first; the path is absolute (a name starting
 * with '-' is not an option); the program writes into a directory of its own, removed afterwards with
 * whatever else it wrote there; the run is bounded as {@link Programs} bounds every program, and at
 * most {@value Programs#MAX_OUTPUT} bytes of picture are read back.
 */
public final class HeifConvert {

    private HeifConvert() {}

    /** The heif-convert executable on the PATH, if any. */
    public static Optional<Path> onPath() {
        return Programs.onPath("heif-convert");
    }

    /**
     * The primary image as JPEG, at full size.
     *
     * @return empty when the program failed or wrote nothing usable
     * @throws TimeoutException when it ran longer than {@code timeout}; it has been killed
     */
    public static Optional<byte[]> jpeg(Path heifConvert, Path image, Duration timeout)
            throws IOException, InterruptedException, TimeoutException {
        Path dir = Files.createTempDirectory("arca-heif");
        try {
            Path out = dir.resolve("primary.jpg");
            Optional<byte[]> ran = Programs.run(List.of(heifConvert.toString(), "--quiet", "-q", "92",
                    image.toAbsolutePath().toString(), out.toString()), timeout);
            if (ran.isEmpty() || !Files.isRegularFile(out) || Files.size(out) == 0
                    || Files.size(out) > Programs.MAX_OUTPUT) {
                return Optional.empty();
            }
            return Optional.of(Files.readAllBytes(out));
        } finally {
            try (Stream<Path> written = Files.walk(dir)) {
                written.sorted(Comparator.reverseOrder()).forEach(path -> {
                    try {
                        Files.deleteIfExists(path);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }
}
