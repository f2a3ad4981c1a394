package dev.arca.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.arca.platform.KeyDirectory;
import dev.arca.privacy.EgressGate;
import dev.arca.privacy.ProcessorRegister;
import dev.arca.support.Processors;
import dev.arca.support.Db;
import dev.arca.support.Http;
import dev.arca.support.TestServer;
import dev.arca.support.Users;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The queue against a real SMTP server that is down at first, then up. */
class MailQueueTest {

    private final TestServer server = TestServer.on(Db.SQLITE);

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A queue to a relay on the port, registered as a processor. */
    private MailQueue queueTo(int port) throws Exception {
        server.bean(ProcessorRegister.class).register(Processors.relay("127.0.0.1:" + port));
        EgressGate.SmtpRelay relay = server.bean(EgressGate.class).smtp(new EgressGate.SmtpSettings("127.0.0.1", port,
                null, null, Map.of("mail.smtp.connectiontimeout", "2000")), MailConfig.PURPOSES, MailConfig.CATEGORIES);
        return new MailQueue(server.bean(JdbcClient.class), MailConfig.smtp(relay, "Arca <arca@localhost>"),
                Clock.systemUTC(), server.bean(KeyDirectory.class));
    }

    private int queued(String subject) {
        return server.jdbc().sql("SELECT COUNT(*) FROM mail_queue WHERE subject = ?").param(subject)
                .query(Integer.class).single();
    }

    @Test
    @DisplayName("mail that SMTP cannot take yet is kept, shown to operators without its address or subject, and delivered later")
    void retriesUntilDelivered() throws Exception {
        int port = freePort();
        MailQueue queue = queueTo(port);
        String subject = "Retry " + System.nanoTime();
        queue.send(new Mail("friend@example.test", subject, "text", "<p>html</p>", "share",
                Map.of("List-Unsubscribe", "<https://arca.test/stop>")));
        assertThat(queued(subject)).isEqualTo(1);

        String admin = Users.token(server, TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        Http.Response status = server.http().get("/api/v1/admin/mail", admin);
        String id = server.jdbc().sql("SELECT id FROM mail_queue WHERE subject = ?").param(subject)
                .query(String.class).single();
        assertThat(status.text()).contains(id).contains("MailFailedException").doesNotContain("friend@")
                .as("a subject can name people: operators run the mail without it").doesNotContain(subject);
        assertThat(server.http().get("/api/v1/admin/mail", Users.signedIn(server, Users.newEmail())).status())
                .isEqualTo(403);

        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            server.jdbc().sql("UPDATE mail_queue SET next_attempt_at = 0 WHERE subject = ?").param(subject).update();
            assertThat(queue.retryDue()).isPositive();
            assertThat(queued(subject)).isZero();
            MimeMessage received = smtp.getReceivedMessages()[0];
            assertThat(received.getSubject()).isEqualTo(subject);
            assertThat(received.getHeader("List-Unsubscribe")[0]).isEqualTo("<https://arca.test/stop>");
        } finally {
            smtp.stop();
        }
    }

    @Test
    @DisplayName("after the last attempt a message is marked failed until an administrator retries it")
    void failsAfterTheLastAttempt() throws Exception {
        MailQueue queue = queueTo(freePort());
        String subject = "Fail " + System.nanoTime();
        queue.send(new Mail("x@example.test", subject, "t", "<p>h</p>"));
        for (int i = 1; i < MailQueue.ATTEMPTS; i++) {
            server.jdbc().sql("UPDATE mail_queue SET next_attempt_at = 0 WHERE subject = ?").param(subject).update();
            queue.retryDue();
        }
        assertThat(server.jdbc().sql("SELECT failed FROM mail_queue WHERE subject = ?").param(subject)
                .query(Boolean.class).single()).isTrue();
        String id = server.jdbc().sql("SELECT id FROM mail_queue WHERE subject = ?").param(subject)
                .query(String.class).single();
        assertThat(queue.retry(id)).isTrue();
        assertThat(server.jdbc().sql("SELECT attempts FROM mail_queue WHERE id = ?").param(id)
                .query(Integer.class).single()).isZero();
    }

    @Test
    @DisplayName("I.2d an address that asked for no more mail gets none but mail about its own account")
    void suppressedAddresses() throws Exception {
        MailQueue queue = queueTo(freePort());
        String address = "Stop.Me." + System.nanoTime() + "@example.test";
        queue.suppress(address.toUpperCase());
        assertThat(queue.suppressed(address)).isTrue();
        assertThat(server.jdbc().sql("SELECT COUNT(*) FROM mail_suppressions WHERE address_hash LIKE ?")
                .param("%" + address + "%").query(Integer.class).single()).as("only a keyed hash").isZero();
        String shared = "Shared " + System.nanoTime();
        queue.send(new Mail(address, shared, "t", "<p>h</p>", "share", Map.of()));
        assertThat(queued(shared)).isZero();
        String reset = "Reset " + System.nanoTime();
        queue.send(new Mail(address, reset, "t", "<p>h</p>"));
        assertThat(queued(reset)).as("account mail still goes (queued: SMTP is down here)").isEqualTo(1);
    }
}
