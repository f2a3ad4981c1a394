package dev.arca.library;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Each account's storage quota: the configured default unless an administrator set another. */
@Service
public class Quotas {

    private final JdbcClient jdbc;
    private final LibraryProperties properties;

    Quotas(JdbcClient jdbc, LibraryProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    public long quotaOf(String accountId) {
        return jdbc.sql("SELECT quota_bytes FROM account_quotas WHERE account_id = ?").param(accountId)
                .query(Long.class).optional()
                .orElse(properties.defaultQuota().toBytes());
    }

    /** Sets the account's quota; null returns it to the default. False when there is no such account. */
    public boolean setQuota(String accountId, Long bytes) {
        boolean exists = jdbc.sql("SELECT COUNT(*) FROM accounts WHERE id = ?").param(accountId)
                .query(Integer.class).single() > 0;
        if (!exists) {
            return false;
        }
        jdbc.sql("DELETE FROM account_quotas WHERE account_id = ?").param(accountId).update();
        if (bytes != null) {
            jdbc.sql("INSERT INTO account_quotas (account_id, quota_bytes) VALUES (?, ?)").params(accountId, bytes)
                    .update();
        }
        return true;
    }
}
