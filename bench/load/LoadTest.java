import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Many clients at once against a running server, each with an account of its own, doing what
 * people do all day: uploading, listing, looking at thumbnails, syncing a file and opening a
 * share link. Prints, per operation and per minute, the count, the errors and the median and
 * 95th-percentile latency, and the server's memory (resident set) over the run, so one can see
 * whether they stay flat. Run by run.sh; arguments: base URL, clients, seconds, server pid.
 */
public class LoadTest {

    private static final String PASSWORD = "correct horse battery";
    private static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    private static final Pattern URL = Pattern.compile("\"url\":\"[^\"]*/s/([^\"]+)\"");

    record Sample(String op, long startNanos, long nanos, boolean ok) {}

    /** The first answer of each kind that was not a success: operation and status to its body. */
    static final Map<String, String> FIRST_ERRORS = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int clients = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        long pid = Long.parseLong(args[3]);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        List<Sample> samples = new CopyOnWriteArrayList<>();
        Map<Long, Long> rssBySecond = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(seconds).toNanos();
        AtomicLong unexpected = new AtomicLong();

        List<String> tokens = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            tokens.add(signUp(http, base, "load-" + c + "-" + UUID.randomUUID() + "@example.test"));
        }
        System.out.println(clients + " accounts ready; running " + seconds + " s");
        start = System.nanoTime();
        end = start + Duration.ofSeconds(seconds).toNanos();
        final long t0 = start;
        final long deadline = end;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            pool.submit(() -> {
                while (System.nanoTime() < deadline) {
                    rssBySecond.put((System.nanoTime() - t0) / 1_000_000_000L, rss(pid));
                    Thread.sleep(1000);
                }
                return null;
            });
            for (int c = 0; c < clients; c++) {
                String token = tokens.get(c);
                long seed = c;
                pool.submit(() -> {
                    Client client = new Client(http, base, token, new SplittableRandom(seed), samples, t0);
                    client.setUp();
                    while (System.nanoTime() < deadline) {
                        try {
                            client.step();
                        } catch (Exception e) {
                            unexpected.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
        }
        report(samples, rssBySecond, unexpected.get(), seconds);
    }

    /** One person's client: a few items of its own, a share link, a synced file. */
    static final class Client {
        private final HttpClient http;
        private final String base;
        private final String token;
        private final SplittableRandom random;
        private final List<Sample> samples;
        private final long t0;
        private final List<String> items = new ArrayList<>();
        private final String device = UUID.randomUUID().toString();
        private String share;
        private long syncVersion;

        Client(HttpClient http, String base, String token, SplittableRandom random, List<Sample> samples, long t0) {
            this.http = http;
            this.base = base;
            this.token = token;
            this.random = random;
            this.samples = samples;
            this.t0 = t0;
        }

        void setUp() throws Exception {
            upload();
            share = match(URL, send("share-create", "POST", "/api/v1/shares", "application/json",
                    ("{\"itemIds\":[\"" + items.getFirst() + "\"]}").getBytes(StandardCharsets.UTF_8)).body());
            send("device", "PUT", "/api/v1/devices/" + device, "application/json",
                    "{\"name\":\"load\"}".getBytes(StandardCharsets.UTF_8));
        }

        void step() throws Exception {
            int dice = random.nextInt(100);
            if (dice < 15) {
                upload();
            } else if (dice < 45) {
                send("list", "GET", "/api/v1/items?limit=60", null, null);
            } else if (dice < 75) {
                send("thumbnail", "GET", "/api/v1/items/" + items.get(random.nextInt(items.size())) + "/thumbnail",
                        null, null);
            } else if (dice < 85) {
                sync();
            } else {
                HttpResponse<String> page = sendAnonymous("share-view", "/s/" + share);
                if (page.statusCode() != 200) {
                    throw new IllegalStateException("share page " + page.statusCode());
                }
            }
        }

        private void upload() throws Exception {
            byte[] file = Files.readAllBytes(Path.of("server/src/test/resources/media/orientation6.jpg"));
            byte[] bytes = Arrays.copyOf(file, file.length + 16);
            for (int i = file.length; i < bytes.length; i++) {
                bytes[i] = (byte) random.nextInt(256);
            }
            String boundary = "load" + random.nextLong();
            byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"photo.jpg\"\r\n"
                    + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] body = new byte[head.length + bytes.length + tail.length];
            System.arraycopy(head, 0, body, 0, head.length);
            System.arraycopy(bytes, 0, body, head.length, bytes.length);
            System.arraycopy(tail, 0, body, head.length + bytes.length, tail.length);
            String id = match(ID, send("upload", "POST", "/api/v1/items", "multipart/form-data; boundary=" + boundary,
                    body).body());
            items.add(id);
        }

        private void sync() throws Exception {
            byte[] bytes = new byte[8192];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) random.nextInt(256);
            }
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            send("sync-chunk", "PUT", "/api/v1/sync/chunks/" + hash, "application/octet-stream", bytes);
            String manifest = "arca-manifest 1\nsize " + bytes.length + "\nsha256 " + hash + "\nchunk " + hash + " "
                    + bytes.length + "\n";
            String body = "{\"folder\":\"Load\",\"path\":\"notes.bin\",\"manifest\":" + json(manifest)
                    + ",\"baseVersion\":" + syncVersion + ",\"mtime\":1700000000000,\"deviceId\":\"" + device + "\"}";
            String entry;
            try {
                entry = send("sync-commit", "POST", "/api/v1/sync/files", "application/json",
                        body.getBytes(StandardCharsets.UTF_8)).body();
            } catch (Failed conflict) {
                // As a real client does: a conflict names the current version, the next commit builds on it.
                entry = conflict.body;
            }
            Matcher version = Pattern.compile("\"version\":(\\d+)").matcher(entry);
            if (version.find()) {
                syncVersion = Long.parseLong(version.group(1));
            }
        }

        private HttpResponse<String> send(String op, String method, String path, String type, byte[] body)
                throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            if (type != null) {
                request.header("Content-Type", type);
            }
            return timed(op, request.build());
        }

        private HttpResponse<String> sendAnonymous(String op, String path) throws Exception {
            return timed(op, HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).build());
        }

        private HttpResponse<String> timed(String op, HttpRequest request) throws Exception {
            long begin = System.nanoTime();
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                samples.add(new Sample(op, begin - t0, System.nanoTime() - begin, false));
                throw e;
            }
            boolean ok = response.statusCode() / 100 == 2;
            samples.add(new Sample(op, begin - t0, System.nanoTime() - begin, ok));
            if (!ok) {
                String body = response.body() == null ? "" : response.body();
                FIRST_ERRORS.putIfAbsent(op + " " + response.statusCode(), body.substring(0, Math.min(300, body.length())));
                throw new Failed(op + " answered " + response.statusCode(), body);
            }
            return response;
        }
    }

    /** An answer that was not a success, with its body. */
    static final class Failed extends IllegalStateException {
        final String body;

        Failed(String message, String body) {
            super(message);
            this.body = body;
        }
    }

    private static String signUp(HttpClient http, String base, String email) throws Exception {
        String registration = "{\"name\":\"Load\",\"email\":\"" + email + "\",\"password\":\"" + PASSWORD
                + "\",\"country\":\"DE\",\"language\":\"en\",\"acceptTerms\":true,\"consents\":[]}";
        http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/accounts")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(registration)).build(), HttpResponse.BodyHandlers.discarding());
        String sign = "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"deviceName\":\"load\"}";
        return match(TOKEN, http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/tokens"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(sign)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private static String match(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("unexpected answer: " + text);
        }
        return m.group(1);
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    /** The process's resident set in bytes, from /proc. */
    private static long rss(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        return 0;
    }

    private static void report(List<Sample> samples, Map<Long, Long> rss, long unexpected, int seconds) {
        Map<String, List<Sample>> byOp = new TreeMap<>();
        for (Sample s : samples) {
            byOp.computeIfAbsent(s.op(), k -> new ArrayList<>()).add(s);
        }
        System.out.println();
        System.out.println("| operation | requests | errors | p50 ms | p95 ms | p99 ms |");
        System.out.println("|---|---|---|---|---|---|");
        long errors = 0;
        for (var e : byOp.entrySet()) {
            long failed = e.getValue().stream().filter(s -> !s.ok()).count();
            errors += failed;
            long[] ms = e.getValue().stream().mapToLong(Sample::nanos).sorted().toArray();
            System.out.printf("| %s | %d | %d | %.1f | %.1f | %.1f |%n", e.getKey(), ms.length, failed,
                    pct(ms, 50), pct(ms, 95), pct(ms, 99));
        }
        System.out.println();
        System.out.println("Per minute (all operations): requests, errors, p95 ms, peak resident set MiB");
        System.out.println("| minute | requests | errors | p95 ms | peak RSS MiB |");
        System.out.println("|---|---|---|---|---|");
        int minutes = Math.max(1, (seconds + 59) / 60);
        for (int m = 0; m < minutes; m++) {
            long from = m * 60_000_000_000L;
            long to = from + 60_000_000_000L;
            List<Sample> in = samples.stream().filter(s -> s.startNanos() >= from && s.startNanos() < to).toList();
            long[] ms = in.stream().mapToLong(Sample::nanos).sorted().toArray();
            final int minute = m;
            long peak = rss.entrySet().stream().filter(r -> r.getKey() / 60 == minute).mapToLong(Map.Entry::getValue)
                    .max().orElse(0);
            System.out.printf("| %d | %d | %d | %.1f | %d |%n", m + 1, ms.length, in.stream().filter(s -> !s.ok()).count(),
                    pct(ms, 95), peak >> 20);
        }
        System.out.println();
        System.out.println("errors: " + errors + " (client exceptions: " + unexpected + ")");
        new TreeMap<>(FIRST_ERRORS).forEach((kind, body) -> System.out.println("first " + kind + ": " + body));
    }

    private static double pct(long[] sortedNanos, int p) {
        if (sortedNanos.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, i)] / 1e6;
    }
}
