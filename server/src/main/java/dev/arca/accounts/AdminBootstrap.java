package dev.arca.accounts;

import dev.arca.platform.ArcaProperties;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Creates the first administrator from {@code ARCA_ADMIN_EMAIL} and {@code ARCA_ADMIN_PASSWORD}
 * (or {@code --arca.admin.email=... --arca.admin.password=...}). There is no default password.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    private final ArcaProperties properties;
    private final AccountService accounts;

    AdminBootstrap(ArcaProperties properties, AccountService accounts) {
        this.properties = properties;
        this.accounts = accounts;
    }

    @Override
    public void run(ApplicationArguments args) {
        ArcaProperties.Admin admin = properties.admin();
        if (admin.email() == null || admin.email().isBlank()) {
            return;
        }
        if (!Emails.valid(admin.email()) || admin.password() == null || admin.password().length() < 12
                || admin.password().length() > ProfileRules.MAX_PASSWORD) {
            throw new IllegalStateException("ARCA_ADMIN_EMAIL needs a valid address and ARCA_ADMIN_PASSWORD "
                    + "a password of at least 12 characters.");
        }
        accounts.ensureAdmin(admin.email(), admin.password(), admin.name());
    }
}
