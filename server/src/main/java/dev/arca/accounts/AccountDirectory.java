package dev.arca.accounts;

import dev.arca.privacy.SubjectDirectory;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Tells the privacy core which account has an address, so records of mail name the account reached. */
@Component
class AccountDirectory implements SubjectDirectory {

    private final AccountStore store;

    AccountDirectory(AccountStore store) {
        this.store = store;
    }

    @Override
    public Optional<String> accountWithAddress(String address) {
        return store.byEmail(Emails.normalise(address)).map(row -> row.account().id());
    }

    @Override
    public boolean exists(String accountId) {
        return store.byId(accountId).isPresent();
    }
}
