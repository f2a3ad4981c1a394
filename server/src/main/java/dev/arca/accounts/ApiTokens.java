package dev.arca.accounts;

import dev.arca.platform.ArcaPrincipal;
import dev.arca.platform.Secrets;
import dev.arca.platform.TokenAuthenticator;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Bearer tokens for clients, one per signed-in device. The token is shown once; only its
 * SHA-256 is stored (256 random bits need no slow hash).
 */
@Component
class ApiTokens implements TokenAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(ApiTokens.class);
    private static final String PREFIX = "arca_";
    /** last_used_at is refreshed at most this often, so reads do not become writes. */
    private static final long TOUCH_INTERVAL_MS = 60_000;

    record Issued(DeviceToken info, String token) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    private final StaffRoles roles;

    ApiTokens(JdbcClient jdbc, Clock clock, StaffRoles roles) {
        this.roles = roles;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Issued issue(String accountId, String deviceName) {
        String token = Secrets.newToken(PREFIX);
        String id = Secrets.newId();
        long now = clock.millis();
        jdbc.sql("INSERT INTO api_tokens (id, account_id, token_hash, device_name, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(id, accountId, Secrets.sha256Hex(token), deviceName, now).update();
        return new Issued(new DeviceToken(id, deviceName, Instant.ofEpochMilli(now), null), token);
    }

    List<DeviceToken> list(String accountId) {
        return jdbc.sql("SELECT id, device_name, created_at, last_used_at FROM api_tokens WHERE account_id = ? ORDER BY created_at")
                .param(accountId)
                .query((rs, n) -> {
                    long lastUsed = rs.getLong(4);
                    return new DeviceToken(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
                            rs.wasNull() ? null : Instant.ofEpochMilli(lastUsed));
                })
                .list();
    }

    /** Revokes one of the account's tokens; false when it has no such token. */
    boolean revoke(String accountId, String tokenId) {
        return jdbc.sql("DELETE FROM api_tokens WHERE id = ? AND account_id = ?").params(tokenId, accountId).update() == 1;
    }

    /** Revokes every token of the account but {@code keepId} (null to revoke all). */
    void revokeAllExcept(String accountId, String keepId) {
        jdbc.sql("DELETE FROM api_tokens WHERE account_id = ? AND id <> ?").params(accountId, keepId == null ? "" : keepId)
                .update();
    }

    @Override
    public Optional<ArcaPrincipal> authenticate(String bearerToken) {
        if (bearerToken == null || !bearerToken.startsWith(PREFIX) || bearerToken.length() > 100) {
            return Optional.empty();
        }
        String hash = Secrets.sha256Hex(bearerToken);
        Optional<ArcaPrincipal> principal = jdbc.sql("""
                SELECT t.account_id, t.id FROM api_tokens t WHERE t.token_hash = ?""")
                .param(hash)
                .query((rs, n) -> ArcaPrincipal.ofToken(rs.getString(1), java.util.Set.of(), rs.getString(2)))
                .optional()
                .map(p -> p.withRoles(roles.of(p.accountId())));
        if (principal.isPresent()) {
            long now = clock.millis();
            try {
                jdbc.sql("UPDATE api_tokens SET last_used_at = ? WHERE token_hash = ? "
                                + "AND (last_used_at IS NULL OR last_used_at < ?)")
                        .params(now, hash, now - TOUCH_INTERVAL_MS).update();
            } catch (DataAccessException busy) {
                // When a token was last used is a convenience for its owner; a database busy with
                // writes must not turn a valid token into a failed request. The next use tries again.
                LOG.debug("Last use of a token not recorded: {}", busy.getClass().getSimpleName());
            }
        }
        return principal;
    }
}
