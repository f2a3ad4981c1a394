package dev.arca.newsletter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.mail.MailQueue;
import dev.arca.support.Content;
import dev.arca.support.Db;
import dev.arca.support.Http;
import dev.arca.support.TestServer;
import dev.arca.support.Users;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Db.class)
class NewsletterTest {

    @Parameter
    Db db;

    private TestServer server() {
        return TestServer.on(db);
    }

    private String admin() {
        return Users.token(server(), TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
    }

    /** Sends an issue with a subject no other test uses; answers that subject. */
    private String sendIssue() {
        String subject = "Issue " + System.nanoTime();
        Http.Response sent = server().http().post("/api/v1/admin/newsletters", Map.of("versions", Map.of(
                "en", Map.of("subject", subject, "text", "News in English."),
                "de", Map.of("subject", subject + " (de)", "text", "Neuigkeiten auf Deutsch."))), admin());
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        return subject;
    }

    private boolean received(String email, String subject) {
        return server().mailbox.messagesTo(email).stream().anyMatch(m -> m.contains("Subject: " + subject));
    }

    /** The form field the confirmation page sends: the policy version whose notice it showed. */
    private String shownVersion() {
        return "&policyVersion=" + server().http().get("/api/v1/policy", null).json().path("version").asInt();
    }

    private List<String> mechanisms(String email) {
        return server().jdbc().sql("SELECT decision || ':' || mechanism FROM consent_events WHERE subject_id = ? "
                        + "AND purpose = 'NEWSLETTER' ORDER BY position")
                .param(Users.accountId(server(), email)).query(String.class).list();
    }

    private static String path(String link) {
        URI uri = URI.create(link);
        return uri.getPath() + "?" + uri.getRawQuery();
    }

    private Http.Response form(String path, String body) {
        return Content.send(server(), "POST", path, null, "application/x-www-form-urlencoded", body.getBytes(),
                Map.of());
    }

    @Test
    @DisplayName("I.6 only a confirmed opt-in receives issues; the ledger records the opt-in and the confirmation")
    void doubleOptIn() {
        String email = Users.newEmail();
        Users.signedIn(server(), email, "NEWSLETTER");
        String unticked = Users.newEmail();
        Users.signedIn(server(), unticked);
        String confirm = server().mailbox.latestLink(email, "/newsletter/confirm?token=");
        assertThat(server().mailbox.messagesTo(unticked)).noneMatch(m -> m.contains("/newsletter/confirm"));

        String before = sendIssue();
        assertThat(received(email, before)).as("not before the confirmation").isFalse();

        assertThat(Content.get(server(), path(confirm), null, Map.of()).text()).contains("confirm-newsletter");
        String afterGet = sendIssue();
        assertThat(received(email, afterGet)).as("opening the link confirms nothing").isFalse();

        String token = path(confirm).substring(path(confirm).indexOf("token=") + 6);
        assertThat(form("/newsletter/confirm", "token=" + token + shownVersion()).status()).isEqualTo(200);
        assertThat(form("/newsletter/confirm", "token=" + token + shownVersion()).status()).as("once only").isEqualTo(404);
        assertThat(mechanisms(email)).as("the opt-in at sign-up, through the API here, then the link")
                .containsExactly("GRANT:API_CALL", "GRANT:DOUBLE_OPT_IN_LINK");

        String issue = sendIssue();
        assertThat(received(email, issue + " (de)")).as("in the subscriber's language").isTrue();
        assertThat(received(unticked, issue)).isFalse();
    }

    @Test
    @DisplayName("II.4 every issue has List-Unsubscribe with one-click POST; POST unsubscribes without a session, GET does not")
    void oneClickUnsubscribe() {
        String email = Users.newEmail();
        Users.signedIn(server(), email, "NEWSLETTER");
        String confirm = server().mailbox.latestLink(email, "/newsletter/confirm?token=");
        form("/newsletter/confirm", confirm.substring(confirm.indexOf("token=")) + shownVersion());
        String issue = sendIssue();
        String message = server().mailbox.messagesTo(email).stream().filter(m -> m.contains(issue)).findFirst()
                .orElseThrow();
        assertThat(message).contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
        Matcher header = Pattern.compile("List-Unsubscribe: <(http[^>]+)>, <mailto:[^>]+>").matcher(message);
        assertThat(header.find()).as(message).isTrue();
        String link = path(header.group(1));

        assertThat(Content.get(server(), link, null, Map.of()).text()).contains("id=\"unsubscribe\"");
        String still = sendIssue();
        assertThat(received(email, still)).as("a GET unsubscribes no one").isTrue();

        Http.Response oneClick = form(link, "List-Unsubscribe=One-Click");
        assertThat(oneClick.status()).isEqualTo(200);
        assertThat(mechanisms(email)).last().isEqualTo("WITHDRAW:ONE_CLICK_UNSUBSCRIBE");
        assertThat(server().jdbc().sql("SELECT COUNT(*) FROM newsletter_subscriptions WHERE account_id = ?")
                .param(Users.accountId(server(), email)).query(Integer.class).single()).isZero();
        String after = sendIssue();
        assertThat(received(email, after)).isFalse();

        assertThat(form(link.replaceAll("token=[^&]+", "token=" + Users.accountId(server(), email) + ".forged"),
                "List-Unsubscribe=One-Click").status()).isEqualTo(404);
    }

    @Test
    @DisplayName("I.6 withdrawing the consent from the account ends the subscription; sends are logged as counts")
    void withdrawFromTheAccount() {
        String email = Users.newEmail();
        String token = Users.signedIn(server(), email, "NEWSLETTER");
        String confirm = server().mailbox.latestLink(email, "/newsletter/confirm?token=");
        form("/newsletter/confirm", confirm.substring(confirm.indexOf("token=")) + shownVersion());
        assertThat(received(email, sendIssue())).isTrue();
        assertThat(server().http().post("/api/v1/me/consents", Map.of("purpose", "NEWSLETTER", "decision", "WITHDRAW"),
                token).status()).isBetween(200, 204);
        String after = sendIssue();
        assertThat(received(email, after)).isFalse();
        var log = server().http().get("/api/v1/admin/newsletters", admin()).json().path("newsletters");
        assertThat(log.get(0).path("subject").asString()).isEqualTo(after);
        assertThat(log.get(0).toString()).doesNotContain("@");
    }

    @Test
    @DisplayName("I.6 an operator unsubscribes on request; a suppressed address gets no newsletter")
    void operatorAndSuppression() {
        String email = Users.newEmail();
        Users.signedIn(server(), email, "NEWSLETTER");
        String confirm = server().mailbox.latestLink(email, "/newsletter/confirm?token=");
        form("/newsletter/confirm", confirm.substring(confirm.indexOf("token=")) + shownVersion());
        assertThat(server().http().delete("/api/v1/admin/accounts/" + Users.accountId(server(), email)
                + "/newsletter", null, admin()).status()).isEqualTo(204);
        assertThat(mechanisms(email)).last().isEqualTo("WITHDRAW:OPERATOR_ON_REQUEST");
        String operatorId = Users.accountId(server(), dev.arca.support.TestServer.ADMIN_EMAIL);
        assertThat(server().jdbc().sql("SELECT actor FROM consent_events WHERE subject_id = ? ORDER BY position DESC "
                        + "LIMIT 1").param(Users.accountId(server(), email)).query(String.class).single())
                .as("the operator, by pseudonym only")
                .isEqualTo(server().bean(dev.arca.privacy.Operators.class).pseudonym(operatorId));
        assertThat(received(email, sendIssue())).isFalse();

        String suppressed = Users.newEmail();
        Users.signedIn(server(), suppressed, "NEWSLETTER");
        String link = server().mailbox.latestLink(suppressed, "/newsletter/confirm?token=");
        form("/newsletter/confirm", link.substring(link.indexOf("token=")) + shownVersion());
        server().bean(MailQueue.class).suppress(suppressed);
        assertThat(received(suppressed, sendIssue())).isFalse();
        assertThat(server().http().post("/api/v1/admin/newsletters", Map.of("versions", Map.of()), admin()).status())
                .isEqualTo(400);
        assertThat(server().http().post("/api/v1/admin/newsletters", Map.of("versions", Map.of("en",
                Map.of("subject", "x", "text", "y"))), Users.signedIn(server(), Users.newEmail())).status())
                .isEqualTo(403);
    }
}
