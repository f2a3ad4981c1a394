import dev.arca.ArcaServer;
import dev.arca.library.internal.SearchTerms;
import dev.arca.library.internal.TimelineDays;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Listing and search latency of one account with N items (default 100,000), on SQLite or on
 * PostgreSQL, through the HTTP API of a real server. Rows are inserted directly (the upload
 * path is measured elsewhere); every query runs 5 times to warm up, then 50 times measured.
 *
 * Usage: java -cp <server classpath> bench/library/SearchBench.java sqlite|postgres [items]
 */
public class SearchBench {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        String db = args.length > 0 ? args[0] : "sqlite";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        Path dataDir = Files.createTempDirectory("arca-bench");
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--arca.data-dir=" + dataDir,
                "--logging.level.root=WARN", "--arca.sign-in.failures-per-network=1000",
                // The bench indexes the rows it inserts itself, and times it.
                "--arca.library.search-index-delay=1h"));
        EmbeddedPostgres postgres = null;
        if (db.equals("postgres")) {
            postgres = EmbeddedPostgres.builder().start();
            arguments.add("--arca.db.url=" + postgres.getJdbcUrl("postgres", "postgres"));
            arguments.add("--arca.db.user=postgres");
            arguments.add("--arca.db.password=postgres");
        }
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ArcaServer.class)
                .run(arguments.toArray(String[]::new));
        String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
        try {
            String email = "bench-" + UUID.randomUUID() + "@example.test";
            send(base, "POST", "/api/v1/accounts", null, Map.of("name", "Bench", "email", email, "password",
                    "correct horse battery", "country", "DE", "language", "en", "acceptTerms", true, "consents", List.of()));
            String token = JSON.readTree(send(base, "POST", "/api/v1/tokens", null,
                    Map.of("email", email, "password", "correct horse battery", "deviceName", "bench")).body())
                    .path("token").asString();
            JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
            String account = jdbc.queryForObject("SELECT id FROM accounts WHERE email = ?", String.class, email);
            long start = System.nanoTime();
            populate(jdbc, account, n);
            System.out.printf("%s: inserted %,d items in %.1f s%n", db, n, (System.nanoTime() - start) / 1e9);
            start = System.nanoTime();
            int indexed = context.getBean(SearchTerms.class).indexPending();
            // The rows went in around the writers, so the timeline's day counts are made here.
            context.getBean(TimelineDays.class).recount(account);
            System.out.printf("%s: indexed %,d items for text search in %.1f s%n", db, indexed,
                    (System.nanoTime() - start) / 1e9);
            if (db.equals("postgres")) {
                // Statistics as autovacuum would have them for a library that grew over time.
                jdbc.execute("ANALYZE");
            }

            String cursor = null;
            for (int page = 0; page < 50; page++) {
                JsonNode p = JSON.readTree(send(base, "GET", "/api/v1/items?limit=100" + (cursor == null ? "" : "&cursor="
                        + cursor), token, null).body());
                cursor = p.path("nextCursor").asString();
            }
            Map<String, String> queries = new java.util.LinkedHashMap<>();
            queries.put("first page (100, newest first)", "/api/v1/items?limit=100");
            queries.put("page 51 by cursor", "/api/v1/items?limit=100&cursor=" + cursor);
            queries.put("text search (title word)", "/api/v1/items?limit=100&q=harbour");
            queries.put("text, as typed (3 letters)", "/api/v1/items?limit=100&q=har");
            queries.put("text, two words", "/api/v1/items?limit=100&q=harbour+fictional");
            queries.put("text, rare (one item)", "/api/v1/items?limit=100&q=img_77777");
            queries.put("text, every item (img)", "/api/v1/items?limit=100&q=img");
            queries.put("text, a tag's name", "/api/v1/items?limit=100&q=famil");
            queries.put("date range (one month)", "/api/v1/items?limit=100&from=2019-03-01T00:00:00Z&to=2019-04-01T00:00:00Z");
            queries.put("place (bounding box)", "/api/v1/items?limit=100&bbox=13.0,52.3,13.8,52.7");
            queries.put("tag", "/api/v1/items?limit=100&tag=family");
            queries.put("type video", "/api/v1/items?limit=100&type=video");
            queries.put("timeline (counts per day)", "/api/v1/timeline");
            System.out.printf("%-34s %9s %9s %9s%n", "query", "p50 ms", "p95 ms", "results");
            for (Map.Entry<String, String> q : queries.entrySet()) {
                int results = 0;
                for (int i = 0; i < 5; i++) {
                    JsonNode body = JSON.readTree(send(base, "GET", q.getValue(), token, null).body());
                    results = body.has("items") ? body.path("items").size() : body.path("days").size();
                }
                double[] ms = new double[50];
                for (int i = 0; i < ms.length; i++) {
                    long t = System.nanoTime();
                    send(base, "GET", q.getValue(), token, null);
                    ms[i] = (System.nanoTime() - t) / 1e6;
                }
                Arrays.sort(ms);
                System.out.printf("%-34s %9.1f %9.1f %9d%n", q.getKey(), ms[24], ms[47], results);
            }
        } finally {
            context.close();
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    static void populate(JdbcTemplate jdbc, String account, int n) {
        Random random = new Random(42);
        String[] words = {"harbour", "mountain", "birthday", "garden", "street", "concert", "beach", "snow"};
        String[] kinds = {"image", "image", "image", "image", "video", "audio"};
        long base = 1_500_000_000_000L;
        List<Object[]> items = new ArrayList<>();
        List<Object[]> metadata = new ArrayList<>();
        String tag = UUID.randomUUID().toString();
        jdbc.update("INSERT INTO tags (id, account_id, name, created_at) VALUES (?, ?, 'family', 0)", tag, account);
        List<Object[]> tags = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = UUID.randomUUID().toString();
            long taken = base + (long) (random.nextDouble() * 250_000_000_000L);
            String kind = kinds[random.nextInt(kinds.length)];
            items.add(new Object[] {id, account, "IMG_" + i + ".jpg", kind, "image/jpeg", 3_000_000 + random.nextInt(5_000_000),
                    "0".repeat(64), taken, taken, taken, random.nextInt(20) == 0 ? words[random.nextInt(words.length)] + " " + i : null});
            boolean located = random.nextInt(3) == 0;
            metadata.add(new Object[] {id, account, taken, located ? 52.3 + random.nextDouble() * 0.4 : null,
                    located ? 13.0 + random.nextDouble() * 0.8 : null, "Fictional Optics", "FO-" + random.nextInt(9)});
            if (random.nextInt(10) == 0) {
                tags.add(new Object[] {id, tag, account});
            }
            if (items.size() == 5000 || i == n - 1) {
                jdbc.batchUpdate("INSERT INTO items (id, account_id, filename, kind, content_type, size, sha256, version_no, "
                        + "created_at, updated_at, taken_at, title) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)", items);
                jdbc.batchUpdate("INSERT INTO item_metadata (item_id, account_id, state, attempts, captured_at, latitude, "
                        + "longitude, make, model) VALUES (?, ?, 'done', 1, ?, ?, ?, ?, ?)", metadata);
                jdbc.batchUpdate("INSERT INTO item_tags (item_id, tag_id, account_id) VALUES (?, ?, ?)", tags);
                items.clear();
                metadata.clear();
                tags.clear();
            }
        }
    }

    static HttpResponse<byte[]> send(String base, String method, String path, String token, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
            request.method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
