package dev.arca.sharing;

import dev.arca.accounts.Account;
import dev.arca.accounts.AccountService;
import dev.arca.platform.ApiProblem;
import dev.arca.protocol.api.ProblemTypes;
import java.util.regex.Pattern;

/**
 * What every request that makes Arca mail someone in a user's name checks: the address looks like
 * one, and the user's own address is verified, so no one can use this server to mail strangers
 * under another's name.
 */
final class Senders {

    private static final Pattern ADDRESS = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private Senders() {}

    static boolean address(String email) {
        return email != null && email.strip().length() <= 254 && ADDRESS.matcher(email.strip()).matches();
    }

    /** The signed-in user, when their address is verified; 403 otherwise. */
    static Account verified(AccountService accounts, String accountId) {
        Account account = accounts.find(accountId).orElseThrow();
        if (!account.emailVerified()) {
            throw ApiProblem.forbidden(ProblemTypes.FORBIDDEN,
                    "Verify your own e-mail address first: this mail goes out in your name.");
        }
        return account;
    }
}
