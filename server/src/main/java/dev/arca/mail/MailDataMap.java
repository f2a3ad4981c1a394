package dev.arca.mail;

import dev.arca.privacy.DataMapContribution;
import dev.arca.privacy.DataTable;
import dev.arca.privacy.Purpose;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The mail queue holds a message with its address only until it is delivered (or, failed, until
 * an administrator retries it); the suppression list holds keyed hashes that name no one; the
 * counts hold no person.
 */
@Component
class MailDataMap implements DataMapContribution {

    private static DataTable.Column personal(String name, String category) {
        return DataTable.Column.personal(name, category, Purpose.ACCOUNT, "until delivered");
    }

    @Override
    public List<DataTable> tables() {
        return List.of(
                // A message is its addressee's: mail to the account's address, and to an address the
                // account is changing to or from (the links for that carry it in email_tokens).
                DataTable.foundBy("mail_queue", "LOWER(to_address) = (SELECT LOWER(email) FROM accounts WHERE id = ?)",
                        DataTable.Column.notPersonal("id"), DataTable.Column.notPersonal("kind"),
                        personal("to_address", "contact"), personal("subject", "message"),
                        personal("text_body", "message"), personal("html_body", "message"),
                        personal("headers", "message"), DataTable.Column.notPersonal("attempts"),
                        DataTable.Column.notPersonal("next_attempt_at"), DataTable.Column.notPersonal("last_error"),
                        DataTable.Column.notPersonal("failed"), DataTable.Column.notPersonal("created_at"))
                        .alsoFoundBy("LOWER(to_address) IN (SELECT LOWER(email) FROM email_tokens WHERE account_id = ?)"),
                DataTable.notPersonal("mail_suppressions", "address_hash", "created_at"),
                DataTable.notPersonal("mail_counts", "day", "kind", "sent"));
    }
}
