import dev.arca.ArcaServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.SplittableRandom;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The server's write path without HTTP: FastCDC chunking, SHA-256 of every chunk and of the
 * whole file, AES-256-GCM, the blob store's checksummed durable write (fsync per blob) and the
 * chunk rows in SQLite, for N MiB of fresh random bytes (default 1024), against single-core
 * JDK SHA-256 measured in the same run. Prints MB/s, the ratio and the JVM's peak heap use.
 *
 * Usage: java -Xmx3g -cp <server classpath> bench/storage/IngestBench.java [MiB] [runs]
 */
public class IngestBench {

    public static void main(String[] args) throws Exception {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        byte[][] data = new byte[runs + 1][];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < data.length; i++) {
            data[i] = new byte[mib << 20];
            random.nextBytes(data[i]);
        }
        Path dataDir = Files.createTempDirectory(Path.of(System.getProperty("bench.dir", System.getProperty("java.io.tmpdir"))), "arca-ingest-bench");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ArcaServer.class)
                .run("--server.port=0", "--arca.data-dir=" + dataDir, "--logging.level.root=WARN");
        try {
            JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
            String account = UUID.randomUUID().toString();
            jdbc.update("INSERT INTO accounts (id, name, email, email_verified, password_hash, country, language, role, "
                    + "created_at, updated_at) VALUES (?, 'Bench', ?, TRUE, 'x', 'DE', 'en', 'USER', 0, 0)",
                    account, account + "@example.test");
            Object ingest = context.getBean(Class.forName("dev.arca.library.internal.ContentIngest"));
            Method store = ingest.getClass().getMethod("store", String.class, InputStream.class, long.class);

            // Warm up: the first buffer, stored once.
            store.invoke(ingest, account, new ByteArrayInputStream(data[0]), Long.MAX_VALUE);
            double best = 0;
            for (int i = 1; i <= runs; i++) {
                long t = System.nanoTime();
                store.invoke(ingest, account, new ByteArrayInputStream(data[i]), Long.MAX_VALUE);
                best = Math.max(best, mib * 1.048576 / ((System.nanoTime() - t) / 1e9));
            }
            double sha = 0;
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < runs + 1; i++) {
                long t = System.nanoTime();
                digest.update(data[i]);
                digest.digest();
                if (i > 0) {
                    sha = Math.max(sha, mib * 1.048576 / ((System.nanoTime() - t) / 1e9));
                }
            }
            Runtime rt = Runtime.getRuntime();
            System.out.printf("ingest of %d MiB fresh random data, best of %d: %.0f MB/s%n", mib, runs, best);
            System.out.printf("single-core JDK SHA-256 over the same data:   %.0f MB/s%n", sha);
            System.out.printf("ratio ingest / SHA-256: %.2f%n", best / sha);
            System.out.printf("heap in use at the end (incl. %d MiB of test data): %d MiB%n", (runs + 1) * mib,
                    (rt.totalMemory() - rt.freeMemory()) >> 20);
        } finally {
            context.close();
        }
    }
}
