package dev.arca.accounts;

import dev.arca.web.LanguagePreference;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Pages speak the language chosen in the account's profile. */
@Component
class AccountLanguage implements LanguagePreference {

    private final AccountService accounts;

    AccountLanguage(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    public Optional<String> of(String accountId) {
        return accounts.find(accountId).map(Account::language);
    }
}
