package dev.arca.sharing;

import dev.arca.accounts.Account;
import dev.arca.accounts.AccountRegistered;
import dev.arca.accounts.AccountService;
import dev.arca.mail.Mail;
import dev.arca.mail.MailQueue;
import dev.arca.platform.Links;
import dev.arca.platform.Secrets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * "Invite a friend": an invitation mailed in the user's name, with the protections of a share by
 * e-mail. The invited address is kept only until the invitation is accepted (an account is
 * registered with it) or expires ({@link #LIFE}); an address that has an account or asked for no
 * mail is not written to, and the inviter is not told which.
 */
@Service
class Invitations {

    static final Duration LIFE = Duration.ofDays(14);

    record Invitation(String id, String email, Instant createdAt, Instant expiresAt) {}

    private final JdbcClient jdbc;
    private final AccountService accounts;
    private final MailQueue mail;
    private final Links links;
    private final Clock clock;

    Invitations(JdbcClient jdbc, AccountService accounts, MailQueue mail, Links links, Clock clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.mail = mail;
        this.links = links;
        this.clock = clock;
    }

    void invite(Account inviter, String email) {
        String address = email.strip();
        if (accounts.findByEmail(address).isPresent() || mail.suppressed(address)) {
            return;
        }
        long now = clock.millis();
        jdbc.sql("INSERT INTO invitations (id, account_id, email, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")
                .params(Secrets.newId(), inviter.id(), address, now, now + LIFE.toMillis()).update();
        String stop = links.to("/mail/stop?token=" + mail.stopToken(address));
        String text = inviter.name() + " invites you to Arca, a private cloud for photos, videos and music: "
                + links.to("/signup") + "\n\nThe invitation is valid for 14 days. You receive this because "
                + inviter.name() + " entered your address. No more mail from this server: " + stop;
        mail.send(Mail.ofText(address, inviter.name() + " invites you to Arca", text, "invitation",
                Map.of("List-Unsubscribe", "<" + stop + ">")));
    }

    List<Invitation> of(String accountId) {
        return jdbc.sql("SELECT id, email, created_at, expires_at FROM invitations WHERE account_id = ? "
                        + "ORDER BY created_at")
                .param(accountId)
                .query((rs, n) -> new Invitation(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
                        Instant.ofEpochMilli(rs.getLong(4))))
                .list();
    }

    boolean withdraw(String accountId, String id) {
        return jdbc.sql("DELETE FROM invitations WHERE account_id = ? AND id = ?").params(accountId, id).update() > 0;
    }

    /** Accepted: the invited address now has an account, and the invitations to it go. */
    @TransactionalEventListener(fallbackExecution = true)
    void on(AccountRegistered registered) {
        jdbc.sql("DELETE FROM invitations WHERE lower(email) = ?").param(registered.email()).update();
    }

    @Scheduled(fixedDelayString = "${arca.sharing.purge-interval:10m}", initialDelayString = "${arca.sharing.purge-delay:5m}")
    int purgeExpired() {
        return jdbc.sql("DELETE FROM invitations WHERE expires_at <= ?").param(clock.millis()).update();
    }
}
