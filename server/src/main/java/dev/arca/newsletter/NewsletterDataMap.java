package dev.arca.newsletter;

import static dev.arca.privacy.DataTable.Column.personal;
import static dev.arca.privacy.DataTable.Column.secret;

import dev.arca.privacy.DataMapContribution;
import dev.arca.privacy.DataTable;
import dev.arca.privacy.Purpose;
import java.util.List;
import org.springframework.stereotype.Component;

/** Newsletter subscriptions (I.6): held while the consent stands. Issues are kept as counts only. */
@Component
class NewsletterDataMap implements DataMapContribution {

    private static final String LIFE = "until the consent is withdrawn or the account is erased";

    @Override
    public List<DataTable> tables() {
        return List.of(
                DataTable.ofSubject("newsletter_subscriptions", "account_id",
                        personal("account_id", "identifier", Purpose.NEWSLETTER, LIFE),
                        personal("state", "subscription", Purpose.NEWSLETTER, LIFE),
                        secret("confirm_token_hash", "credential", Purpose.NEWSLETTER, "until confirmed"),
                        personal("requested_at", "subscription", Purpose.NEWSLETTER, LIFE),
                        personal("confirmed_at", "subscription", Purpose.NEWSLETTER, LIFE)),
                DataTable.notPersonal("newsletters", "id", "subject", "sent", "skipped", "created_at"));
    }
}
