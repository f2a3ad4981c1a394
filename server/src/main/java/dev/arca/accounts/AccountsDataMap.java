package dev.arca.accounts;

import static dev.arca.privacy.DataTable.Column.personal;
import static dev.arca.privacy.DataTable.Column.secret;

import dev.arca.privacy.DataMapContribution;
import dev.arca.privacy.DataTable;
import dev.arca.privacy.Purpose;
import java.util.List;
import org.springframework.stereotype.Component;

@Component
class AccountsDataMap implements DataMapContribution {

    private static final String WHILE_ACCOUNT = "as long as the account exists";
    private static final String LINK_LIFE = "until used or expired, then with the account";

    @Override
    public List<DataTable> tables() {
        return List.of(
                DataTable.subjectRoot("accounts", "id",
                        personal("id", "identifier", Purpose.ACCOUNT, WHILE_ACCOUNT),
                        personal("name", "identity", Purpose.ACCOUNT, WHILE_ACCOUNT),
                        personal("email", "contact", Purpose.ACCOUNT, WHILE_ACCOUNT),
                        personal("email_verified", "contact", Purpose.ACCOUNT, WHILE_ACCOUNT),
                        secret("password_hash", "credential", Purpose.ACCOUNT, WHILE_ACCOUNT),
                        personal("country", "demographic", Purpose.ACCOUNT, WHILE_ACCOUNT),
                        personal("language", "preference", Purpose.ACCOUNT, WHILE_ACCOUNT),
                        personal("product_serial", "product registration", Purpose.ACCOUNT, WHILE_ACCOUNT),
                        personal("role", "account", Purpose.ACCOUNT, WHILE_ACCOUNT),
                        personal("created_at", "account", Purpose.ACCOUNT, WHILE_ACCOUNT),
                        personal("updated_at", "account", Purpose.ACCOUNT, WHILE_ACCOUNT),
                        personal("sessions_valid_from", "account", Purpose.ACCOUNT, WHILE_ACCOUNT)),
                DataTable.ofSubject("usernames", "account_id",
                        personal("account_id", "identifier", Purpose.ACCOUNT, WHILE_ACCOUNT),
                        personal("username", "identity", Purpose.ACCOUNT, "until changed, or the account is erased"),
                        personal("chosen_at", "identity", Purpose.ACCOUNT, WHILE_ACCOUNT)),
                DataTable.ofSubject("email_tokens", "account_id",
                        secret("token_hash", "credential", Purpose.ACCOUNT, LINK_LIFE),
                        personal("account_id", "identifier", Purpose.ACCOUNT, LINK_LIFE),
                        personal("purpose", "account", Purpose.ACCOUNT, LINK_LIFE),
                        personal("email", "contact", Purpose.ACCOUNT, LINK_LIFE),
                        personal("created_at", "account", Purpose.ACCOUNT, LINK_LIFE),
                        personal("expires_at", "account", Purpose.ACCOUNT, LINK_LIFE),
                        personal("used_at", "account", Purpose.ACCOUNT, LINK_LIFE)),
                DataTable.ofSubject("api_tokens", "account_id",
                        personal("id", "device", Purpose.ACCOUNT, "until revoked"),
                        personal("account_id", "identifier", Purpose.ACCOUNT, "until revoked"),
                        secret("token_hash", "credential", Purpose.ACCOUNT, "until revoked"),
                        personal("device_name", "device", Purpose.ACCOUNT, "until revoked"),
                        personal("created_at", "device", Purpose.ACCOUNT, "until revoked"),
                        personal("last_used_at", "device", Purpose.ACCOUNT, "until revoked")),
                DataTable.ofSubject("correction_requests", "account_id",
                        personal("id", "correction request", Purpose.ACCOUNT, WHILE_ACCOUNT),
                        personal("account_id", "identifier", Purpose.ACCOUNT, WHILE_ACCOUNT),
                        personal("subject", "correction request", Purpose.ACCOUNT, WHILE_ACCOUNT),
                        personal("details", "correction request", Purpose.ACCOUNT, WHILE_ACCOUNT),
                        personal("status", "correction request", Purpose.ACCOUNT, WHILE_ACCOUNT),
                        personal("answer", "correction request", Purpose.ACCOUNT, WHILE_ACCOUNT),
                        personal("resolved_by", "correction request", Purpose.ACCOUNT, WHILE_ACCOUNT),
                        personal("created_at", "correction request", Purpose.ACCOUNT, WHILE_ACCOUNT),
                        personal("resolved_at", "correction request", Purpose.ACCOUNT, WHILE_ACCOUNT)),
                DataTable.ofSubject("policy_announcements", "account_id",
                        personal("account_id", "identifier", Purpose.ACCOUNT, WHILE_ACCOUNT),
                        personal("version", "policy announcement", Purpose.ACCOUNT, WHILE_ACCOUNT),
                        personal("mailed_at", "policy announcement", Purpose.ACCOUNT, WHILE_ACCOUNT)),
                DataTable.personalOfSubject("staff_roles", "account_id", "operator role", Purpose.SECURITY,
                        "until the role is taken away or the account is erased", "account_id", "role", "granted_at"));
    }
}
