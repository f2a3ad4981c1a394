package dev.arca.accounts;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * User names: optional, chosen by the user, unique, lower case. A user name is there to be found:
 * whoever knows it can share with its account. Without one, an account can be reached only by its
 * e-mail address.
 */
@Service
public class Usernames {

    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9._-]{2,29}");

    /** The name is taken by another account. */
    public static final class TakenException extends RuntimeException {
        TakenException() {
            super("taken", null, false, false);
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    Usernames(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** 3 to 30 characters: letters a-z, digits, '.', '_' and '-', starting with a letter or digit. */
    public static boolean valid(String username) {
        return username != null && VALID.matcher(username.toLowerCase(Locale.ROOT)).matches();
    }

    /** Sets (or, with null, removes) the account's user name. */
    @Transactional
    public void choose(String accountId, String username) {
        jdbc.sql("DELETE FROM usernames WHERE account_id = ?").param(accountId).update();
        if (username == null) {
            return;
        }
        int inserted = jdbc.sql("INSERT INTO usernames (account_id, username, chosen_at) VALUES (?, ?, ?) "
                        + "ON CONFLICT DO NOTHING")
                .params(accountId, username.toLowerCase(Locale.ROOT), clock.millis()).update();
        if (inserted == 0) {
            throw new TakenException();
        }
    }

    public Optional<String> of(String accountId) {
        return jdbc.sql("SELECT username FROM usernames WHERE account_id = ?").param(accountId).query(String.class)
                .optional();
    }

    /** The account with this user name. */
    public Optional<String> account(String username) {
        if (!valid(username)) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT account_id FROM usernames WHERE username = ?")
                .param(username.toLowerCase(Locale.ROOT)).query(String.class).optional();
    }
}
