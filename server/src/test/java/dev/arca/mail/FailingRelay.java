package dev.arca.mail;

import dev.arca.platform.KeyDirectory;
import dev.arca.support.TestServer;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Mail that a relay refused, for tests of what is held about its addressee: sent through the real
 * queue with a transport that always fails, so it waits in {@code mail_queue} as it would while
 * a relay is down.
 */
public final class FailingRelay {

    private FailingRelay() {}

    public static void send(TestServer server, String to, String subject) {
        MailQueue queue = new MailQueue(server.bean(JdbcClient.class), mail -> {
            throw new Mailer.MailFailedException("the relay is down", null);
        }, Clock.systemUTC(), server.bean(KeyDirectory.class));
        queue.send(new Mail(to, subject, "A message for you.", "<p>A message for you.</p>", "share", Map.of()));
        // The server's own queue retries due mail through a working transport and would deliver
        // it; a day away, it stays queued for the length of any test.
        server.jdbc().sql("UPDATE mail_queue SET next_attempt_at = ? WHERE subject = ?")
                .params(System.currentTimeMillis() + Duration.ofDays(1).toMillis(), subject).update();
    }
}
