package dev.arca.accounts;

import dev.arca.platform.ArcaPrincipal;
import dev.arca.platform.SessionCheck;
import java.time.Clock;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Every way an account is signed in: web sessions and bearer tokens. Ending them is decided
 * here and stored in the database ({@code accounts.sessions_valid_from}, {@code api_tokens}),
 * so it holds on every node at once.
 */
@Component
class SignIns implements SessionCheck {

    private final JdbcClient jdbc;
    private final ApiTokens tokens;
    private final Clock clock;

    private final StaffRoles roles;

    SignIns(JdbcClient jdbc, ApiTokens tokens, Clock clock, StaffRoles roles) {
        this.roles = roles;
        this.jdbc = jdbc;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** A new web session's principal. */
    ArcaPrincipal startSession(Account account) {
        return ArcaPrincipal.ofSession(account.id(), roles.of(account.id()), clock.millis());
    }

    /**
     * Ends every web session and bearer token of the account except {@code current} (null to
     * end all).
     *
     * @return the principal to keep for the current credential: a session is restamped so that
     *     it outlives the end of the others; a token is returned as it is
     */
    ArcaPrincipal endAllBut(String accountId, ArcaPrincipal current) {
        // One past now: a session that signed in within this very millisecond, before the change, ends too.
        long validFrom = clock.millis() + 1;
        jdbc.sql("UPDATE accounts SET sessions_valid_from = ? WHERE id = ?").params(validFrom, accountId).update();
        tokens.revokeAllExcept(accountId, current == null ? null : current.tokenId());
        if (current == null || !current.session()) {
            return current;
        }
        return ArcaPrincipal.ofSession(current.accountId(), current.roles(), validFrom);
    }

    @Override
    public Optional<ArcaPrincipal> recheck(ArcaPrincipal fromSession) {
        return jdbc.sql("SELECT sessions_valid_from FROM accounts WHERE id = ?").param(fromSession.accountId())
                .query(Long.class)
                .optional()
                .filter(validFrom -> fromSession.signedInAt() >= validFrom)
                .map(validFrom -> {
                    var now = roles.of(fromSession.accountId());
                    return now.equals(fromSession.roles()) ? fromSession : fromSession.withRoles(now);
                });
    }
}
