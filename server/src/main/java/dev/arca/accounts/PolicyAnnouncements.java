package dev.arca.accounts;

import dev.arca.platform.Links;
import dev.arca.privacy.PolicyVersion;
import dev.arca.privacy.PolicyVersionAdopted;
import dev.arca.privacy.PolicyVersions;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tells every account holder by e-mail that a new policy version is in force (III). Each
 * account with a verified address is claimed in {@code policy_announcements} before its mail is queued, so it is told once
 * whichever node sends and however often sending restarts; a node that starts picks up the
 * current version's remaining accounts. Accounts registered after the adoption are not told: they
 * registered under the new version.
 */
@Component
class PolicyAnnouncements {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyAnnouncements.class);
    private static final int PAGE = 100;

    private final JdbcClient jdbc;
    private final PolicyVersions policies;
    private final AccountService accounts;
    private final Links links;
    private final Clock clock;

    PolicyAnnouncements(JdbcClient jdbc, PolicyVersions policies, AccountService accounts, Links links, Clock clock) {
        this.jdbc = jdbc;
        this.policies = policies;
        this.accounts = accounts;
        this.links = links;
        this.clock = clock;
    }

    /** After the adoption commits, outside any transaction and off the thread that adopted. */
    @TransactionalEventListener(fallbackExecution = true)
    void adopted(PolicyVersionAdopted event) {
        policies.version(event.version()).ifPresent(this::announceInBackground);
    }

    @EventListener(ApplicationReadyEvent.class)
    void resume() {
        PolicyVersion current = policies.current();
        if (current.version() > 1) {
            announceInBackground(current);
        }
    }

    private void announceInBackground(PolicyVersion version) {
        Thread.ofVirtual().name("policy-announcements").start(() -> {
            try {
                int told = announce(version);
                if (told > 0) {
                    LOG.info("Policy version {} announced by e-mail to {} accounts", version.version(), told);
                }
            } catch (RuntimeException e) {
                LOG.error("Announcing policy version {} stopped; the next start resumes it", version.version(), e);
            }
        });
    }

    /** Mails every account not yet told of {@code version}; returns how many this call told. */
    int announce(PolicyVersion version) {
        int told = 0;
        while (true) {
            List<String> untold = jdbc.sql("SELECT id FROM accounts a WHERE created_at < ? AND email_verified = true AND NOT EXISTS "
                            + "(SELECT 1 FROM policy_announcements p WHERE p.account_id = a.id AND p.version = ?) "
                            + "ORDER BY id LIMIT ?")
                    .params(version.publishedAt().toEpochMilli(), version.version(), PAGE)
                    .query(String.class).list();
            if (untold.isEmpty()) {
                return told;
            }
            for (String accountId : untold) {
                int claimed = jdbc.sql("INSERT INTO policy_announcements (account_id, version, mailed_at) VALUES (?, ?, ?) "
                                + "ON CONFLICT (account_id, version) DO NOTHING")
                        .params(accountId, version.version(), clock.millis()).update();
                if (claimed == 1) {
                    accounts.find(accountId).ifPresent(account -> mail(account, version));
                    told++;
                }
            }
        }
    }

    private void mail(Account account, PolicyVersion version) {
        String link = links.to("/privacy/versions/" + version.version());
        if ("de".equals(account.language())) {
            accounts.send(account.email(), "Arcas Datenschutzerklärung hat sich geändert",
                    "Hallo,\n\nseit " + version.publishedAt().toString().substring(0, 10)
                            + " gilt Version " + version.version() + " der Datenschutzerklärung dieses Arca-Servers.\n\n"
                            + "Was sich geändert hat: " + version.summary() + "\n\nDer vollständige Text und alle "
                            + "früheren Versionen: " + link + "\n\nBetrifft die Änderung etwas, dem Sie zugestimmt "
                            + "haben, fragt Arca Sie erneut, bevor es sich darauf stützt.");
            return;
        }
        accounts.send(account.email(), "Arca's privacy policy has changed",
                "Hello,\n\nsince " + version.publishedAt().toString().substring(0, 10) + ", version " + version.version()
                        + " of this Arca server's privacy policy is in force.\n\nWhat changed: " + version.summary()
                        + "\n\nThe full text and every earlier version: " + link + "\n\nIf the change concerns "
                        + "something you agreed to, Arca asks you again before relying on it.");
    }
}
