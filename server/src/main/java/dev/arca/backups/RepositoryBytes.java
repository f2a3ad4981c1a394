package dev.arca.backups;

import dev.arca.library.HeldBytes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The bytes of an account's encrypted backup repositories (locks aside), which its quota counts with its chunks. */
@Component
class RepositoryBytes implements HeldBytes {

    private final JdbcClient jdbc;

    RepositoryBytes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long of(String accountId) {
        return jdbc.sql("SELECT COALESCE(SUM(size), 0) FROM backup_objects WHERE account_id = ? AND kind <> 'locks'")
                .param(accountId).query(Long.class).single();
    }
}
