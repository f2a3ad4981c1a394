package dev.arca.privacy;

import dev.arca.platform.Secrets;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * The one way out for personal data (I.4b): every network client that can carry it (SMTP, S3) is
 * built here and nowhere else ({@code EgressRuleTest} fails the build otherwise). Each client is
 * declared with its destination, purposes and data categories; the server does not start while a
 * declared destination is not an active processor registered for all of them, and each message
 * or object is checked again before it leaves (a processor suspended on any node stops receiving
 * within half a minute) and recorded after: processor, purpose, categories, a keyed pseudonym of
 * the account concerned, size and time. Never the contents.
 *
 * <p>A record is written in the caller's transaction when there is one: a transfer made inside a
 * transaction that then rolls back is sent but not recorded. Mail and storage writes are made
 * outside transactions except mail sent by a request that changes data at the same time.
 */
@Component
public class EgressGate implements SmartInitializingSingleton {

    /** One declared use of a destination. */
    private record Use(Processor.Service service, String destination, Set<Purpose> purposes, Set<String> categories,
            String what) {}

    private final ProcessorRegister register;
    private final ProcessorSettings settings;
    private final JdbcClient jdbc;
    private final Pseudonyms pseudonyms;
    private final ObjectProvider<SubjectDirectory> directory;
    private final Clock clock;
    private final List<Use> uses = new CopyOnWriteArrayList<>();

    EgressGate(ProcessorRegister register, ProcessorSettings settings, JdbcClient jdbc, Pseudonyms pseudonyms,
            ObjectProvider<SubjectDirectory> directory, Clock clock) {
        this.register = register;
        this.settings = settings;
        this.jdbc = jdbc;
        this.pseudonyms = pseudonyms;
        this.directory = directory;
        this.clock = clock;
    }

    /** Registers configured processors, then refuses to start while a declared destination is not registered. */
    @Override
    public void afterSingletonsInstantiated() {
        register.adopt(settings.processors());
        List<String> missing = new ArrayList<>();
        for (Use use : uses) {
            var entry = register.at(use.service(), use.destination());
            Set<Purpose> lacking = new TreeSet<>(use.purposes());
            Set<String> lackingCategories = new TreeSet<>(use.categories());
            if (entry.isPresent() && entry.get().status() == Processor.Status.ACTIVE) {
                lacking.removeAll(entry.get().purposes());
                lackingCategories.removeAll(entry.get().categories());
            }
            if (entry.isEmpty() || entry.get().status() != Processor.Status.ACTIVE) {
                missing.add(use.what() + " at " + use.destination() + " is not " + (entry.isEmpty()
                        ? "a registered processor" : "an active processor (it is " + entry.get().status() + ")")
                        + ". Register it before Arca uses it: on /admin/processors, by POST /api/v1/admin/processors,"
                        + " or in the configuration as arca.processors[n].name, .service=" + use.service()
                        + ", .destination=" + use.destination() + ", .contract-reference, .contract-date, .country,"
                        + " .adequacy, .purposes=" + String.join(",", use.purposes().stream().map(Purpose::name).toList())
                        + " and .categories=" + String.join(",", use.categories()));
            } else if (!lacking.isEmpty() || !lackingCategories.isEmpty()) {
                missing.add(use.what() + " at " + use.destination() + " is registered as \"" + entry.get().name()
                        + "\" but not for what Arca sends it: add purposes " + lacking + " and categories "
                        + lackingCategories + " to its entry");
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Personal data would go to an unregistered processor (I.4b): "
                    + String.join("; ", missing));
        }
    }

    /** {@code host:port} of a URL, the port filled in from the scheme: what a destination is. */
    public static String destination(URI endpoint) {
        int port = endpoint.getPort() >= 0 ? endpoint.getPort() : "http".equals(endpoint.getScheme()) ? 80 : 443;
        return endpoint.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    // ---- SMTP ----

    /** How to reach an SMTP relay; {@code properties} are JavaMail's {@code mail.smtp.*} settings. */
    public record SmtpSettings(String host, int port, String username, String password, Map<String, String> properties) {}

    /**
     * A relay for the server's mail, declared for {@code purposes} and {@code categories}. Each
     * message is checked and recorded; see {@link SmtpRelay#send}.
     */
    public SmtpRelay smtp(SmtpSettings smtp, Set<Purpose> purposes, Set<String> categories) {
        String destination = smtp.host().toLowerCase(Locale.ROOT) + ":" + smtp.port();
        uses.add(new Use(Processor.Service.SMTP, destination, Set.copyOf(purposes), Set.copyOf(categories),
                "The SMTP relay"));
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(smtp.host());
        sender.setPort(smtp.port());
        sender.setUsername(smtp.username());
        sender.setPassword(smtp.password());
        sender.setDefaultEncoding("UTF-8");
        Properties properties = new Properties();
        properties.putAll(smtp.properties());
        sender.setJavaMailProperties(properties);
        return new SmtpRelay(sender, destination, Set.copyOf(categories));
    }

    /** The server's SMTP relay, behind the gate. */
    public final class SmtpRelay {

        private final JavaMailSenderImpl sender;
        private final String destination;
        private final Set<String> categories;

        private SmtpRelay(JavaMailSenderImpl sender, String destination, Set<String> categories) {
            this.sender = sender;
            this.destination = destination;
            this.categories = categories;
        }

        public MimeMessage newMessage() {
            return sender.createMimeMessage();
        }

        /**
         * Sends the message if the relay is an active processor registered for {@code purpose},
         * and records the transfer under the account that has {@code recipient}'s address (or a
         * pseudonym of the address when no account has it).
         *
         * @throws UnregisteredProcessorException when it is not; nothing was sent
         * @throws MailException when the relay refused the message
         */
        public void send(MimeMessage message, Purpose purpose, String recipient) {
            Processor processor = require(Processor.Service.SMTP, destination, purpose);
            long size = size(message);
            sender.send(message);
            record(processor, purpose, categories, subjectOfAddress(recipient), size);
        }

        private static long size(MimeMessage message) {
            try {
                Counting counting = new Counting();
                message.writeTo(counting);
                return counting.count;
            } catch (IOException | MessagingException e) {
                throw new IllegalArgumentException("The message cannot be written", e);
            }
        }
    }

    private static final class Counting extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    // ---- S3 ----

    /**
     * Builds the client of a bucket at {@code destination}, declared for {@code purpose} and
     * {@code categories}. Every request is checked first; every object written is recorded with
     * its size under the account {@code accountOfKey} names for its key (null: no account).
     */
    public S3Client s3(S3ClientBuilder builder, String destination, Purpose purpose, Set<String> categories,
            Function<String, String> accountOfKey) {
        uses.add(new Use(Processor.Service.S3, destination, Set.of(purpose), Set.copyOf(categories),
                "The S3 storage service"));
        Set<String> recorded = Set.copyOf(categories);
        ExecutionInterceptor gate = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                require(Processor.Service.S3, destination, purpose);
            }

            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof PutObjectRequest put) {
                    String account = accountOfKey.apply(put.key());
                    record(register.at(Processor.Service.S3, destination).orElseThrow(), purpose, recorded,
                            account == null ? null : pseudonyms.subject(account),
                            put.contentLength() == null ? 0 : put.contentLength());
                }
            }
        };
        return builder.overrideConfiguration(c -> c.addExecutionInterceptor(gate)).build();
    }

    // ---- checks and records ----

    private Processor require(Processor.Service service, String destination, Purpose purpose) {
        Processor processor = register.at(service, destination).orElseThrow(() -> new UnregisteredProcessorException(
                service + " " + destination + " is not a registered processor"));
        if (!processor.receives(purpose)) {
            throw new UnregisteredProcessorException(service + " " + destination + " (\"" + processor.name()
                    + "\") is " + processor.status() + " and registered for " + processor.purposes() + ", so it may"
                    + " not receive data for " + purpose);
        }
        return processor;
    }

    private String subjectOfAddress(String address) {
        String normal = address.strip().toLowerCase(Locale.ROOT);
        SubjectDirectory accounts = directory.getIfAvailable();
        return (accounts == null ? java.util.Optional.<String>empty() : accounts.accountWithAddress(normal))
                .map(pseudonyms::subject)
                .orElseGet(() -> pseudonyms.mac("address", normal));
    }

    private void record(Processor processor, Purpose purpose, Set<String> categories, String subject, long bytes) {
        jdbc.sql("INSERT INTO processor_transfers (id, processor_id, purpose, categories, subject, bytes, occurred_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(Secrets.newId(), processor.id(), purpose.name(), String.join("\n", new TreeSet<>(categories)),
                        subject, bytes, clock.millis())
                .update();
    }

    /** A person's transfers, by processor, purpose and categories: what the privacy center shows. */
    public List<dev.arca.protocol.api.TransferSummary> transfersOf(String accountId) {
        Map<String, Processor> processors = new java.util.HashMap<>();
        register.all().forEach(p -> processors.put(p.id(), p));
        return jdbc.sql("SELECT processor_id, purpose, categories, COUNT(*), SUM(bytes), MIN(occurred_at), "
                        + "MAX(occurred_at) FROM processor_transfers WHERE subject = ? "
                        + "GROUP BY processor_id, purpose, categories ORDER BY MAX(occurred_at) DESC")
                .param(pseudonyms.subject(accountId))
                .query((rs, n) -> {
                    Processor p = processors.get(rs.getString(1));
                    return new dev.arca.protocol.api.TransferSummary(p == null ? "?" : p.name(),
                            p == null ? "?" : p.country(), rs.getString(2),
                            List.of(rs.getString(3).split("\n")), rs.getLong(4), rs.getLong(5),
                            Instant.ofEpochMilli(rs.getLong(6)), Instant.ofEpochMilli(rs.getLong(7)));
                })
                .list();
    }
}
