package dev.arca.newsletter;

import dev.arca.accounts.Account;
import dev.arca.accounts.AccountService;
import dev.arca.mail.Mail;
import dev.arca.mail.MailQueue;
import dev.arca.platform.Links;
import dev.arca.platform.KeyDirectory;
import dev.arca.platform.Secrets;
import dev.arca.privacy.ConsentGranted;
import dev.arca.privacy.ConsentLedger;
import dev.arca.privacy.ConsentWithdrawn;
import dev.arca.privacy.Decision;
import dev.arca.privacy.Mechanism;
import dev.arca.privacy.NoticeShown;
import dev.arca.privacy.Origin;
import dev.arca.privacy.Purpose;
import dev.arca.privacy.PurposeGate;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.util.HtmlUtils;

/**
 * Subscriptions and issues. Granting the newsletter consent (at sign-up or later) starts a
 * pending subscription and mails a confirmation link; only using it confirms, and the ledger
 * records both steps. Withdrawing the consent, by any way, ends the subscription. Issues go to
 * confirmed subscribers whose consent still stands and whose address is not suppressed, in
 * their language, each with its own one-click unsubscribe link.
 */
@Service
class Newsletter {

    /** A subscriber's unsubscribe token: the account id and a keyed hash of it, so it needs no storage. */
    private static final String TOKEN_SEPARATOR = ".";

    /** One language's version of an issue. */
    record Version(String subject, String text) {}

    /** What a send did. */
    record Sent(String id, int sent, int skipped) {}

    private final JdbcClient jdbc;
    private final AccountService accounts;
    private final ConsentLedger ledger;
    private final PurposeGate gate;
    private final MailQueue mail;
    private final Links links;
    private final Clock clock;
    private final byte[] key;
    private final String from;

    Newsletter(JdbcClient jdbc, AccountService accounts, ConsentLedger ledger, PurposeGate gate, MailQueue mail,
            Links links, Clock clock, KeyDirectory keys,
            @Value("${arca.mail.from:Arca <arca@localhost>}") String from) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.ledger = ledger;
        this.gate = gate;
        this.mail = mail;
        this.links = links;
        this.clock = clock;
        this.key = keys.secret("newsletter");
        this.from = from.replaceAll(".*<([^>]+)>.*", "$1");
    }

    /** The first step of the double opt-in: a pending subscription and the confirmation mail. */
    @TransactionalEventListener(fallbackExecution = true)
    void on(ConsentGranted granted) {
        if (granted.purpose() != Purpose.NEWSLETTER || granted.mechanism() == Mechanism.DOUBLE_OPT_IN_LINK) {
            return;
        }
        Optional<Account> account = accounts.find(granted.subjectId());
        if (account.isEmpty()) {
            return;
        }
        String token = Secrets.newToken("");
        jdbc.sql("DELETE FROM newsletter_subscriptions WHERE account_id = ?").param(granted.subjectId()).update();
        jdbc.sql("INSERT INTO newsletter_subscriptions (account_id, state, confirm_token_hash, requested_at) "
                        + "VALUES (?, 'pending', ?, ?)")
                .params(granted.subjectId(), Secrets.sha256Hex(token), clock.millis()).update();
        String link = links.to("/newsletter/confirm?token=" + token);
        boolean german = "de".equals(account.get().language());
        String subject = german ? "Bitte bestätigen Sie den Arca-Newsletter" : "Please confirm Arca's newsletter";
        String text = german
                ? "Sie haben den Newsletter von Arca bestellt. Bestätigen Sie hier: " + link
                        + "\n\nWenn Sie ihn nicht bestellt haben, ignorieren Sie diese Nachricht: Sie erhalten keinen."
                : "You asked for Arca's newsletter. Confirm here: " + link
                        + "\n\nIf you did not, ignore this message: you will receive none.";
        mail.send(Mail.ofText(account.get().email(), subject, text, "newsletter", Map.of()));
    }

    /** Withdrawing the consent, in any way, ends the subscription. */
    @TransactionalEventListener(fallbackExecution = true)
    void on(ConsentWithdrawn withdrawn) {
        if (withdrawn.purpose() == Purpose.NEWSLETTER) {
            jdbc.sql("DELETE FROM newsletter_subscriptions WHERE account_id = ?").param(withdrawn.subjectId()).update();
        }
    }

    /** Whether the confirmation token is one of a pending subscription. */
    boolean pending(String token) {
        return token != null && jdbc.sql("SELECT COUNT(*) FROM newsletter_subscriptions WHERE confirm_token_hash = ? "
                        + "AND state = 'pending'").param(Secrets.sha256Hex(token)).query(Integer.class).single() > 0;
    }

    /**
     * The second step: the subscriber used the link and confirmed on the page that showed the
     * notice; false when the token is unknown or used.
     *
     * @throws dev.arca.privacy.NoticeChangedException when the page showed a notice no longer in
     *     force; the subscription stays pending
     */
    boolean confirm(String token, NoticeShown shown) {
        if (token == null) {
            return false;
        }
        Optional<String> account = jdbc.sql("SELECT account_id FROM newsletter_subscriptions WHERE "
                        + "confirm_token_hash = ? AND state = 'pending'")
                .param(Secrets.sha256Hex(token)).query(String.class).optional();
        if (account.isEmpty()) {
            return false;
        }
        ledger.record(account.get(), Purpose.NEWSLETTER, Decision.GRANT, Mechanism.DOUBLE_OPT_IN_LINK, Origin.MAIL,
                "subject", shown);
        jdbc.sql("UPDATE newsletter_subscriptions SET state = 'confirmed', confirmed_at = ?, confirm_token_hash = NULL "
                + "WHERE account_id = ?").params(clock.millis(), account.get()).update();
        return true;
    }

    /** Unsubscribes the holder of a token from an issue; false when the token is not valid. */
    boolean unsubscribe(String token) {
        Optional<String> account = accountOf(token);
        if (account.isEmpty()) {
            return false;
        }
        if (gate.permits(account.get(), Purpose.NEWSLETTER)) {
            ledger.record(account.get(), Purpose.NEWSLETTER, Decision.WITHDRAW, Mechanism.ONE_CLICK_UNSUBSCRIBE,
                    Origin.MAIL, "subject", null);
        }
        return true;
    }

    /** An operator unsubscribes an account on the person's request. */
    boolean unsubscribeByOperator(String accountId, String operatorId) {
        if (accounts.find(accountId).isEmpty()) {
            return false;
        }
        ledger.record(accountId, Purpose.NEWSLETTER, Decision.WITHDRAW, Mechanism.OPERATOR_ON_REQUEST, Origin.OPERATOR,
                operatorId, null);
        return true;
    }

    /**
     * Sends an issue to every confirmed subscriber whose consent still stands, in their language
     * (else English), never to a suppressed address. Counted, not listed.
     */
    Sent send(Map<String, Version> versions) {
        Version fallback = versions.getOrDefault("en", versions.values().iterator().next());
        int sent = 0;
        int skipped = 0;
        List<String> confirmed = jdbc.sql("SELECT account_id FROM newsletter_subscriptions WHERE state = 'confirmed' "
                + "ORDER BY account_id").query(String.class).list();
        for (String accountId : confirmed) {
            Optional<Account> account = accounts.find(accountId);
            if (account.isEmpty() || !gate.permits(accountId, Purpose.NEWSLETTER)
                    || mail.suppressed(account.get().email())) {
                skipped++;
                continue;
            }
            Version version = versions.getOrDefault(account.get().language(), fallback);
            String token = tokenFor(accountId);
            String link = links.to("/newsletter/unsubscribe?token=" + token);
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("List-Unsubscribe", "<" + link + ">, <mailto:" + from + "?subject=unsubscribe%20" + token + ">");
            headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            String text = version.text() + "\n\n--\nUnsubscribe: " + link;
            String html = "<p>" + HtmlUtils.htmlEscape(version.text()).replace("\n\n", "</p><p>")
                    + "</p><hr><p><a href=\"" + HtmlUtils.htmlEscape(link) + "\">Unsubscribe</a></p>";
            mail.send(new Mail(account.get().email(), version.subject(), text, html, "newsletter", headers));
            sent++;
        }
        String id = Secrets.newId();
        jdbc.sql("INSERT INTO newsletters (id, subject, sent, skipped, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(id, fallback.subject(), sent, skipped, clock.millis()).update();
        return new Sent(id, sent, skipped);
    }

    /** An issue as the log keeps it: counts only. */
    record Issue(String id, String subject, int sent, int skipped, long createdAt) {}

    List<Issue> issues() {
        return jdbc.sql("SELECT id, subject, sent, skipped, created_at FROM newsletters ORDER BY created_at DESC")
                .query((rs, n) -> new Issue(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getLong(5)))
                .list();
    }

    String tokenFor(String accountId) {
        return accountId + TOKEN_SEPARATOR + mac(accountId);
    }

    private Optional<String> accountOf(String token) {
        if (token == null || !token.contains(TOKEN_SEPARATOR) || token.length() > 200) {
            return Optional.empty();
        }
        String accountId = token.substring(0, token.lastIndexOf(TOKEN_SEPARATOR));
        String mac = token.substring(token.lastIndexOf(TOKEN_SEPARATOR) + 1);
        return MessageDigest.isEqual(mac.getBytes(StandardCharsets.US_ASCII),
                mac(accountId).getBytes(StandardCharsets.US_ASCII)) ? Optional.of(accountId) : Optional.empty();
    }

    private String mac(String accountId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Secrets.hmacSha256(key, accountId));
    }
}
