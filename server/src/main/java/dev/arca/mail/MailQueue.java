package dev.arca.mail;

import dev.arca.platform.KeyDirectory;
import dev.arca.platform.Secrets;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Arca's mail, durable: each message is written to {@code mail_queue} before the first attempt,
 * delivered at once when SMTP (or the outbox) takes it, and otherwise retried with backoff
 * ({@value #ATTEMPTS} attempts over about four hours), then marked failed for administrators to
 * see. A restart loses nothing. Addresses that asked for no more mail are skipped for every kind
 * of mail but {@link Mail#TRANSACTIONAL} (verification and password resets of one's own account).
 */
@Service
public class MailQueue implements Mailer {

    private static final Logger log = LoggerFactory.getLogger(MailQueue.class);
    static final int ATTEMPTS = 8;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * A message that could not be delivered yet, as operators see it: neither address nor subject
     * (a subject can name people), so that running the mail needs no one's personal data.
     */
    public record Waiting(String id, String kind, int attempts, String lastError, boolean failed, long createdAt) {}

    private final JdbcClient jdbc;
    private final MailTransport transport;
    private final Clock clock;
    private final byte[] suppressionKey;

    MailQueue(JdbcClient jdbc, MailTransport transport, Clock clock, KeyDirectory keys) {
        this.jdbc = jdbc;
        this.transport = transport;
        this.clock = clock;
        this.suppressionKey = keys.secret("mail-suppression");
    }

    /** Queues the message and tries it at once; a failure is retried later, not thrown. */
    @Override
    public void send(Mail mail) {
        if (!Mail.TRANSACTIONAL.equals(mail.kind()) && suppressed(mail.to())) {
            // The kind, never the subject: a subject can name people.
            log.info("Mail of kind {} not sent: the address asked for no more mail", mail.kind());
            return;
        }
        String id = Secrets.newId();
        jdbc.sql("INSERT INTO mail_queue (id, kind, to_address, subject, text_body, html_body, headers, attempts, "
                        + "next_attempt_at, failed, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, false, ?)")
                .params(id, mail.kind(), mail.to(), mail.subject(), mail.text(), mail.html(),
                        JSON.writeValueAsString(mail.headers()), clock.millis(), clock.millis())
                .update();
        attempt(id, mail, 0);
    }

    @Override
    public void dropQueued(String address) {
        deleteQueued(address);
    }

    @Override
    public void forget(String address) {
        int queued = deleteQueued(address);
        transport.forget(address);
        if (queued > 0) {
            log.info("{} queued messages deleted with their recipient", queued);
        }
    }

    private int deleteQueued(String address) {
        return jdbc.sql("DELETE FROM mail_queue WHERE LOWER(to_address) = LOWER(?)").param(address).update();
    }

    /** Retries what is due. */
    @Scheduled(fixedDelayString = "${arca.mail.retry-interval:30s}", initialDelayString = "${arca.mail.retry-delay:10s}")
    public int retryDue() {
        record Row(String id, Mail mail, int attempts) {}
        List<Row> due = jdbc.sql("SELECT id, to_address, subject, text_body, html_body, headers, kind, attempts "
                        + "FROM mail_queue WHERE failed = false AND next_attempt_at <= ? ORDER BY created_at LIMIT 100")
                .param(clock.millis())
                .query((rs, n) -> new Row(rs.getString(1), new Mail(rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(7), headers(rs.getString(6))), rs.getInt(8)))
                .list();
        int delivered = 0;
        for (Row row : due) {
            if (attempt(row.id(), row.mail(), row.attempts())) {
                delivered++;
            }
        }
        return delivered;
    }

    /** What waits or failed, oldest first. */
    public List<Waiting> waiting() {
        return jdbc.sql("SELECT id, kind, attempts, last_error, failed, created_at FROM mail_queue "
                        + "ORDER BY created_at")
                .query((rs, n) -> new Waiting(rs.getString(1), rs.getString(2), rs.getInt(3),
                        rs.getString(4), rs.getBoolean(5), rs.getLong(6)))
                .list();
    }

    /** Messages delivered per kind on each of the last days. */
    public Map<String, Map<String, Integer>> sentByDay() {
        Map<String, Map<String, Integer>> counts = new java.util.TreeMap<>();
        jdbc.sql("SELECT day, kind, sent FROM mail_counts ORDER BY day DESC LIMIT 300").query(rs -> {
            counts.computeIfAbsent(rs.getString(1), k -> new java.util.TreeMap<>()).put(rs.getString(2), rs.getInt(3));
        });
        return counts;
    }

    /** Tries a failed message again from the start; false when there is no such message. */
    public boolean retry(String id) {
        return jdbc.sql("UPDATE mail_queue SET failed = false, attempts = 0, next_attempt_at = ? WHERE id = ?")
                .params(clock.millis(), id).update() > 0;
    }

    /** Stops all further mail (but account mail) to the address; queued messages to it are dropped. */
    public void suppress(String address) {
        jdbc.sql("INSERT INTO mail_suppressions (address_hash, created_at) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(hash(address), clock.millis()).update();
        jdbc.sql("DELETE FROM mail_queue WHERE to_address = ? AND kind <> ?").params(address, Mail.TRANSACTIONAL)
                .update();
    }

    /**
     * The token of a "stop all mail" link for an address: the address and a keyed hash of it, so
     * the link works for as long as the address wants, with nothing stored.
     */
    public String stopToken(String address) {
        String normal = address.strip().toLowerCase(Locale.ROOT);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(normal.getBytes(StandardCharsets.UTF_8))
                + "." + hash(normal).substring(0, 32);
    }

    /** Suppresses the address of a stop token; false when the token is not one. */
    public boolean stopByToken(String token) {
        if (token == null || !token.contains(".") || token.length() > 700) {
            return false;
        }
        String address;
        try {
            address = new String(java.util.Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (!java.security.MessageDigest.isEqual(stopToken(address).getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8))) {
            return false;
        }
        suppress(address);
        return true;
    }

    public boolean suppressed(String address) {
        return jdbc.sql("SELECT COUNT(*) FROM mail_suppressions WHERE address_hash = ?").param(hash(address))
                .query(Integer.class).single() > 0;
    }

    private boolean attempt(String id, Mail mail, int attemptsBefore) {
        try {
            transport.deliver(mail);
        } catch (RuntimeException e) {
            int attempts = attemptsBefore + 1;
            boolean failed = attempts >= ATTEMPTS;
            // Only the kind of failure: a server's message may quote the address.
            jdbc.sql("UPDATE mail_queue SET attempts = ?, next_attempt_at = ?, last_error = ?, failed = ? WHERE id = ?")
                    .params(attempts, clock.millis() + (60_000L << Math.min(attempts - 1, 10)),
                            e.getClass().getSimpleName(), failed, id)
                    .update();
            // No id: the queued message names its recipient; the operator finds it on the mail page.
            log.warn("Mail of kind {} not delivered (attempt {} of {}): {}", mail.kind(), attempts, ATTEMPTS,
                    e.getClass().getSimpleName());
            return false;
        }
        jdbc.sql("DELETE FROM mail_queue WHERE id = ?").param(id).update();
        String day = LocalDate.now(clock.withZone(ZoneOffset.UTC)).toString();
        jdbc.sql("INSERT INTO mail_counts (day, kind, sent) VALUES (?, ?, 1) "
                        + "ON CONFLICT (day, kind) DO UPDATE SET sent = mail_counts.sent + 1")
                .params(day, mail.kind()).update();
        return true;
    }

    private String hash(String address) {
        return HexFormat.of().formatHex(Secrets.hmacSha256(suppressionKey, address.strip().toLowerCase(Locale.ROOT)));
    }

    private static Map<String, String> headers(String json) {
        return json == null ? Map.of() : JSON.readValue(json, new tools.jackson.core.type.TypeReference<>() {});
    }
}
