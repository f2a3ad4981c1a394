package dev.arca.accounts;

import dev.arca.platform.ApiProblem;
import dev.arca.platform.Secrets;
import dev.arca.protocol.api.ProblemTypes;
import java.time.Clock;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Single-use links sent by mail. The token travels only in the mail; the database keeps its
 * SHA-256, so a copy of the database cannot be used to take over an account.
 */
@Component
class EmailTokens {

    enum Use {
        VERIFY_EMAIL(Duration.ofDays(2)), RESET_PASSWORD(Duration.ofHours(1)),
        /** Sent to a new address; carries that address. */
        CHANGE_EMAIL(Duration.ofDays(2)),
        /** Sent to the old address after a change; carries the old address. */
        UNDO_EMAIL_CHANGE(Duration.ofDays(7));

        final Duration lifetime;

        Use(Duration lifetime) {
            this.lifetime = lifetime;
        }
    }

    /** What a redeemed token was for. */
    record Redeemed(String accountId, String email) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    EmailTokens(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Issues a token; earlier unused tokens of the same use for the account stop working. */
    String issue(String accountId, Use use, String email) {
        String token = Secrets.newToken("");
        long now = clock.millis();
        jdbc.sql("UPDATE email_tokens SET used_at = ? WHERE account_id = ? AND purpose = ? AND used_at IS NULL")
                .params(now, accountId, use.name()).update();
        jdbc.sql("INSERT INTO email_tokens (token_hash, account_id, purpose, email, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(Secrets.sha256Hex(token), accountId, use.name(), email, now, now + use.lifetime.toMillis())
                .update();
        return token;
    }

    /**
     * Marks the token used and returns what it was for.
     *
     * @throws ApiProblem 410 when unknown, used, expired or of another use
     */
    Redeemed redeem(String token, Use use) {
        long now = clock.millis();
        String hash = Secrets.sha256Hex(token == null ? "" : token);
        // The conditional update is the single point that decides; two concurrent redemptions
        // cannot both succeed.
        int claimed = jdbc.sql("UPDATE email_tokens SET used_at = ? WHERE token_hash = ? AND purpose = ? "
                        + "AND used_at IS NULL AND expires_at > ?")
                .params(now, hash, use.name(), now).update();
        if (claimed != 1) {
            throw new ApiProblem(HttpStatus.GONE, ProblemTypes.TOKEN_INVALID,
                    "This link has expired or was already used. Ask for a new one.");
        }
        return jdbc.sql("SELECT account_id, email FROM email_tokens WHERE token_hash = ?").param(hash)
                .query((rs, n) -> new Redeemed(rs.getString(1), rs.getString(2))).single();
    }
}
