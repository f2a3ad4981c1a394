package dev.arca.privacy;

import dev.arca.platform.Secrets;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The append-only consent ledger (I.2a). Every decision is kept with the policy version and the
 * SHA-256 of the exact notice it answered, how and where it was made, and the hash of the
 * subject's previous entry. The current state is derived from the ledger, never stored beside it.
 * Thread-safe; concurrent appends for one subject are serialised by the (subject, seq) key.
 */
@Service
public class ConsentLedger {

    private static final String GENESIS = "0".repeat(64);

    private final JdbcClient jdbc;
    private final PolicyVersions policies;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;

    ConsentLedger(JdbcClient jdbc, PolicyVersions policies, Clock clock, TransactionTemplate transaction,
            ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.policies = policies;
        this.clock = clock;
        this.transaction = transaction;
        this.events = events;
    }

    /**
     * Records a decision on a consent-based purpose under the current policy version. Takes
     * effect at once: the gate reads the ledger on every check.
     *
     * @param actor who acted: "subject" for the person themselves, or an operator's account id
     * @throws IllegalArgumentException when the purpose does not rest on consent
     */
    public ConsentEvent record(String subjectId, Purpose purpose, Decision decision, Mechanism mechanism,
            Origin origin, String actor) {
        if (!purpose.needsConsent()) {
            throw new IllegalArgumentException(purpose + " does not rest on consent");
        }
        PolicyVersion policy = policies.current();
        for (int attempt = 0; ; attempt++) {
            try {
                ConsentEvent event = transaction.execute(status ->
                        append(subjectId, purpose, decision, mechanism, origin, actor, policy));
                if (decision.grants()) {
                    events.publishEvent(new ConsentGranted(subjectId, purpose, mechanism));
                } else {
                    events.publishEvent(new ConsentWithdrawn(subjectId, purpose));
                }
                return event;
            } catch (DuplicateKeyException raced) {
                if (attempt >= 5) {
                    throw raced;
                }
            }
        }
    }

    private ConsentEvent append(String subjectId, Purpose purpose, Decision decision, Mechanism mechanism,
            Origin origin, String actor, PolicyVersion policy) {
        Optional<ConsentEvent> last = jdbc.sql("SELECT * FROM consent_events WHERE subject_id = ? ORDER BY seq DESC LIMIT 1")
                .param(subjectId).query(ConsentLedger::map).optional();
        long seq = last.map(e -> e.seq() + 1).orElse(1L);
        String previous = last.map(ConsentEvent::hash).orElse(GENESIS);
        Instant at = Instant.ofEpochMilli(clock.millis());
        String notice = policy.notice(purpose).sha256();
        String hash = hash(subjectId, seq, purpose, decision, policy.version(), notice, mechanism, origin, actor, at, previous);
        jdbc.sql("""
                INSERT INTO consent_events (subject_id, seq, purpose, decision, policy_version, notice_sha256,
                    mechanism, origin, actor, occurred_at, previous_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(subjectId, seq, purpose.name(), decision.name(), policy.version(), notice, mechanism.name(),
                        origin.name(), actor, at.toEpochMilli(), previous, hash)
                .update();
        return new ConsentEvent(subjectId, seq, purpose, decision, policy.version(), notice, mechanism, origin, actor,
                at, previous, hash);
    }

    /** Every decision of the subject, oldest first. */
    public List<ConsentEvent> history(String subjectId) {
        return jdbc.sql("SELECT * FROM consent_events WHERE subject_id = ? ORDER BY seq")
                .param(subjectId).query(ConsentLedger::map).list();
    }

    /** The state of every consent-based purpose, derived from the latest decision on each. */
    public Map<Purpose, ConsentState> state(String subjectId) {
        Map<Purpose, ConsentEvent> latest = new EnumMap<>(Purpose.class);
        for (ConsentEvent event : history(subjectId)) {
            latest.put(event.purpose(), event);
        }
        PolicyVersion policy = policies.current();
        Map<Purpose, ConsentState> state = new EnumMap<>(Purpose.class);
        for (Purpose purpose : Purpose.consentBased()) {
            ConsentEvent event = latest.get(purpose);
            state.put(purpose, event == null
                    ? new ConsentState(purpose, false, false, null, null)
                    : new ConsentState(purpose, event.decision().grants(),
                            event.noticeSha256().equals(policy.notice(purpose).sha256()),
                            event.policyVersion(), event.occurredAt()));
        }
        return state;
    }

    /** Whether the chain of the subject's entries is intact: no entry changed, none removed. */
    public boolean verifyChain(String subjectId) {
        String previous = GENESIS;
        long expectedSeq = 1;
        for (ConsentEvent e : history(subjectId)) {
            String expected = hash(e.subjectId(), e.seq(), e.purpose(), e.decision(), e.policyVersion(),
                    e.noticeSha256(), e.mechanism(), e.origin(), e.actor(), e.occurredAt(), previous);
            if (e.seq() != expectedSeq++ || !e.previousHash().equals(previous) || !e.hash().equals(expected)) {
                return false;
            }
            previous = e.hash();
        }
        return true;
    }

    private static String hash(String subjectId, long seq, Purpose purpose, Decision decision, int policyVersion,
            String notice, Mechanism mechanism, Origin origin, String actor, Instant at, String previous) {
        return Secrets.sha256Hex(String.join("\n", subjectId, Long.toString(seq), purpose.name(), decision.name(),
                Integer.toString(policyVersion), notice, mechanism.name(), origin.name(), actor,
                Long.toString(at.toEpochMilli()), previous));
    }

    private static ConsentEvent map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new ConsentEvent(rs.getString("subject_id"), rs.getLong("seq"), Purpose.valueOf(rs.getString("purpose")),
                Decision.valueOf(rs.getString("decision")), rs.getInt("policy_version"), rs.getString("notice_sha256"),
                Mechanism.valueOf(rs.getString("mechanism")), Origin.valueOf(rs.getString("origin")),
                rs.getString("actor"), Instant.ofEpochMilli(rs.getLong("occurred_at")), rs.getString("previous_hash"),
                rs.getString("hash"));
    }
}
