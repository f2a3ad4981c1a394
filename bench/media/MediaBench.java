import dev.arca.media.DetectedType;
import dev.arca.media.EditList;
import dev.arca.media.Extraction;
import dev.arca.media.MediaKind;
import dev.arca.media.MediaMetadata;
import dev.arca.media.MediaTypes;
import dev.arca.media.MetadataExtractor;
import dev.arca.media.ThumbnailSize;
import dev.arca.media.Thumbnailer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Benchmarks Arca's media components against the reference tools over a corpus (see README.md):
 * MetadataExtractor against {@code exiftool -json}, in files per second and in agreement per field, and
 * Thumbnailer against {@code vipsthumbnail}, in images per second.
 *
 * <p>Run with the server's classpath: {@code java -cp "$(cat cp.txt)" bench/media/MediaBench.java DIR}.
 */
public class MediaBench {

    private static final DateTimeFormatter EXIF = DateTimeFormatter.ofPattern("uuuu:MM:dd HH:mm:ss");
    private static final Set<String> THUMBNAILED = Set.of(MediaTypes.JPEG, MediaTypes.PNG, MediaTypes.WEBP,
            MediaTypes.TIFF, MediaTypes.GIF);

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args[0]);
        List<Path> files;
        try (Stream<Path> list = Files.list(corpus)) {
            files = list.filter(Files::isRegularFile).sorted().toList();
        }
        Map<Path, DetectedType> types = new LinkedHashMap<>();
        for (Path file : files) {
            types.put(file, MediaTypes.detect(head(file), file.getFileName().toString()));
        }
        System.out.printf(Locale.ROOT, "Corpus: %d files, %.1f MB; %s%n", files.size(), size(files) / 1e6, census(types));

        metadata(files, types);
        thumbnails(files, types, corpus);
        System.exit(0);
    }

    // --- metadata --------------------------------------------------------------------------------------

    private static void metadata(List<Path> files, Map<Path, DetectedType> types) throws Exception {
        MetadataExtractor extractor = new MetadataExtractor();
        for (Path file : files) {
            extractor.extract(file, types.get(file)); // warm-up: class loading and JIT
        }
        Map<Path, Extraction> ours = new LinkedHashMap<>();
        double best = Double.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            long start = System.nanoTime();
            for (Path file : files) {
                ours.put(file, extractor.extract(file, types.get(file)));
            }
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        long ok = ours.values().stream().filter(e -> e.status() == Extraction.Status.OK).count();

        Path argFile = Files.createTempFile("arca-bench", ".args");
        Files.write(argFile, files.stream().map(Path::toString).toList(), StandardCharsets.UTF_8);
        List<String> exiftool = List.of("exiftool", "-json", "-n", "-q", "-q", "-api", "QuickTimeUTC=1", "-@",
                argFile.toString());
        run(exiftool); // warm-up: the same page cache for both
        double exiftoolBest = Double.MAX_VALUE;
        byte[] json = null;
        for (int run = 0; run < 3; run++) {
            long start = System.nanoTime();
            json = run(exiftool);
            exiftoolBest = Math.min(exiftoolBest, (System.nanoTime() - start) / 1e9);
        }
        Files.delete(argFile);

        System.out.println();
        System.out.println("## Metadata: MetadataExtractor vs exiftool -json -n (one process for all files)");
        System.out.printf(Locale.ROOT, "MetadataExtractor: %.2f s, %.0f files/s (%d OK of %d, single thread, best of 3)%n",
                best, files.size() / best, ok, files.size());
        System.out.printf(Locale.ROOT, "exiftool:          %.2f s, %.0f files/s (best of 3)%n", exiftoolBest,
                files.size() / exiftoolBest);
        System.out.printf(Locale.ROOT, "ratio: MetadataExtractor is %.1fx exiftool's rate%n", exiftoolBest / best);

        Map<String, JsonNode> reference = new LinkedHashMap<>();
        for (JsonNode node : JsonMapper.builder().build().readTree(json)) {
            reference.put(node.get("SourceFile").asString(), node);
        }
        agreement(files, types, ours, reference);
    }

    /** One normalised field: how to read it from both sides, and when two values agree. */
    private record Field(String name, java.util.function.BiFunction<MediaMetadata, DetectedType, Object> ours,
            java.util.function.BiFunction<JsonNode, DetectedType, Object> exiftool, BiPredicate<Object, Object> agree) {}

    private static void agreement(List<Path> files, Map<Path, DetectedType> types, Map<Path, Extraction> ours,
            Map<String, JsonNode> reference) {
        BiPredicate<Object, Object> equal = (a, b) -> a.toString().strip().equals(b.toString().strip());
        BiPredicate<Object, Object> near = (a, b) -> Math.abs(((Number) a).doubleValue() - ((Number) b).doubleValue()) < 1e-5;
        List<Field> fields = List.of(
                new Field("date", MediaBench::ourDate, MediaBench::exiftoolDate, equal),
                new Field("latitude", (m, t) -> m.latitude(), (j, t) -> number(j, "GPSLatitude"), near),
                new Field("longitude", (m, t) -> m.longitude(), (j, t) -> number(j, "GPSLongitude"), near),
                new Field("make", (m, t) -> m.make(), (j, t) -> text(j, "Make"), equal),
                new Field("model", (m, t) -> m.model(), (j, t) -> text(j, "Model"), equal),
                new Field("width", (m, t) -> m.width(), (j, t) -> number(j, "ImageWidth"), near),
                new Field("height", (m, t) -> m.height(), (j, t) -> number(j, "ImageHeight"), near),
                new Field("duration", (m, t) -> m.durationMillis() == null ? null : m.durationMillis() / 1000.0,
                        (j, t) -> t.kind() == MediaKind.IMAGE ? null : seconds(j.get("Duration")),
                        (a, b) -> Math.abs((Double) a - ((Number) b).doubleValue())
                                <= Math.max(0.05, 0.01 * ((Number) b).doubleValue())),
                new Field("title", (m, t) -> m.title(),
                        (j, t) -> text(j, "Title") != null ? text(j, "Title") : text(j, "ObjectName"), equal),
                new Field("artist", (m, t) -> m.artist(), (j, t) -> t.kind() == MediaKind.AUDIO ? text(j, "Artist") : null,
                        equal),
                // exiftool names RIFF INFO's album "Product" and its date "DateCreated", an M4A's year
                // "ContentCreateDate".
                new Field("album", (m, t) -> m.album(),
                        (j, t) -> text(j, "Album") != null ? text(j, "Album") : text(j, "Product"), equal),
                new Field("year", (m, t) -> m.year(), (j, t) -> t.kind() != MediaKind.AUDIO ? null
                        : year(text(j, "Year") != null ? text(j, "Year")
                                : text(j, "Date") != null ? text(j, "Date")
                                : text(j, "ContentCreateDate") != null ? text(j, "ContentCreateDate")
                                : text(j, "DateCreated")), near),
                new Field("orientation", (m, t) -> t.kind() == MediaKind.IMAGE ? m.orientation() : null,
                        (j, t) -> t.kind() == MediaKind.IMAGE ? number(j, "Orientation") : null, near));

        System.out.println();
        System.out.println("Agreement with exiftool per field (files where either side has a value):");
        System.out.println("| field | agree | differ | only Arca | only exiftool | agreement |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        List<String> examples = new ArrayList<>();
        for (Field field : fields) {
            int agree = 0;
            int differ = 0;
            int onlyOurs = 0;
            int onlyTheirs = 0;
            for (Path file : files) {
                DetectedType type = types.get(file);
                JsonNode node = reference.get(file.toString());
                Extraction extraction = ours.get(file);
                Object a = extraction.status() == Extraction.Status.OK ? field.ours().apply(extraction.metadata(), type)
                        : null;
                Object b = node == null ? null : field.exiftool().apply(node, type);
                if (a == null && b == null) {
                    continue;
                }
                if (a == null) {
                    onlyTheirs++;
                } else if (b == null) {
                    onlyOurs++;
                } else if (field.agree().test(a, b)) {
                    agree++;
                } else {
                    differ++;
                }
                if ((a == null || b == null || !field.agree().test(a, b)) && examples.size() < 25) {
                    examples.add(field.name() + " " + file.getFileName() + ": Arca=" + a + " exiftool=" + b);
                }
            }
            int total = agree + differ + onlyOurs + onlyTheirs;
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %d | %.1f %% |%n", field.name(), agree, differ,
                    onlyOurs, onlyTheirs, total == 0 ? 100.0 : 100.0 * agree / total);
        }
        if (!examples.isEmpty()) {
            System.out.println();
            System.out.println("First differences:");
            examples.forEach(e -> System.out.println("  " + e));
        }
    }

    /** Images: the local wall-clock time; videos: UTC (as exiftool's QuickTimeUTC and Matroska's dates). */
    private static Object ourDate(MediaMetadata m, DetectedType type) {
        if (m.capturedAt() == null || type.kind() == MediaKind.AUDIO) {
            return null;
        }
        ZoneOffset offset = type.kind() == MediaKind.IMAGE && m.capturedOffset() != null
                ? ZoneOffset.of(m.capturedOffset()) : ZoneOffset.UTC;
        return LocalDateTime.ofInstant(m.capturedAt(), offset).format(EXIF);
    }

    private static Object exiftoolDate(JsonNode j, DetectedType type) {
        if (type.kind() == MediaKind.AUDIO) {
            return null;
        }
        String date = text(j, "DateTimeOriginal");
        if (date == null || date.startsWith("0000")) {
            date = text(j, "CreateDate");
        }
        return date == null || date.startsWith("0000") || date.length() < 19 ? null : date.substring(0, 19);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asString().isBlank() ? null : value.asString();
    }

    private static Double number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isNumber() ? value.doubleValue() : null;
    }

    /** Seconds from a number, or from Matroska's "HH:MM:SS.fffffffff" that exiftool gives even with -n. */
    private static Double seconds(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return value.doubleValue();
        }
        String[] parts = value.asString().split(":");
        if (parts.length != 3) {
            return null;
        }
        return Integer.parseInt(parts[0]) * 3600 + Integer.parseInt(parts[1]) * 60 + Double.parseDouble(parts[2]);
    }

    private static Integer year(String text) {
        return text != null && text.matches("\\d{4}.*") ? Integer.valueOf(text.substring(0, 4)) : null;
    }

    // --- thumbnails ------------------------------------------------------------------------------------

    private static void thumbnails(List<Path> files, Map<Path, DetectedType> types, Path corpus) throws Exception {
        List<Path> images = files.stream().filter(f -> THUMBNAILED.contains(types.get(f).contentType())).toList();
        Thumbnailer thumbnailer = new Thumbnailer(new MetadataExtractor());
        System.out.println();
        System.out.println("## Thumbnails: Thumbnailer vs vipsthumbnail over " + images.size()
                + " JPEG/PNG/WebP/TIFF/GIF images (" + String.format(Locale.ROOT, "%.1f", megapixels(images, types))
                + " MP in all)");
        for (ThumbnailSize size : ThumbnailSize.values()) {
            for (Path image : images.subList(0, Math.min(20, images.size()))) {
                thumbnailer.thumbnail(image, types.get(image), size, EditList.NONE); // warm-up
            }
            long start = System.nanoTime();
            int made = 0;
            for (Path image : images) {
                if (thumbnailer.thumbnail(image, types.get(image), size, EditList.NONE).isPresent()) {
                    made++;
                }
            }
            double ours = (System.nanoTime() - start) / 1e9;

            Path out = Files.createTempDirectory("arca-bench-vips");
            List<String> vips = new ArrayList<>(List.of("vipsthumbnail", "-s", size.pixels() + "x" + size.pixels()));
            if (size == ThumbnailSize.SMALL) {
                vips.add("--smartcrop=centre");
            }
            vips.addAll(List.of("-o", out + "/%s." + size.name().toLowerCase(Locale.ROOT) + ".jpg[Q=82]"));
            images.forEach(i -> vips.add(i.toString()));
            start = System.nanoTime();
            run(vips);
            double reference = (System.nanoTime() - start) / 1e9;
            long written;
            try (Stream<Path> list = Files.list(out)) {
                written = list.count();
            }
            try (Stream<Path> list = Files.list(out)) {
                for (Path p : list.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(out);
            System.out.printf(Locale.ROOT, "%s: Thumbnailer %.2f s, %.1f images/s (%d made); vipsthumbnail %.2f s, "
                    + "%.1f images/s (%d made); ratio %.2fx%n", size, ours, images.size() / ours, made, reference,
                    images.size() / reference, written, reference / ours);
        }
    }

    private static double megapixels(List<Path> images, Map<Path, DetectedType> types) {
        MetadataExtractor extractor = new MetadataExtractor();
        double sum = 0;
        for (Path image : images) {
            MediaMetadata m = extractor.extract(image, types.get(image)).metadata();
            if (m.width() != null) {
                sum += m.width() * (double) m.height() / 1e6;
            }
        }
        return sum;
    }

    // --- helpers ---------------------------------------------------------------------------------------

    private static byte[] run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        byte[] out = process.getInputStream().readAllBytes();
        process.waitFor();
        return out;
    }

    private static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(MediaTypes.HEAD_LENGTH);
        }
    }

    private static long size(List<Path> files) throws IOException {
        long sum = 0;
        for (Path f : files) {
            sum += Files.size(f);
        }
        return sum;
    }

    private static String census(Map<Path, DetectedType> types) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        types.values().forEach(t -> counts.merge(t.contentType(), 1, Integer::sum));
        return counts.toString();
    }
}
