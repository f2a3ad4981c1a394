package dev.arca.accounts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The accounts table. E-mail addresses are stored normalised (see {@link Emails#normalise}). */
@Repository
class AccountStore {

    private final JdbcClient jdbc;

    AccountStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Row(Account account, String passwordHash) {}

    void insert(Account a, String passwordHash) {
        jdbc.sql("""
                INSERT INTO accounts (id, name, email, email_verified, password_hash, country, language,
                    product_serial, role, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(a.id(), a.name(), a.email(), a.emailVerified(), passwordHash, a.country(), a.language(),
                        a.productSerial(), a.role().name(), a.createdAt().toEpochMilli(), a.updatedAt().toEpochMilli())
                .update();
    }

    Optional<Row> byId(String id) {
        return jdbc.sql("SELECT * FROM accounts WHERE id = ?").param(id).query(AccountStore::map).optional();
    }

    Optional<Row> byEmail(String normalisedEmail) {
        return jdbc.sql("SELECT * FROM accounts WHERE email = ?").param(normalisedEmail).query(AccountStore::map).optional();
    }

    boolean emailTaken(String normalisedEmail, String exceptId) {
        return jdbc.sql("SELECT COUNT(*) FROM accounts WHERE email = ? AND id <> ?").params(normalisedEmail, exceptId)
                .query(Integer.class).single() > 0;
    }

    void update(Account a) {
        jdbc.sql("""
                UPDATE accounts SET name = ?, email = ?, email_verified = ?, country = ?, language = ?,
                    product_serial = ?, role = ?, updated_at = ? WHERE id = ?""")
                .params(a.name(), a.email(), a.emailVerified(), a.country(), a.language(), a.productSerial(),
                        a.role().name(), a.updatedAt().toEpochMilli(), a.id())
                .update();
    }

    void updatePassword(String id, String passwordHash, Instant at) {
        jdbc.sql("UPDATE accounts SET password_hash = ?, updated_at = ? WHERE id = ?")
                .params(passwordHash, at.toEpochMilli(), id).update();
    }

    /** A page of accounts, oldest first. */
    List<Account> page(int offset, int limit) {
        return jdbc.sql("SELECT * FROM accounts ORDER BY created_at, id LIMIT ? OFFSET ?").params(limit, offset)
                .query(AccountStore::map).list().stream().map(Row::account).toList();
    }

    long count() {
        return jdbc.sql("SELECT COUNT(*) FROM accounts").query(Long.class).single();
    }

    private static Row map(ResultSet rs, int n) throws SQLException {
        return new Row(new Account(rs.getString("id"), rs.getString("name"), rs.getString("email"),
                rs.getBoolean("email_verified"), rs.getString("country"), rs.getString("language"),
                rs.getString("product_serial"), Account.Role.valueOf(rs.getString("role")),
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at"))),
                rs.getString("password_hash"));
    }
}
