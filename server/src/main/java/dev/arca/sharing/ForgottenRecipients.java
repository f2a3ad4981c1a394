package dev.arca.sharing;

import dev.arca.mail.Mailer;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The mail of people who are no longer recipients (I.2i): once their removal has committed, mail
 * still queued for an address that no share names any more, and the outbox's copies, are deleted.
 * An address that still receives another share, or that belongs to an account, keeps its mail:
 * that relationship still stands.
 */
@Component
class ForgottenRecipients {

    private final JdbcClient jdbc;
    private final Mailer mailer;

    ForgottenRecipients(JdbcClient jdbc, Mailer mailer) {
        this.jdbc = jdbc;
        this.mailer = mailer;
    }

    /** The addresses of the share's recipients (of both kinds), to pass to {@link #removed} after deleting them. */
    List<String> ofShare(String shareId) {
        return jdbc.sql("SELECT email FROM share_recipients WHERE share_id = ?").param(shareId).query(String.class).list();
    }

    /** An erased person's shares go with them, and so does the mail of the recipients only they named. */
    @org.springframework.context.event.EventListener
    void erasing(dev.arca.privacy.SubjectErasing erasing) {
        removed(jdbc.sql("SELECT email FROM share_recipients WHERE account_id = ?").param(erasing.subjectId())
                .query(String.class).list());
    }

    /** Forgets the mail of those of {@code addresses} nobody names any more, after the current transaction commits. */
    void removed(Collection<String> addresses) {
        List<String> distinct = addresses.stream().distinct().toList();
        if (distinct.isEmpty()) {
            return;
        }
        Runnable forget = () -> distinct.stream().filter(this::unused).forEach(mailer::forget);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    forget.run();
                }
            });
        } else {
            forget.run();
        }
    }

    private boolean unused(String address) {
        return jdbc.sql("SELECT (SELECT COUNT(*) FROM share_recipients WHERE LOWER(email) = LOWER(?)) "
                        + "+ (SELECT COUNT(*) FROM accounts WHERE LOWER(email) = LOWER(?))")
                .params(address, address).query(Integer.class).single() == 0;
    }
}
