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
                new DataTable("mail_queue", null, false, List.of(
                        DataTable.Column.notPersonal("id"), DataTable.Column.notPersonal("kind"),
                        personal("to_address", "contact"), personal("subject", "message"),
                        personal("text_body", "message"), personal("html_body", "message"),
                        personal("headers", "message"), DataTable.Column.notPersonal("attempts"),
                        DataTable.Column.notPersonal("next_attempt_at"), DataTable.Column.notPersonal("last_error"),
                        DataTable.Column.notPersonal("failed"), DataTable.Column.notPersonal("created_at"))),
                DataTable.notPersonal("mail_suppressions", "address_hash", "created_at"),
                DataTable.notPersonal("mail_counts", "day", "kind", "sent"));
    }
}
