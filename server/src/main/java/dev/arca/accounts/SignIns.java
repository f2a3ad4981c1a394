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

    SignIns(JdbcClient jdbc, ApiTokens tokens, Clock clock) {
        this.jdbc = jdbc;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** A new web session's principal. */
    ArcaPrincipal startSession(Account account) {
        return ArcaPrincipal.ofSession(account.id(), account.role() == Account.Role.ADMIN, clock.millis());
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
        return ArcaPrincipal.ofSession(current.accountId(), current.admin(), validFrom);
    }

    @Override
    public Optional<ArcaPrincipal> recheck(ArcaPrincipal fromSession) {
        record State(boolean admin, long validFrom) {}
        return jdbc.sql("SELECT role, sessions_valid_from FROM accounts WHERE id = ?").param(fromSession.accountId())
                .query((rs, n) -> new State(Account.Role.ADMIN.name().equals(rs.getString(1)), rs.getLong(2)))
                .optional()
                .filter(state -> fromSession.signedInAt() >= state.validFrom())
                .map(state -> state.admin() == fromSession.admin() ? fromSession
                        : ArcaPrincipal.ofSession(fromSession.accountId(), state.admin(), fromSession.signedInAt()));
    }
}
