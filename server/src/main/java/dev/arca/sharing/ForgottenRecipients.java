package dev.arca.sharing;

import dev.arca.mail.Mailer;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The mail of people who are no longer recipients (I.2i). When recipients are removed (one by
 * one, with their share, or with the account that shared), mail still queued for an address that
 * nothing names any more is deleted in the same transaction, and the outbox's copies once it has
 * committed. An address still in use keeps its mail: another share's recipient, an account's
 * address, an invitation, or an address change waiting for its confirmation.
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

    /**
     * An erased person's shares go with them, and so does the mail of the recipients only they
     * named. Runs inside the erasure's transaction, before its rows are deleted.
     */
    @org.springframework.context.event.EventListener
    void erasing(dev.arca.privacy.SubjectErasing erasing) {
        List<String> theirs = jdbc.sql("SELECT email FROM share_recipients WHERE account_id = ?")
                .param(erasing.subjectId()).query(String.class).list();
        forget(theirs.stream().distinct().filter(a -> !inUse(a, erasing.subjectId())).toList());
    }

    /** Forgets the mail of those of {@code addresses} (already removed) that nothing names any more. */
    void removed(Collection<String> addresses) {
        forget(addresses.stream().distinct().filter(a -> !inUse(a, null)).toList());
    }

    private void forget(List<String> unused) {
        if (unused.isEmpty()) {
            return;
        }
        unused.forEach(mailer::dropQueued);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    unused.forEach(mailer::forget);
                }
            });
        } else {
            unused.forEach(mailer::forget);
        }
    }

    /** Whether anything but {@code leaving}'s rows (null: nothing is leaving) still names the address. */
    private boolean inUse(String address, String leaving) {
        List<Object> params = new java.util.ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT 0");
        for (String table : List.of("share_recipients", "invitations", "email_tokens", "accounts")) {
            String owner = table.equals("accounts") ? "id" : "account_id";
            sql.append(" + (SELECT COUNT(*) FROM ").append(table).append(" WHERE LOWER(email) = LOWER(?)");
            params.add(address);
            if (leaving != null) {
                sql.append(" AND ").append(owner).append(" <> ?");
                params.add(leaving);
            }
            sql.append(")");
        }
        return jdbc.sql(sql.toString()).params(params).query(Integer.class).single() > 0;
    }
}
