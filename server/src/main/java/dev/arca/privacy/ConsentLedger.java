package dev.arca.privacy;

import dev.arca.platform.KeyDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The append-only consent ledger (I.2a, III); its format and checks are written down in
 * {@code docs/consent-ledger.md}.
 *
 * <p>Each decision is kept with the policy version and the SHA-256 of the exact notice the
 * person was shown, how, where and when. Entries are numbered over all subjects. Beside each,
 * {@code consent_chain} holds keyed MACs (the key is in the {@link KeyDirectory}, not in the
 * database): one over the entry, one chaining it to the entry before, and the subject's
 * pseudonym. Signed checkpoints of the chain's head are kept in the database and the newest also
 * in the key directory, so removing the newest entries is noticed too. Erasure removes a
 * subject's entries but not their chain links; a link without its entry is sound only when its
 * pseudonym is on the {@link ErasureList}. The database refuses UPDATE and DELETE on these tables
 * except an erasure's DELETE (triggers on both databases).
 *
 * <p>The ledger is verified on start-up, every hour, and for one subject whenever their
 * consents are read; a subject whose entries do not verify has no effective consent. A break is
 * logged as an error and shown to operators ({@link #integrity()}). Thread-safe; concurrent
 * appends are serialised by the position's key.
 */
@Service
public class ConsentLedger {

    private static final Logger LOG = LoggerFactory.getLogger(ConsentLedger.class);
    private static final String ANCHOR = "consent-ledger.anchor";
    private static final String START = "0".repeat(64);

    private final JdbcClient jdbc;
    private final PolicyVersions policies;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final Pseudonyms pseudonyms;
    private final Operators operators;
    private final ErasureList erasures;
    private final KeyDirectory keys;
    private volatile LedgerIntegrity integrity;

    ConsentLedger(JdbcClient jdbc, PolicyVersions policies, Clock clock, TransactionTemplate transaction,
            ApplicationEventPublisher events, Pseudonyms pseudonyms, Operators operators, ErasureList erasures, KeyDirectory keys) {
        this.operators = operators;
        this.jdbc = jdbc;
        this.policies = policies;
        this.clock = clock;
        this.transaction = transaction;
        this.events = events;
        this.pseudonyms = pseudonyms;
        this.erasures = erasures;
        this.keys = keys;
        this.integrity = new LedgerIntegrity(true, null, 0, null);
    }

    /**
     * Records a decision on a consent-based purpose under the current policy version. Takes
     * effect at once: the gate reads the ledger on every check.
     *
     * @param actor who acted: "subject" for the person themselves, or an operator's account id,
     *     recorded as its {@link Operators#pseudonym} so that no one else's record names them
     * @param shown what the person was shown; required for a grant, which is refused unless it
     *     is the notice in force. A withdrawal or refusal needs none: withdrawing must never be
     *     harder than granting.
     * @throws IllegalArgumentException when the purpose does not rest on consent
     * @throws NoticeChangedException when a grant answers a notice that is no longer in force
     */
    public ConsentEvent record(String subjectId, Purpose purpose, Decision decision, Mechanism mechanism,
            Origin origin, String actor, NoticeShown shown) {
        if (!purpose.needsConsent()) {
            throw new IllegalArgumentException(purpose + " does not rest on consent");
        }
        PolicyVersion policy = policies.current();
        if (decision.grants() && !NoticeShown.of(policy, purpose).equals(shown)) {
            throw new NoticeChangedException(purpose, policy);
        }
        for (int attempt = 0; ; attempt++) {
            try {
                ConsentEvent event = transaction.execute(status -> {
                    ConsentEvent appended = append(subjectId, purpose, decision, mechanism, origin,
                            "subject".equals(actor) ? actor : operators.pseudonym(actor), policy);
                    afterCommit(this::anchor);
                    return appended;
                });
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
        Optional<Link> head = head();
        long position = head.map(l -> l.position() + 1).orElse(1L);
        ConsentEvent event = new ConsentEvent(position, subjectId, purpose, decision, policy.version(),
                policy.notice(purpose).sha256(), mechanism, origin, actor, Instant.ofEpochMilli(clock.millis()));
        jdbc.sql("""
                INSERT INTO consent_events (position, subject_id, purpose, decision, policy_version, notice_sha256,
                    mechanism, origin, actor, occurred_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(position, subjectId, purpose.name(), decision.name(), event.policyVersion(),
                        event.noticeSha256(), mechanism.name(), origin.name(), actor, event.occurredAt().toEpochMilli())
                .update();
        link(event, head.map(Link::chainMac).orElse(START));
        return event;
    }

    private void link(ConsentEvent event, String previousChainMac) {
        String subject = pseudonyms.subject(event.subjectId());
        String entry = entryMac(event);
        jdbc.sql("INSERT INTO consent_chain (position, subject_mac, entry_mac, chain_mac) VALUES (?, ?, ?, ?)")
                .params(event.position(), subject, entry, chainMac(event.position(), previousChainMac, subject, entry))
                .update();
    }

    /** Every decision of the subject, oldest first. */
    public List<ConsentEvent> history(String subjectId) {
        return jdbc.sql("SELECT * FROM consent_events WHERE subject_id = ? ORDER BY position")
                .param(subjectId).query(ConsentLedger::map).list();
    }

    /**
     * The state of every consent-based purpose, derived from the latest decision on each, after
     * verifying the subject's entries. When they do not verify, no purpose is effective.
     */
    public Map<Purpose, ConsentState> state(String subjectId) {
        List<ConsentEvent> history = history(subjectId);
        Optional<String> broken = subjectProblem(subjectId, history);
        broken.ifPresent(this::report);
        Map<Purpose, ConsentEvent> latest = new EnumMap<>(Purpose.class);
        for (ConsentEvent event : history) {
            latest.put(event.purpose(), event);
        }
        PolicyVersion policy = policies.current();
        Map<Purpose, ConsentState> state = new EnumMap<>(Purpose.class);
        for (Purpose purpose : Purpose.consentBased()) {
            ConsentEvent event = latest.get(purpose);
            state.put(purpose, event == null
                    ? new ConsentState(purpose, false, false, null, null)
                    : new ConsentState(purpose, event.decision().grants() && broken.isEmpty(),
                            event.noticeSha256().equals(policy.notice(purpose).sha256()),
                            event.policyVersion(), event.occurredAt()));
        }
        return state;
    }

    /**
     * Purposes the subject agreed to whose notice has changed since: the agreement no longer
     * counts, and every place that asks (web, API, client) asks again.
     */
    public List<Purpose> toRenew(String subjectId) {
        return state(subjectId).values().stream().filter(s -> s.granted() && !s.current()).map(ConsentState::purpose)
                .toList();
    }

    /** Whether the subject's entries verify: none changed, none removed, none added outside the ledger. */
    public boolean verifySubject(String subjectId) {
        Optional<String> problem = subjectProblem(subjectId, history(subjectId));
        problem.ifPresent(this::report);
        return problem.isEmpty();
    }

    private Optional<String> subjectProblem(String subjectId, List<ConsentEvent> history) {
        String subject = pseudonyms.subject(subjectId);
        Map<Long, Link> links = new HashMap<>();
        List<Long> broken = new ArrayList<>();
        jdbc.sql("""
                SELECT c.position, c.subject_mac, c.entry_mac, c.chain_mac, p.chain_mac AS previous
                FROM consent_chain c LEFT JOIN consent_chain p ON p.position = c.position - 1
                WHERE c.subject_mac = ?""")
                .param(subject)
                .query(rs -> {
                    Link link = Link.map(rs);
                    String previous = link.position() == 1 ? START : rs.getString("previous");
                    links.put(link.position(), link);
                    if (previous == null
                            || !link.chainMac().equals(chainMac(link.position(), previous, subject, link.entryMac()))) {
                        broken.add(link.position());
                    }
                });
        if (!broken.isEmpty()) {
            return Optional.of("chain link " + broken.getFirst() + " does not follow the link before it");
        }
        for (ConsentEvent event : history) {
            Link link = links.get(event.position());
            if (link == null || !link.entryMac().equals(entryMac(event))) {
                return Optional.of("entry " + event.position() + " does not match its chain link");
            }
        }
        Set<Long> present = new HashSet<>();
        history.forEach(e -> present.add(e.position()));
        for (long position : links.keySet()) {
            if (!present.contains(position)) {
                return Optional.of("entry " + position + " was removed, and not by erasure");
            }
        }
        return tailProblem();
    }

    /** The newest anchored link must still be there: otherwise the newest entries were removed. */
    private Optional<String> tailProblem() {
        Optional<Checkpoint> anchor = anchorFile();
        if (anchor.isEmpty()) {
            return Optional.empty();
        }
        Checkpoint a = anchor.get();
        if (!a.signature().equals(signature(a.position(), a.chainMac(), a.madeAt()))) {
            return Optional.of("the anchor in the key directory is not signed with this installation's key");
        }
        Optional<String> at = jdbc.sql("SELECT chain_mac FROM consent_chain WHERE position = ?").param(a.position())
                .query(String.class).optional();
        if (at.isEmpty()) {
            return Optional.of("the ledger ends before its anchored entry " + a.position()
                    + ": entries were removed, or the database was restored from an older copy");
        }
        return at.get().equals(a.chainMac()) ? Optional.empty()
                : Optional.of("the chain differs from its anchor at entry " + a.position());
    }

    /**
     * Verifies the whole ledger: every link follows the one before, every entry matches its link,
     * every link without an entry belongs to an erased subject, every checkpoint is signed and
     * matches the chain, and the anchor is still there.
     */
    public LedgerIntegrity verify() {
        Set<String> erased = erasures.all();
        long[] count = {0};
        String[] previous = {START};
        String[] problem = {null};
        jdbc.sql("""
                SELECT c.position AS link_position, c.subject_mac, c.entry_mac, c.chain_mac, e.*
                FROM consent_chain c LEFT JOIN consent_events e ON e.position = c.position
                ORDER BY c.position""")
                .query(rs -> {
                    if (problem[0] != null) {
                        return;
                    }
                    long position = rs.getLong("link_position");
                    String subject = rs.getString("subject_mac");
                    String entry = rs.getString("entry_mac");
                    if (position != count[0] + 1) {
                        problem[0] = "chain link " + (count[0] + 1) + " is missing";
                    } else if (!rs.getString("chain_mac").equals(chainMac(position, previous[0], subject, entry))) {
                        problem[0] = "chain link " + position + " does not follow the link before it";
                    } else if (rs.getString("subject_id") == null) {
                        if (!erased.contains(subject)) {
                            problem[0] = "entry " + position + " was removed, and not by erasure";
                        }
                    } else {
                        ConsentEvent event = map(rs, 0);
                        if (!entry.equals(entryMac(event)) || !subject.equals(pseudonyms.subject(event.subjectId()))) {
                            problem[0] = "entry " + position + " does not match its chain link";
                        }
                    }
                    count[0] = position;
                    previous[0] = rs.getString("chain_mac");
                });
        if (problem[0] == null) {
            long unlinked = jdbc.sql("SELECT COUNT(*) FROM consent_events WHERE position NOT IN "
                    + "(SELECT position FROM consent_chain)").query(Long.class).single();
            if (unlinked > 0) {
                problem[0] = unlinked + " entries were added outside the ledger";
            }
        }
        if (problem[0] == null) {
            problem[0] = checkpointProblem().or(this::tailProblem).orElse(null);
        }
        LedgerIntegrity result = new LedgerIntegrity(problem[0] == null, clock.instant(), count[0], problem[0]);
        if (result.intact()) {
            integrity = result;
        } else {
            report(problem[0]);
        }
        return result;
    }

    private Optional<String> checkpointProblem() {
        List<Checkpoint> checkpoints = jdbc.sql("""
                SELECT k.position, k.chain_mac, k.made_at, k.signature, c.chain_mac AS linked
                FROM consent_checkpoints k LEFT JOIN consent_chain c ON c.position = k.position""")
                .query((rs, n) -> new Checkpoint(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getString(5)))
                .list();
        for (Checkpoint k : checkpoints) {
            if (!k.signature().equals(signature(k.position(), k.chainMac(), k.madeAt()))) {
                return Optional.of("checkpoint " + k.position() + " is not signed with this installation's key");
            }
            if (!k.chainMac().equals(k.linked())) {
                return Optional.of("the chain differs from its checkpoint at entry " + k.position());
            }
        }
        return Optional.empty();
    }

    /** The outcome of the latest check, or of the first break found since. */
    public LedgerIntegrity integrity() {
        return integrity;
    }

    private void report(String problem) {
        LedgerIntegrity now = integrity;
        if (now.intact() || !problem.equals(now.problem())) {
            LOG.error("The consent ledger does not verify: {}. Consents it holds cannot be trusted until an operator "
                    + "has investigated (docs/consent-ledger.md).", problem);
        }
        integrity = new LedgerIntegrity(false, clock.instant(), now.entries(), problem);
    }

    /**
     * Seals entries kept before the ledger was keyed (first start after the upgrade), then
     * verifies the whole ledger.
     */
    @EventListener(ApplicationReadyEvent.class)
    void verifyOnStart() {
        transaction.executeWithoutResult(status -> {
            boolean unsealed = jdbc.sql("SELECT COUNT(*) FROM consent_chain").query(Long.class).single() == 0
                    && anchorFile().isEmpty();
            if (unsealed) {
                String previous = START;
                for (ConsentEvent event : jdbc.sql("SELECT * FROM consent_events ORDER BY position")
                        .query(ConsentLedger::map).list()) {
                    link(event, previous);
                    previous = head().orElseThrow().chainMac();
                }
            }
        });
        anchor();
        verify();
    }

    /** Every hour: a signed checkpoint of the head when it moved, then a full verification. */
    @Scheduled(fixedDelayString = "${arca.privacy.ledger-check:1h}", initialDelayString = "${arca.privacy.ledger-check:1h}")
    void checkpointAndVerify() {
        head().ifPresent(head -> {
            long made = clock.millis();
            jdbc.sql("INSERT INTO consent_checkpoints (position, chain_mac, made_at, signature) VALUES (?, ?, ?, ?) "
                            + "ON CONFLICT (position) DO NOTHING")
                    .params(head.position(), head.chainMac(), made, signature(head.position(), head.chainMac(), made))
                    .update();
        });
        anchor();
        verify();
    }

    /** Writes the head of the chain, signed, to the key directory. */
    void anchor() {
        head().ifPresent(head -> {
            long made = clock.millis();
            String line = head.position() + " " + head.chainMac() + " " + made + " "
                    + signature(head.position(), head.chainMac(), made) + "\n";
            Optional<Checkpoint> current = anchorFile();
            if (current.isPresent() && current.get().position() >= head.position()) {
                return;
            }
            try {
                keys.write(ANCHOR, line.getBytes(StandardCharsets.US_ASCII), true);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the consent ledger's anchor", e);
            }
        });
    }

    private Optional<Checkpoint> anchorFile() {
        return keys.read(ANCHOR).map(bytes -> {
            String[] parts = new String(bytes, StandardCharsets.US_ASCII).strip().split(" ");
            if (parts.length != 4) {
                return new Checkpoint(0, "", 0, "", null);
            }
            return new Checkpoint(Long.parseLong(parts[0]), parts[1], Long.parseLong(parts[2]), parts[3], null);
        });
    }

    private Optional<Link> head() {
        return jdbc.sql("SELECT position, subject_mac, entry_mac, chain_mac FROM consent_chain "
                + "ORDER BY position DESC LIMIT 1").query((rs, n) -> Link.map(rs)).optional();
    }

    private String entryMac(ConsentEvent e) {
        return pseudonyms.mac("consent-entry", String.join("\n", Long.toString(e.position()), e.subjectId(),
                e.purpose().name(), e.decision().name(), Integer.toString(e.policyVersion()), e.noticeSha256(),
                e.mechanism().name(), e.origin().name(), e.actor(), Long.toString(e.occurredAt().toEpochMilli())));
    }

    private String chainMac(long position, String previous, String subject, String entry) {
        return pseudonyms.mac("consent-chain", position + "\n" + previous + "\n" + subject + "\n" + entry);
    }

    private String signature(long position, String chainMac, long madeAt) {
        return pseudonyms.mac("consent-checkpoint", position + "\n" + chainMac + "\n" + madeAt);
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }

    private static ConsentEvent map(ResultSet rs, int row) throws SQLException {
        return new ConsentEvent(rs.getLong("position"), rs.getString("subject_id"),
                Purpose.valueOf(rs.getString("purpose")), Decision.valueOf(rs.getString("decision")),
                rs.getInt("policy_version"), rs.getString("notice_sha256"), Mechanism.valueOf(rs.getString("mechanism")),
                Origin.valueOf(rs.getString("origin")), rs.getString("actor"),
                Instant.ofEpochMilli(rs.getLong("occurred_at")));
    }

    private record Link(long position, String subjectMac, String entryMac, String chainMac) {
        static Link map(ResultSet rs) throws SQLException {
            return new Link(rs.getLong("position"), rs.getString("subject_mac"), rs.getString("entry_mac"),
                    rs.getString("chain_mac"));
        }
    }

    private record Checkpoint(long position, String chainMac, long madeAt, String signature, String linked) {}
}
