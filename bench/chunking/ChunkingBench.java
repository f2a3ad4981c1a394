import dev.arca.protocol.chunk.Chunk;
import dev.arca.protocol.chunk.ChunkReader;
import dev.arca.protocol.chunk.ContentHash;
import dev.arca.protocol.chunk.FastCdc;
import dev.arca.protocol.manifest.FileManifest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Measures candidate FastCDC parameters for Arca's storage format: how much of a photo or video
 * is re-used after a metadata edit, how many chunks a GiB of incompressible data makes, and how
 * fast chunking runs next to SHA-256. See README.md in this directory for how to run it.
 *
 * <p>The media are generated with ffmpeg and edited with exiftool in a temporary directory that
 * is deleted at the end.
 */
public class ChunkingBench {

    private static final int KIB = 1 << 10;
    private static final int MIB = 1 << 20;
    private static final long GIB = 1L << 30;

    /** Candidates: min = avg/4, max = 4*avg. */
    private static final int[] AVERAGES = {64 * KIB, 256 * KIB, 512 * KIB, 1 * MIB, 2 * MIB};

    /** Photos as width, height and noise strength: 12 to 61 megapixels, about 2 to 30 MB. */
    private static final int[][] PHOTOS = {
        {4032, 3024, 8}, {4032, 3024, 14}, {4608, 3456, 12}, {5472, 3648, 16}, {6000, 4000, 10},
        {6000, 4000, 20}, {7008, 4672, 14}, {8192, 5464, 12}, {8064, 6048, 18}, {9504, 6336, 22},
    };

    private static final int THROUGHPUT_BYTES = 256 * MIB;
    private static final int WARMUP_RUNS = 3;
    private static final int TIMED_RUNS = 10;

    record Pair(String kind, Path original, Path edited) {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("arca-chunking-");
        try {
            System.out.println("Java " + Runtime.version() + ", " + cpu() + ", media in " + dir);
            List<Pair> photos = new ArrayList<>();
            for (int i = 0; i < PHOTOS.length; i++) {
                int[] p = PHOTOS[i];
                photos.add(photo(dir, "photo" + i, p[0], p[1], p[2], i + 1));
            }
            Pair[] videos = videos(dir);
            for (Pair p : photos) {
                describe(p);
            }
            for (Pair p : videos) {
                describe(p);
            }

            byte[] random = pseudoRandom(1, THROUGHPUT_BYTES);
            double shaMbps = sha256Throughput(random);
            System.out.printf(Locale.ROOT, "%nSHA-256 (JDK, one core): %.0f MB/s%n%n", shaMbps);

            System.out.println("| min / avg / max | JPEG re-used | new bytes per JPEG edit | chunks per JPEG"
                    + " | MP4 (moov last) re-used | MP4 (faststart) re-used | chunks per GiB random"
                    + " | cut MB/s | manifest MB/s |");
            System.out.println("|---|---|---|---|---|---|---|---|---|");
            for (int avg : AVERAGES) {
                FastCdc cdc = new FastCdc(avg / 4, avg, avg * 4);
                long photoShared = 0;
                long photoBytes = 0;
                long photoChunks = 0;
                for (Pair p : photos) {
                    Reuse r = reuse(cdc, p);
                    photoShared += r.sharedBytes;
                    photoBytes += r.editedBytes;
                    photoChunks += r.editedChunks;
                }
                Reuse moovLast = reuse(cdc, videos[0]);
                Reuse faststart = reuse(cdc, videos[1]);
                long perGib = chunksPerGib(cdc);
                double cutMbps = cutThroughput(cdc, random);
                double manifestMbps = manifestThroughput(cdc, random);
                System.out.printf(Locale.ROOT,
                        "| %s / %s / %s | %.1f %% | %s | %.1f | %s | %s | %d | %.0f | %.0f |%n",
                        size(cdc.minSize()), size(cdc.avgSize()), size(cdc.maxSize()),
                        100.0 * photoShared / photoBytes, size((photoBytes - photoShared) / photos.size()),
                        (double) photoChunks / photos.size(),
                        moovLast.describe(), faststart.describe(), perGib, cutMbps, manifestMbps);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** A noisy test-pattern JPEG with camera EXIF and a thumbnail, and a copy with edited EXIF. */
    private static Pair photo(Path dir, String name, int width, int height, int noise, int seed)
            throws Exception {
        Path original = dir.resolve(name + ".jpg");
        Path thumb = dir.resolve(name + "-thumb.jpg");
        Path edited = dir.resolve(name + "-edited.jpg");
        run("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
                "-i", "testsrc2=size=" + width + "x" + height + ",noise=alls=" + noise + ":allf=u:all_seed=" + seed,
                "-frames:v", "1", "-q:v", "2", original.toString());
        run("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-i", original.toString(),
                "-vf", "scale=160:-1", thumb.toString());
        run("exiftool", "-q", "-overwrite_original", "-Make=Canon", "-Model=Canon EOS R6",
                "-DateTimeOriginal=2024:06:01 10:15:00", "-CreateDate=2024:06:01 10:15:00",
                "-ExposureTime=1/250", "-FNumber=5.6", "-ISO=400", "-FocalLength=50",
                "-LensModel=RF50mm F1.8 STM", "-Orientation#=1", "-ThumbnailImage<=" + thumb,
                original.toString());
        run("exiftool", "-q", "-o", edited.toString(),
                "-DateTimeOriginal=2024:06:02 18:40:12",
                "-ImageDescription=" + "Evening light over the harbour, ".repeat(60),
                "-GPSLatitude=59.3293", "-GPSLatitudeRef=N", "-GPSLongitude=18.0686", "-GPSLongitudeRef=E",
                original.toString());
        return new Pair("JPEG " + width + "x" + height, original, edited);
    }

    /**
     * A 60 s 1080p H.264/AAC MP4 as ffmpeg writes it (moov after mdat) and the same with the moov
     * first (faststart), each with a copy whose QuickTime date, GPS and description exiftool
     * changed. One encoder thread makes the video the same on every run.
     */
    private static Pair[] videos(Path dir) throws Exception {
        Path moovLast = dir.resolve("video.mp4");
        Path faststart = dir.resolve("video-faststart.mp4");
        run("ffmpeg", "-hide_banner", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=30",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                "-t", "60", "-c:v", "libx264", "-threads", "1", "-preset", "ultrafast", "-b:v", "6M", "-maxrate", "6M",
                "-bufsize", "12M", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "128k",
                "-metadata", "creation_time=2024-06-01T10:15:00Z", "-metadata", "title=Harbour walk",
                moovLast.toString());
        run("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-i", moovLast.toString(),
                "-c", "copy", "-map_metadata", "0", "-movflags", "+faststart", faststart.toString());
        return new Pair[] {editVideo("MP4 moov last", moovLast), editVideo("MP4 faststart", faststart)};
    }

    private static Pair editVideo(String kind, Path original) throws Exception {
        Path edited = original.resolveSibling(original.getFileName().toString().replace(".mp4", "-edited.mp4"));
        run("exiftool", "-q", "-o", edited.toString(),
                "-QuickTime:CreateDate=2024:06:02 18:40:12",
                "-Keys:GPSCoordinates=59.3293 N, 18.0686 E",
                "-ItemList:Description=Walk along the harbour with friends",
                original.toString());
        return new Pair(kind, original, edited);
    }

    private static void describe(Pair p) throws IOException {
        byte[] a = Files.readAllBytes(p.original);
        byte[] b = Files.readAllBytes(p.edited);
        int firstDifference = Arrays.mismatch(a, b);
        System.out.printf(Locale.ROOT, "%-20s %,d -> %,d bytes after the edit, first difference at byte %d%n",
                p.kind, a.length, b.length, firstDifference);
    }

    record Reuse(long sharedBytes, long editedBytes, long editedChunks) {
        String describe() {
            return String.format(Locale.ROOT, "%.1f %% (%s new)", 100.0 * sharedBytes / editedBytes,
                    size(editedBytes - sharedBytes));
        }
    }

    /** The bytes of the edited file that lie in chunks the original already has. */
    private static Reuse reuse(FastCdc cdc, Pair p) throws IOException {
        Set<String> known = new HashSet<>();
        try (ChunkReader reader = cdc.reader(Files.newInputStream(p.original))) {
            for (Chunk c; (c = reader.next()) != null; ) {
                known.add(ContentHash.sha256Hex(c.bytes()));
            }
        }
        long shared = 0;
        long total = 0;
        long chunks = 0;
        try (ChunkReader reader = cdc.reader(Files.newInputStream(p.edited))) {
            for (Chunk c; (c = reader.next()) != null; ) {
                total += c.length();
                chunks++;
                if (known.contains(ContentHash.sha256Hex(c.bytes()))) {
                    shared += c.length();
                }
            }
        }
        return new Reuse(shared, total, chunks);
    }

    /** Chunks in one GiB of pseudo-random (incompressible, duplicate-free) bytes. */
    private static long chunksPerGib(FastCdc cdc) throws IOException {
        long count = 0;
        try (ChunkReader reader = cdc.reader(new PseudoRandomStream(2, GIB))) {
            while (reader.next() != null) {
                count++;
            }
        }
        return count;
    }

    /** MB/s of the cut loop alone over an in-memory buffer; the best timed run. */
    private static double cutThroughput(FastCdc cdc, byte[] data) {
        long sink = 0;
        double[] mbps = new double[TIMED_RUNS];
        for (int run = 0; run < WARMUP_RUNS + TIMED_RUNS; run++) {
            long start = System.nanoTime();
            int pos = 0;
            while (pos < data.length) {
                int n = cdc.cut(data, pos, data.length, true);
                pos += n;
                sink += n;
            }
            long nanos = System.nanoTime() - start;
            if (run >= WARMUP_RUNS) {
                mbps[run - WARMUP_RUNS] = data.length * 1e3 / nanos;
            }
        }
        blackhole(sink);
        return best(mbps);
    }

    /** MB/s of {@link FileManifest#of}: reading, chunking and hashing every chunk and the file. */
    private static double manifestThroughput(FastCdc cdc, byte[] data) throws IOException {
        long sink = 0;
        double[] mbps = new double[TIMED_RUNS];
        for (int run = 0; run < WARMUP_RUNS + TIMED_RUNS; run++) {
            long start = System.nanoTime();
            FileManifest m = FileManifest.of(new ByteArrayInputStream(data), cdc);
            long nanos = System.nanoTime() - start;
            sink += m.chunks().size();
            if (run >= WARMUP_RUNS) {
                mbps[run - WARMUP_RUNS] = data.length * 1e3 / nanos;
            }
        }
        blackhole(sink);
        return best(mbps);
    }

    /** MB/s of one SHA-256 over the buffer, as the JDK provides it on this CPU. */
    private static double sha256Throughput(byte[] data) {
        MessageDigest sha256 = ContentHash.newSha256();
        long sink = 0;
        double[] mbps = new double[TIMED_RUNS];
        for (int run = 0; run < WARMUP_RUNS + TIMED_RUNS; run++) {
            long start = System.nanoTime();
            sha256.update(data);
            byte[] d = sha256.digest();
            long nanos = System.nanoTime() - start;
            sink += d[0];
            if (run >= WARMUP_RUNS) {
                mbps[run - WARMUP_RUNS] = data.length * 1e3 / nanos;
            }
        }
        blackhole(sink);
        return best(mbps);
    }

    private static volatile long blackholeValue;

    /** Keeps the JIT from discarding a measured loop whose result is otherwise unused. */
    private static void blackhole(long v) {
        blackholeValue = v;
    }

    /**
     * The fastest run: other processes only ever slow a run down, so the best one is the closest
     * to what the code does on an idle core.
     */
    private static double best(double[] mbps) {
        return Arrays.stream(mbps).max().orElseThrow();
    }

    private static byte[] pseudoRandom(long seed, int length) {
        byte[] b = new byte[length];
        new PseudoRandomStream(seed, length).read(b, 0, length);
        return b;
    }

    /** SplitMix64 output as a stream of {@code length} bytes; a read fills all it is asked for. */
    static final class PseudoRandomStream extends InputStream {
        private long state;
        private long remaining;

        PseudoRandomStream(long seed, long length) {
            this.state = seed;
            this.remaining = length;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (remaining == 0) {
                return -1;
            }
            int n = (int) Math.min(len, remaining);
            for (int i = 0; i < n; i += 8) {
                state += 0x9E3779B97F4A7C15L;
                long z = state;
                z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
                z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
                z ^= z >>> 31;
                for (int k = 0; k < 8 && i + k < n; k++) {
                    b[off + i + k] = (byte) (z >>> (8 * k));
                }
            }
            remaining -= n;
            return n;
        }
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).inheritIO().start();
        int exit = p.waitFor();
        if (exit != 0) {
            throw new IOException("exit code " + exit + " from " + String.join(" ", command));
        }
    }

    private static String size(long bytes) {
        if (bytes >= MIB) {
            return number(bytes / (double) MIB) + " MiB";
        }
        if (bytes >= KIB) {
            return number(bytes / (double) KIB) + " KiB";
        }
        return bytes + " B";
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, v == Math.rint(v) ? "%.0f" : "%.1f", v);
    }

    private static String cpu() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU")
                    + ", " + Runtime.getRuntime().availableProcessors() + " cores";
        } catch (IOException e) {
            return "unknown CPU";
        }
    }
}
