package dev.arca.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.support.Db;
import dev.arca.support.Policies;
import dev.arca.support.TestServer;
import dev.arca.support.Users;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The consent ledger against someone who can write to the database: the database refuses to
 * change or remove entries, and when its guards are bypassed (as with a copied and edited file)
 * the keyed chain, the erasure list and the anchor in the key directory tell. Each test runs on
 * a server of its own, since it damages the ledger on purpose.
 */
@ParameterizedClass
@EnumSource(Db.class)
class ConsentLedgerIntegrityTest {

    @Parameter
    Db db;

    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.fresh(db);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private ConsentLedger ledger() {
        return server.bean(ConsentLedger.class);
    }

    /** An account that granted analytics, then withdrew it. */
    private String withdrawnAccount() {
        String email = Users.newEmail();
        String token = Users.signedIn(server, email, "ANALYTICS_COOKIES");
        assertThat(server.http().post("/api/v1/me/consents", Users.decision(server, "ANALYTICS_COOKIES", "WITHDRAW"),
                token).status()).isEqualTo(200);
        return Users.accountId(server, email);
    }

    @Test
    @DisplayName("I.2a the database refuses to change or remove ledger entries, except an erasure's")
    void databaseRefusesChanges() {
        String subject = withdrawnAccount();
        JdbcClient jdbc = server.jdbc();
        assertThatThrownBy(() -> jdbc.sql("UPDATE consent_events SET decision = 'GRANT' WHERE subject_id = ?")
                .param(subject).update()).isInstanceOf(DataAccessException.class).hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM consent_events WHERE subject_id = ?").param(subject).update())
                .isInstanceOf(DataAccessException.class).hasStackTraceContaining("only by erasure");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM consent_chain").update())
                .isInstanceOf(DataAccessException.class).hasStackTraceContaining("append-only");
        assertThat(ledger().verify().intact()).isTrue();

        server.bean(SubjectErasure.class).erase(subject);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM consent_events WHERE subject_id = ?").param(subject)
                .query(Integer.class).single()).isZero();
        assertThat(ledger().verify().intact()).as("links left by an erasure are sound").isTrue();
    }

    @Test
    @DisplayName("I.2a a withdrawal removed behind the database's back does not bring the grant back")
    void removedWithdrawalIsNoticed() throws SQLException {
        String subject = withdrawnAccount();
        String other = withdrawnAccount(); // so the removed entry is not the newest of the ledger
        assertThat(ledger().state(subject).get(Purpose.ANALYTICS_COOKIES).granted()).isFalse();

        unguarded("DELETE FROM consent_events WHERE position = (SELECT MAX(position) FROM consent_events "
                + "WHERE subject_id = '" + subject + "')");

        assertThat(ledger().history(subject).getLast().decision()).as("the grant is the latest entry now")
                .isEqualTo(Decision.GRANT);
        assertThat(ledger().state(subject).get(Purpose.ANALYTICS_COOKIES).effective())
                .as("an entry that does not verify grants nothing").isFalse();
        assertThat(ledger().verifySubject(subject)).isFalse();
        assertThat(ledger().verifySubject(other)).isTrue();
        LedgerIntegrity integrity = ledger().verify();
        assertThat(integrity.intact()).isFalse();
        assertThat(integrity.problem()).contains("removed").doesNotContain(subject);
        assertThat(ledger().integrity().intact()).as("what operators are shown").isFalse();
    }

    @Test
    @DisplayName("I.2a removing the newest entries, chain links and all, is noticed through the anchor")
    void removedTailIsNoticed() throws SQLException {
        withdrawnAccount();
        String subject = withdrawnAccount();
        long head = server.jdbc().sql("SELECT MAX(position) FROM consent_chain").query(Long.class).single();

        unguarded("DELETE FROM consent_events WHERE position = " + head);
        unguarded("DELETE FROM consent_chain WHERE position = " + head);

        assertThat(ledger().state(subject).get(Purpose.ANALYTICS_COOKIES).effective()).isFalse();
        LedgerIntegrity integrity = ledger().verify();
        assertThat(integrity.intact()).isFalse();
        assertThat(integrity.problem()).contains("anchored entry " + head);
    }

    @Test
    @DisplayName("I.2a a changed entry, or one whose MAC was recomputed without the key, is noticed at start-up")
    void changedEntryIsNoticedAtStart() throws SQLException {
        String subject = withdrawnAccount();
        unguarded("UPDATE consent_events SET decision = 'GRANT' WHERE subject_id = '" + subject
                + "' AND decision = 'WITHDRAW'");

        server = server.restart();

        assertThat(ledger().integrity().intact()).as("verified on start-up").isFalse();
        assertThat(ledger().integrity().problem()).contains("does not match");
        assertThat(ledger().state(subject).get(Purpose.ANALYTICS_COOKIES).effective()).isFalse();
        String admin = Users.token(server, TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        assertThat(server.http().get("/api/v1/admin/privacy/ledger", admin).json().path("intact").asBoolean())
                .isFalse();
    }

    @Test
    @DisplayName("I.2a a grant is recorded only for the notice in force; withdrawing needs none")
    void grantsNameTheNoticeShown() {
        String email = Users.newEmail();
        String token = Users.signedIn(server, email);
        Map<String, Object> grant = Users.decision(server, "NEWSLETTER", "GRANT");
        Policies.publishNotice(server, "Newsletter notice reworded.", Purpose.NEWSLETTER,
                "Send me the newsletter, at most monthly.");

        var refused = server.http().post("/api/v1/me/consents", grant, token);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("type").asString()).isEqualTo("urn:arca:problem:notice-changed");
        assertThat(refused.json().path("notice").asString()).isEqualTo("Send me the newsletter, at most monthly.");
        assertThat(server.http().post("/api/v1/me/consents", Map.of("purpose", "NEWSLETTER", "decision", "GRANT"),
                token).status()).as("a grant without the notice").isEqualTo(400);
        assertThat(server.http().post("/api/v1/me/consents", Users.decision(server, "NEWSLETTER", "GRANT"), token)
                .status()).isEqualTo(200);
        assertThat(server.http().post("/api/v1/me/consents", Map.of("purpose", "NEWSLETTER", "decision", "WITHDRAW"),
                token).status()).isEqualTo(200);

        Map<String, Object> registration = Users.registration(Users.newEmail(), "NEWSLETTER");
        registration.put("policyVersion", 1);
        assertThat(server.http().post("/api/v1/accounts", registration, null).status())
                .as("a registration ticking an old notice").isEqualTo(400);
        List<ConsentEvent> history = ledger().history(Users.accountId(server, email));
        PolicyVersion current = server.bean(PolicyVersions.class).current();
        assertThat(history.stream().filter(e -> e.decision() == Decision.GRANT).map(ConsentEvent::noticeSha256))
                .containsExactly(current.notice(Purpose.NEWSLETTER).sha256());
    }

    /** Runs a statement with the ledger's guards out of the way, as someone editing the file would. */
    private void unguarded(String sql) throws SQLException {
        dev.arca.support.Unguarded.run(server, sql);
    }
}
