package dev.arca.accounts;

import dev.arca.platform.StaffRole;

import dev.arca.platform.Links;
import dev.arca.mail.Mail;
import dev.arca.mail.MailLimits;
import dev.arca.mail.Mailer;
import dev.arca.platform.ApiProblem;
import dev.arca.platform.ArcaPrincipal;
import dev.arca.platform.Secrets;
import dev.arca.platform.SignInThrottledException;
import dev.arca.privacy.ConsentLedger;
import dev.arca.privacy.PolicyVersions;
import dev.arca.privacy.Decision;
import dev.arca.privacy.Mechanism;
import dev.arca.privacy.Origin;
import dev.arca.privacy.Purpose;
import dev.arca.privacy.SubjectErasure;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accounts: registration, verification, sign-in checks, password reset, profile changes and
 * erasure. Logs say what happened, never to which account: no id, name or address (II.2d).
 */
@Service
public class AccountService {

    private static final Logger LOG = LoggerFactory.getLogger(AccountService.class);

    private final AccountStore store;
    private final EmailTokens emailTokens;
    private final SignIns signIns;
    private final SignInLimiter limiter;
    private final ConsentLedger ledger;
    private final PolicyVersions policies;
    private final SubjectErasure erasure;
    private final Mailer mailer;
    private final Links links;
    private final Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final PasswordEncoder passwords = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    /** Compared against when an address is unknown, so both cases take the same time. */
    private final String decoyHash = passwords.encode(Secrets.newToken(""));

    private final TaskExecutor background;
    private final MailLimits mailLimits;
    private final TransactionTemplate tx;
    private final StaffRoles staffRoles;

    AccountService(AccountStore store, EmailTokens emailTokens, SignIns signIns, SignInLimiter limiter,
            ConsentLedger ledger, PolicyVersions policies, SubjectErasure erasure, Mailer mailer, Links links, Clock clock,
            org.springframework.context.ApplicationEventPublisher events,
            @Qualifier("applicationTaskExecutor") TaskExecutor background, MailLimits mailLimits,
            TransactionTemplate tx, StaffRoles staffRoles) {
        this.staffRoles = staffRoles;
        this.mailLimits = mailLimits;
        this.tx = tx;
        this.events = events;
        this.background = background;
        this.store = store;
        this.emailTokens = emailTokens;
        this.signIns = signIns;
        this.limiter = limiter;
        this.ledger = ledger;
        this.policies = policies;
        this.erasure = erasure;
        this.mailer = mailer;
        this.links = links;
        this.clock = clock;
    }

    /**
     * A registration as submitted; {@code consents} are the consent purposes ticked, under the
     * notices of {@code policyVersion} (required when any is ticked).
     */
    public record Registration(String name, String email, String password, String country, String language,
            String productSerial, boolean acceptTerms, Set<Purpose> consents, Integer policyVersion) {
        @Override
        public String toString() {
            return "Registration[consents=" + consents + "]";
        }
    }

    /**
     * Registers an account on the contract basis, records a decision for every consent purpose
     * (granted if ticked, denied otherwise) and mails a verification link. When the address is
     * taken, nothing is stored and the owner of the address is told instead; the caller cannot
     * tell the cases apart. Mail goes out after the account is committed.
     *
     * @throws InvalidFieldsException (400) on any invalid field; nothing is stored
     * @throws dev.arca.limits.RateLimits.Exceeded (429) when too much mail went to the address or network
     */
    public void register(Registration r, Origin origin) {
        ProfileRules.Errors errors = new ProfileRules.Errors().name(r.name()).email(r.email())
                .password("password", r.password()).country(r.country()).language(r.language())
                .serial(r.productSerial());
        if (!r.acceptTerms()) {
            errors.add("acceptTerms", "acceptTerms.required",
                    "An account needs the terms of service: storing your account and your content.");
        }
        if (r.consents() != null && r.consents().stream().anyMatch(p -> !p.needsConsent())) {
            errors.add("consents", "consents.invalid", "Only consent-based purposes can be chosen.");
        }
        if (r.consents() != null && !r.consents().isEmpty()
                && (r.policyVersion() == null || r.policyVersion() != policies.current().version())) {
            errors.add("policyVersion", "policyVersion.changed", "Consents answer the notices of the policy version in "
                    + "force (" + policies.current().version() + "): read them and choose again.");
        }
        if (errors.any()) {
            throw errors.exception();
        }
        String email = Emails.normalise(r.email());
        mailLimits.admit(null, email);
        // Hashed before the address is looked up, so a taken address answers as slowly as a new one.
        String passwordHash = passwords.encode(r.password());
        if (store.byEmail(email).isPresent()) {
            send(email, "Someone tried to register with your address",
                    "Someone tried to create an Arca account with this address, which already has one. If it was you, "
                            + "sign in or reset your password at " + links.to("/password-reset") + ".");
            return;
        }
        Instant now = now();
        Account account = new Account(Secrets.newId(), r.name().strip(), email, false, ProfileRules.country(r.country()),
                ProfileRules.language(r.language()), ProfileRules.serial(r.productSerial()), Account.Role.USER, now, now);
        tx.executeWithoutResult(status -> {
            store.insert(account, passwordHash);
            Mechanism mechanism = origin == Origin.WEB ? Mechanism.CHECKBOX : Mechanism.API_CALL;
            for (Purpose purpose : Purpose.consentBased()) {
                boolean ticked = r.consents() != null && r.consents().contains(purpose);
                ledger.record(account.id(), purpose, ticked ? Decision.GRANT : Decision.DENY, mechanism, origin,
                        "subject", ticked ? policies.shown(r.policyVersion(), purpose) : null);
            }
            // Registering on a page that showed the version in force is reading it: no notice of it is due.
            int version = policies.current().version();
            if (version > 1 && r.policyVersion() != null && r.policyVersion() == version) {
                policies.acknowledge(account.id(), version);
            }
            events.publishEvent(new AccountRegistered(account.id(), email));
        });
        sendVerification(account);
        LOG.info("An account was registered");
    }

    /** Creates or promotes the first administrator from configuration; verified, no consents. */
    @Transactional
    public void ensureAdmin(String email, String password, String name) {
        String normalised = Emails.normalise(email);
        Optional<AccountStore.Row> existing = store.byEmail(normalised);
        if (existing.isPresent()) {
            Account a = existing.get().account();
            if (a.role() != Account.Role.ADMIN) {
                store.update(new Account(a.id(), a.name(), a.email(), a.emailVerified(), a.country(), a.language(),
                        a.productSerial(), Account.Role.ADMIN, a.createdAt(), now()));
                staffRoles.replace(a.id(), java.util.EnumSet.allOf(StaffRole.class));
                LOG.info("The configured administrator's existing account was made an administrator");
            } else if (!staffRoles.of(a.id()).contains(StaffRole.ADMIN)) {
                // The configured administrator can always hand out roles again, whatever it gave up.
                var roles = java.util.EnumSet.of(StaffRole.ADMIN);
                roles.addAll(staffRoles.of(a.id()));
                staffRoles.replace(a.id(), roles);
            }
            return;
        }
        Instant now = now();
        Account admin = new Account(Secrets.newId(), name, normalised, true, "ZZ", "en", null, Account.Role.ADMIN, now, now);
        store.insert(admin, passwords.encode(password));
        // Every role at first, so that a one-person installation works; it can hand them on.
        staffRoles.replace(admin.id(), java.util.EnumSet.allOf(StaffRole.class));
        LOG.info("The configured administrator's account was created");
    }

    /** The account with this address (normalised as at sign-up), if any. */
    public Optional<Account> findByEmail(String email) {
        return store.byEmail(Emails.normalise(email)).map(AccountStore.Row::account);
    }

    public Optional<Account> find(String accountId) {
        return store.byId(accountId).map(AccountStore.Row::account);
    }

    /**
     * Checks credentials under the sign-in limits.
     *
     * @return the account, or empty when the address or password is wrong (never says which)
     * @throws SignInThrottledException when too many attempts failed for the address or network
     */
    public Optional<Account> signIn(String email, String password, String ip) {
        limiter.attempt(email == null ? "" : email, ip);
        Optional<AccountStore.Row> row = store.byEmail(Emails.normalise(email));
        String candidate = password == null || password.length() > ProfileRules.MAX_PASSWORD ? "" : password;
        boolean matches = passwords.matches(candidate, row.map(AccountStore.Row::passwordHash).orElse(decoyHash));
        if (row.isEmpty() || !matches) {
            return Optional.empty();
        }
        limiter.succeeded(email, ip);
        return row.map(AccountStore.Row::account);
    }

    /** Account mail is written in the account's language: German, or else English. */
    private static boolean german(Account account) {
        return "de".equals(account.language());
    }

    /**
     * Mails the account a fresh verification link, when its address is not verified yet.
     *
     * @throws dev.arca.limits.RateLimits.Exceeded (429) when too much mail went out for it
     */
    public void resendVerification(String accountId) {
        Account account = find(accountId).orElseThrow(() -> ApiProblem.notFound("Account"));
        if (account.emailVerified()) {
            throw ApiProblem.conflict("The address is already verified.");
        }
        mailLimits.admit(accountId, account.email());
        sendVerification(account);
    }

    /** Mails a fresh verification link to the account's current address. */
    private void sendVerification(Account account) {
        String token = emailTokens.issue(account.id(), EmailTokens.Use.VERIFY_EMAIL, account.email());
        String link = links.to("/verify?token=" + token);
        if (german(account)) {
            send(account.email(), "Bestätigen Sie Ihre E-Mail-Adresse für Arca",
                    "Hallo,\n\nbitte bestätigen Sie diese Adresse für Ihr Arca-Konto, indem Sie innerhalb von zwei "
                            + "Tagen diesen Link öffnen:\n" + link
                            + "\n\nWenn Sie sich nicht registriert haben, ignorieren Sie diese Nachricht.");
            return;
        }
        send(account.email(), "Confirm your e-mail address for Arca",
                "Hello,\n\nplease confirm this address for your Arca account by opening this link within two days:\n"
                        + link + "\n\nIf you did not register, ignore this message.");
    }

    /** Marks the address verified if it is still the account's address. */
    @Transactional
    public Account verify(String token) {
        EmailTokens.Redeemed redeemed = emailTokens.redeem(token, EmailTokens.Use.VERIFY_EMAIL);
        Account a = find(redeemed.accountId()).orElseThrow(() -> ApiProblem.notFound("Account"));
        if (!a.email().equals(redeemed.email())) {
            throw ApiProblem.conflict("The account's address changed since this link was sent.");
        }
        Account verified = new Account(a.id(), a.name(), a.email(), true, a.country(), a.language(), a.productSerial(),
                a.role(), a.createdAt(), now());
        store.update(verified);
        return verified;
    }

    /**
     * Mails a reset link if the address belongs to an account and is verified. The caller learns
     * nothing either way, not even from the time the answer takes: the work is done in the
     * background.
     */
    public void requestPasswordReset(String email) {
        if (!Emails.valid(email)) {
            return;
        }
        String normalised = Emails.normalise(email);
        mailLimits.admit(null, normalised);
        background.execute(() -> store.byEmail(normalised).map(AccountStore.Row::account)
                .filter(Account::emailVerified)
                .ifPresent(this::sendReset));
    }

    private void sendReset(Account account) {
        String token = emailTokens.issue(account.id(), EmailTokens.Use.RESET_PASSWORD, account.email());
        String link = links.to("/password-reset/confirm?token=" + token);
        if (german(account)) {
            send(account.email(), "Neues Passwort für Arca",
                    "Hallo,\n\nöffnen Sie diesen Link innerhalb einer Stunde, um ein neues Passwort zu wählen:\n"
                            + link + "\n\nWenn Sie das nicht angefordert haben, ignorieren Sie diese Nachricht; Ihr "
                            + "Passwort bleibt, wie es ist.");
            return;
        }
        send(account.email(), "Reset your Arca password",
                "Hello,\n\nopen this link within one hour to choose a new password:\n" + link
                        + "\n\nIf you did not ask for this, ignore this message; your password stays as it is.");
    }

    /** Sets a new password from a reset link; every web session and bearer token of the account ends. */
    @Transactional
    public void resetPassword(String token, String newPassword) {
        ProfileRules.Errors errors = new ProfileRules.Errors().password("password", newPassword);
        if (errors.any()) {
            throw errors.exception();
        }
        EmailTokens.Redeemed redeemed = emailTokens.redeem(token, EmailTokens.Use.RESET_PASSWORD);
        store.updatePassword(redeemed.accountId(), passwords.encode(newPassword), now());
        signIns.endAllBut(redeemed.accountId(), null);
        LOG.info("A password was reset by mail link");
    }

    /** A change to the profile; null fields stay as they are, an empty serial removes it. */
    public record ProfileChange(String name, String email, String country, String language, String productSerial,
            String newPassword, String currentPassword) {
        @Override
        public String toString() {
            return "ProfileChange";
        }
    }

    /**
     * What a profile change did.
     *
     * @param principal the credential to go on with: a web session is restamped when the change
     *     ended every other sign-in
     * @param emailChangePending a new address waits for its link to be opened
     */
    public record Amended(Account account, ArcaPrincipal principal, boolean emailChangePending) {}

    /**
     * Applies a profile change (I.2i). A new address or a new password needs the current password,
     * so a stolen session or token cannot take the account over. A new address takes effect
     * only when the link mailed to it is opened; the answer is the same whether or not the
     * address belongs to another account (its owner is told by mail instead). A new password
     * ends every other session and token.
     *
     * @throws dev.arca.limits.RateLimits.Exceeded (429) when too much mail went out for a new address
     */
    public Amended amend(ArcaPrincipal me, ProfileChange c) {
        AccountStore.Row row = store.byId(me.accountId()).orElseThrow(() -> ApiProblem.notFound("Account"));
        Account a = row.account();
        ProfileRules.Errors errors = new ProfileRules.Errors();
        if (c.name() != null) {
            errors.name(c.name());
        }
        if (c.email() != null) {
            errors.email(c.email());
        }
        if (c.country() != null) {
            errors.country(c.country());
        }
        if (c.language() != null) {
            errors.language(c.language());
        }
        errors.serial(c.productSerial());
        if (c.newPassword() != null) {
            errors.password("newPassword", c.newPassword());
        }
        String newEmail = c.email() == null || errors.has("email") ? null : Emails.normalise(c.email());
        boolean emailChange = newEmail != null && !newEmail.equals(a.email());
        if ((emailChange || c.newPassword() != null) && !passwordMatches(c.currentPassword(), row.passwordHash())) {
            errors.add("currentPassword", "currentPassword.wrong",
                    "A new address or password needs the current password, and it is wrong or missing.");
        }
        if (errors.any()) {
            throw errors.exception();
        }
        if (emailChange) {
            mailLimits.admit(a.id(), newEmail);
        }
        Account amended = new Account(a.id(), c.name() == null ? a.name() : c.name().strip(), a.email(),
                a.emailVerified(),
                c.country() == null ? a.country() : ProfileRules.country(c.country()),
                c.language() == null ? a.language() : ProfileRules.language(c.language()),
                c.productSerial() == null ? a.productSerial() : ProfileRules.serial(c.productSerial()),
                a.role(), a.createdAt(), now());
        String newHash = c.newPassword() == null ? null : passwords.encode(c.newPassword());
        ArcaPrincipal keep = tx.execute(status -> {
            store.update(amended);
            if (newHash == null) {
                return me;
            }
            store.updatePassword(a.id(), newHash, now());
            return signIns.endAllBut(a.id(), me);
        });
        if (newHash != null) {
            LOG.info("A password was changed; the account's other sign-ins ended");
        }
        if (emailChange) {
            requestEmailChange(amended, newEmail);
        }
        return new Amended(amended, keep, emailChange);
    }

    private boolean passwordMatches(String candidate, String hash) {
        return candidate != null && candidate.length() <= ProfileRules.MAX_PASSWORD && passwords.matches(candidate, hash);
    }

    /**
     * Mails the new address a link that finishes the change, or, when the address belongs to
     * another account, tells its owner that someone tried to use it. Either way a token is
     * issued and a message is sent, so neither the answer nor its time says which.
     */
    private void requestEmailChange(Account account, String newEmail) {
        String token = emailTokens.issue(account.id(), EmailTokens.Use.CHANGE_EMAIL, newEmail);
        if (store.emailTaken(newEmail, account.id())) {
            send(newEmail, "Someone tried to use your address for an Arca account",
                    "Hello,\n\nsomeone asked to move another Arca account to this address, which already has an "
                            + "account. Nothing was changed. If it was you, sign in with this address instead.");
            return;
        }
        String link = links.to("/email-change/confirm?token=" + token);
        send(newEmail, "Confirm your new address for Arca",
                "Hello,\n\nopen this link within two days to use this address for your Arca account:\n" + link
                        + "\n\nUntil then the account keeps its old address. If you did not ask for this, ignore "
                        + "this message.");
    }

    /**
     * Finishes an address change from the link mailed to the new address: the new address is
     * verified by this. The old address is told and gets a link to undo the change for
     * {@link EmailTokens.Use#UNDO_EMAIL_CHANGE}'s lifetime.
     *
     * @throws ApiProblem 410 when the link is unknown, used or expired; 409 when the address
     *     was taken meanwhile
     */
    @Transactional
    public Account confirmEmailChange(String token) {
        EmailTokens.Redeemed redeemed = emailTokens.redeem(token, EmailTokens.Use.CHANGE_EMAIL);
        Account a = find(redeemed.accountId()).orElseThrow(() -> ApiProblem.notFound("Account"));
        if (store.emailTaken(redeemed.email(), a.id())) {
            throw ApiProblem.conflict("This address belongs to another account.");
        }
        String old = a.email();
        Account changed = new Account(a.id(), a.name(), redeemed.email(), true, a.country(), a.language(),
                a.productSerial(), a.role(), a.createdAt(), now());
        store.update(changed);
        String undo = emailTokens.issue(a.id(), EmailTokens.Use.UNDO_EMAIL_CHANGE, old);
        String link = links.to("/email-change/undo?token=" + undo);
        send(old, "The address of your Arca account was changed",
                "Hello,\n\nyour Arca account now uses the address " + redeemed.email() + " instead of this one.\n\n"
                        + "If you did not do this, open this link within " + EmailTokens.Use.UNDO_EMAIL_CHANGE.lifetime.toDays()
                        + " days: it brings this address back, signs out every device and lets you choose a new "
                        + "password:\n" + link);
        LOG.info("An account's address was changed");
        return changed;
    }

    /**
     * Undoes an address change from the link mailed to the old address: the old address comes
     * back, every session and token ends, and a password reset for it begins.
     *
     * @return a reset token for the old address, to choose a new password with at once
     * @throws ApiProblem 410 when the link is unknown, used or expired; 409 when the old
     *     address was taken meanwhile
     */
    @Transactional
    public String undoEmailChange(String token) {
        EmailTokens.Redeemed redeemed = emailTokens.redeem(token, EmailTokens.Use.UNDO_EMAIL_CHANGE);
        Account a = find(redeemed.accountId()).orElseThrow(() -> ApiProblem.notFound("Account"));
        if (store.emailTaken(redeemed.email(), a.id())) {
            throw ApiProblem.conflict("This address belongs to another account.");
        }
        store.update(new Account(a.id(), a.name(), redeemed.email(), true, a.country(), a.language(),
                a.productSerial(), a.role(), a.createdAt(), now()));
        signIns.endAllBut(a.id(), null);
        LOG.info("An address change was undone; every sign-in of the account ended");
        return emailTokens.issue(a.id(), EmailTokens.Use.RESET_PASSWORD, redeemed.email());
    }

    /**
     * Erases the account and everything classified as its personal data, after checking the
     * password once more.
     *
     * @throws ApiProblem 403 when the password is wrong; nothing is erased
     */
    @Transactional
    public void erase(String accountId, String password) {
        AccountStore.Row row = store.byId(accountId).orElseThrow(() -> ApiProblem.notFound("Account"));
        if (password == null || password.length() > ProfileRules.MAX_PASSWORD
                || !passwords.matches(password, row.passwordHash())) {
            throw ApiProblem.forbidden(dev.arca.protocol.api.ProblemTypes.BAD_CREDENTIALS, "The password is wrong.");
        }
        // Mail still queued for the address, and the outbox's copies, go once the erasure stands,
        // and before the database is compacted after it.
        String address = row.account().email();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                mailer.forget(address);
            }
        });
        erasure.erase(accountId);
        LOG.info("An account was erased");
    }

    /** Sends account mail; a failure is logged and does not undo the operation that caused it. */
    void send(String to, String subject, String text) {
        try {
            mailer.send(Mail.ofText(to, subject, text, Mail.TRANSACTIONAL, java.util.Map.of()));
        } catch (Mailer.MailFailedException e) {
            LOG.warn("Mail '{}' could not be sent: {}", subject, e.getMessage());
        }
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.millis());
    }
}
