package dev.arca.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.arca.ArcaServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A real Arca server per database, started once per test JVM and shared by all tests: SQLite
 * with the mail outbox, or embedded PostgreSQL with a real SMTP server (GreenMail). Tests talk to
 * it over HTTP on loopback and may read its database to check what was (not) stored.
 */
public final class TestServer {

    public static final String ADMIN_EMAIL = "operator@arca.test";
    public static final String ADMIN_PASSWORD = "operator-password-42";

    private static final Map<Db, TestServer> RUNNING = new EnumMap<>(Db.class);

    public final Db db;
    public final ConfigurableApplicationContext context;
    private final List<String> args;
    public final String baseUrl;
    public final Path dataDir;
    public final Mailbox mailbox;

    private TestServer(Db db, ConfigurableApplicationContext context, Path dataDir, Mailbox mailbox, List<String> args) {
        this.db = db;
        this.args = List.copyOf(args);
        this.context = context;
        this.dataDir = dataDir;
        this.mailbox = mailbox;
        this.baseUrl = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    public static synchronized TestServer on(Db db) {
        return RUNNING.computeIfAbsent(db, d -> start(d, List.of()));
    }

    /**
     * A server of the test's own, on a new data directory and database, for tests that damage
     * what the shared one holds. The caller stops it with {@link #stop()}.
     */
    public static TestServer fresh(Db db) {
        return start(db, List.of());
    }

    /**
     * A server of the test's own with further arguments. When they name an SMTP relay
     * ({@code --spring.mail.host}), the server uses that one and this has no mailbox.
     */
    public static TestServer fresh(Db db, List<String> arguments) {
        return start(db, arguments);
    }

    /** Stops this server and starts it again on the same data directory and database. */
    public TestServer restart() {
        stop();
        return new TestServer(db, new SpringApplicationBuilder(ArcaServer.class).run(args.toArray(String[]::new)),
                dataDir, mailbox, args);
    }

    /** Stops the server; its data directory and database stay. */
    public void stop() {
        context.close();
    }

    public JdbcClient jdbc() {
        return JdbcClient.create(context.getBean(DataSource.class));
    }

    public Http http() {
        return new Http(baseUrl);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    private static TestServer start(Db db, List<String> arguments) {
        try {
            Path dataDir = Files.createTempDirectory("arca-test-" + db.name().toLowerCase());
            List<String> args = new ArrayList<>(List.of(
                    "--server.port=0",
                    "--arca.data-dir=" + dataDir,
                    "--arca.admin.email=" + ADMIN_EMAIL,
                    "--arca.admin.password=" + ADMIN_PASSWORD,
                    "--arca.sign-in.failures-per-network=1000",
                    "--arca.mail.limits.per-network=100000",
                    // Tests purge and then check that unreferenced chunks are gone at once.
                    "--arca.library.chunk-grace=0s",
                    // Two copies of every blob, as an installation with two disks keeps them.
                    "--arca.storage.dirs=" + dataDir.resolve("disk-a") + "," + dataDir.resolve("disk-b"),
                    "--arca.storage.replicas=2"));
            Mailbox mailbox;
            if (db == Db.POSTGRES) {
                // The cluster lives in the data directory, so that scans of it see the database's files;
                // spent WAL segments are deleted rather than renamed for reuse, as docs/ARCHITECTURE.md advises.
                EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dataDir.resolve("postgres"))
                        .setServerConfig("wal_recycle", "off").start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        postgres.close();
                    } catch (IOException ignored) {
                        // the JVM is ending; the temporary cluster goes with it
                    }
                }));
                args.add("--arca.db.url=" + postgres.getJdbcUrl("postgres", "postgres"));
                args.add("--arca.db.user=postgres");
                args.add("--arca.db.password=postgres");
            }
            boolean ownRelay = arguments.stream().anyMatch(a -> a.startsWith("--spring.mail.host="));
            if (ownRelay) {
                mailbox = address -> {
                    throw new IllegalStateException("This server mails through the test's own relay");
                };
            } else if (db == Db.POSTGRES) {
                GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
                smtp.start();
                args.add("--spring.mail.host=127.0.0.1");
                args.add("--spring.mail.port=" + smtp.getSmtp().getPort());
                // The relay is registered in the configuration, as an operator would before its first use.
                args.addAll(Processors.asArguments(0, Processors.relay("127.0.0.1:" + smtp.getSmtp().getPort())));
                mailbox = address -> Stream.of(smtp.getReceivedMessages())
                        .filter(m -> recipients(m).contains(address.toLowerCase()))
                        .map(TestServer::text).toList();
            } else {
                mailbox = address -> outbox(dataDir.resolve("outbox"), address);
            }
            args.addAll(arguments);
            ConfigurableApplicationContext context = new SpringApplicationBuilder(ArcaServer.class)
                    .run(args.toArray(String[]::new));
            return new TestServer(db, context, dataDir, mailbox, args);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> outbox(Path dir, String address) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        // One folder per recipient; file names begin with the time they were written.
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".eml"))
                    .sorted(java.util.Comparator.comparing(p -> p.getFileName().toString())).map(p -> {
                try (InputStream in = Files.newInputStream(p)) {
                    return new MimeMessage(jakarta.mail.Session.getInstance(new Properties()), in);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).filter(m -> recipients(m).contains(address.toLowerCase())).map(TestServer::text).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String recipients(MimeMessage message) {
        try {
            return String.join(",", Stream.of(message.getAllRecipients()).map(Object::toString).toList()).toLowerCase();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The subject and list headers, then every text part of the message (quoted-printable decoded). */
    static String text(MimeMessage message) {
        try {
            StringBuilder head = new StringBuilder("Subject: ").append(message.getSubject()).append('\n');
            for (String name : new String[] {"List-Unsubscribe", "List-Unsubscribe-Post"}) {
                String[] values = message.getHeader(name);
                if (values != null) {
                    head.append(name).append(": ").append(String.join(", ", values)).append('\n');
                }
            }
            return head + partText(message.getContent());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String partText(Object content) throws Exception {
        if (content instanceof String s) {
            return s;
        }
        if (content instanceof jakarta.mail.Multipart multipart) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                all.append(partText(multipart.getBodyPart(i).getContent())).append('\n');
            }
            return all.toString();
        }
        return "";
    }
}
