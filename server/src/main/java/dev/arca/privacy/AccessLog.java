package dev.arca.privacy;

import dev.arca.platform.ArcaPrincipal;
import dev.arca.platform.KeyDirectory;
import dev.arca.platform.StaffRole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The operator access log (I.5): every read or change of a person's data by an operator, with
 * who (a keyed pseudonym of the operator), in which role, what, whose (the person's pseudonym),
 * when and why. A read needs a stated reason. Entries are chained by keyed MACs under the privacy
 * key, which lives outside the database, and the head of the chain is anchored in the key
 * directory: an entry changed, removed or slipped in, or the newest entries cut off, is found by
 * {@link #verify}. Erasure removes a person's entries but not their links; a link without its
 * entry is sound only for an erased person. See docs/access-log.md.
 */
@Service
public class AccessLog {

    public static final int MAX_REASON = 500;
    private static final String START = "0".repeat(64);
    private static final String ANCHOR = "access-log.anchor";

    /** One entry as the privacy officer sees it: both parties by pseudonym. */
    public record Entry(long position, String operator, StaffRole role, Access action, String subject, String reason,
            Instant at) {}

    /** Whether the log verifies; {@code problem} says what failed, naming no one. */
    public record Integrity(boolean intact, String problem, long entries) {}

    private final JdbcClient jdbc;
    private final Pseudonyms pseudonyms;
    private final Operators operators;
    private final ErasureList erasures;
    private final KeyDirectory keys;
    private final TransactionTemplate transaction;
    private final Clock clock;

    AccessLog(JdbcClient jdbc, Pseudonyms pseudonyms, Operators operators, ErasureList erasures, KeyDirectory keys,
            TransactionTemplate transaction, Clock clock) {
        this.jdbc = jdbc;
        this.pseudonyms = pseudonyms;
        this.operators = operators;
        this.erasures = erasures;
        this.keys = keys;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * Records that {@code operator}, acting in {@code role}, did {@code action} with the data of the
     * account {@code subjectId}.
     *
     * @param reason why; required (non-blank) for an action that reads, at most {@value #MAX_REASON} characters
     * @throws dev.arca.platform.ApiProblem (400) when a read has no reason; nothing is recorded
     *     and the caller must not show the data
     */
    public void record(ArcaPrincipal operator, StaffRole role, Access action, String subjectId, String reason) {
        String why = requireReason(action, reason);
        String subject = pseudonyms.subject(subjectId);
        String actor = operators.pseudonym(operator.accountId());
        for (int attempt = 0; ; attempt++) {
            try {
                transaction.executeWithoutResult(status -> append(actor, role, action, subject, why));
                anchor();
                return;
            } catch (DuplicateKeyException raced) {
                if (attempt >= 5) {
                    throw raced;
                }
            }
        }
    }

    /** The reason as it will be recorded, or a refusal when a read has none. */
    public static String requireReason(Access action, String reason) {
        String why = reason == null ? "" : reason.strip();
        if (action.reads() && why.isEmpty()) {
            throw dev.arca.platform.ApiProblem.badRequest("Say why you need to see this person's data: a reason is recorded in "
                    + "the access log, which the person can read");
        }
        if (why.length() > MAX_REASON || why.chars().anyMatch(c -> Character.isISOControl(c) && c != ' ')) {
            throw dev.arca.platform.ApiProblem.badRequest("A reason is one line of at most " + MAX_REASON + " characters");
        }
        return why;
    }

    private void append(String actor, StaffRole role, Access action, String subject, String reason) {
        Optional<String[]> head = head();
        long position = head.map(h -> Long.parseLong(h[0]) + 1).orElse(1L);
        long at = clock.millis();
        jdbc.sql("INSERT INTO access_log (position, operator, role, action, subject, reason, occurred_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(position, actor, role.name(), action.name(), subject, reason, at).update();
        String entryMac = entryMac(position, actor, role.name(), action.name(), subject, reason, at);
        jdbc.sql("INSERT INTO access_log_chain (position, subject, entry_mac, chain_mac) VALUES (?, ?, ?, ?)")
                .params(position, subject, entryMac,
                        chainMac(position, head.map(h -> h[1]).orElse(START), subject, entryMac))
                .update();
    }

    /** The entries about one person, newest first: what the privacy center and the API show them. */
    public List<Entry> of(String subjectId) {
        return entries("WHERE subject = ?", List.of(pseudonyms.subject(subjectId)), 1000);
    }

    /** The first 8 hexadecimal digits of a pseudonym: enough to tell people apart on a page. */
    public static String shortTag(String pseudonym) {
        String hex = pseudonym.substring(pseudonym.indexOf(':') + 1);
        return hex.substring(0, Math.min(8, hex.length()));
    }

    /** The newest entries, for the privacy officer. */
    public List<Entry> recent(int limit) {
        return entries("", List.of(), limit);
    }

    private List<Entry> entries(String where, List<Object> params, int limit) {
        return jdbc.sql("SELECT position, operator, role, action, subject, reason, occurred_at FROM access_log "
                        + where + " ORDER BY position DESC LIMIT " + limit)
                .params(params)
                .query((rs, n) -> new Entry(rs.getLong(1), rs.getString(2), StaffRole.valueOf(rs.getString(3)),
                        Access.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6),
                        Instant.ofEpochMilli(rs.getLong(7))))
                .list();
    }

    /**
     * Checks the whole log: every link follows the one before, every entry matches its link, a
     * link without its entry belongs to an erased person, no entry lacks its link, and the chain
     * still reaches the anchored head.
     */
    public Integrity verify() {
        record Row(long position, String operator, String role, String action, String subject, String reason,
                long at) {}
        Map<Long, Row> entries = new HashMap<>();
        jdbc.sql("SELECT position, operator, role, action, subject, reason, occurred_at FROM access_log")
                .query(rs -> {
                    entries.put(rs.getLong(1), new Row(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getLong(7)));
                });
        Set<String> erased = erasures.all();
        String previous = START;
        long expected = 1;
        long links = 0;
        List<String[]> chain = new ArrayList<>();
        jdbc.sql("SELECT position, subject, entry_mac, chain_mac FROM access_log_chain ORDER BY position")
                .query(rs -> {
                    chain.add(new String[] {Long.toString(rs.getLong(1)), rs.getString(2), rs.getString(3),
                            rs.getString(4)});
                });
        for (String[] link : chain) {
            long position = Long.parseLong(link[0]);
            if (position != expected) {
                return new Integrity(false, "link " + expected + " is missing", entries.size());
            }
            if (!chainMac(position, previous, link[1], link[2]).equals(link[3])) {
                return new Integrity(false, "link " + position + " does not follow the one before", entries.size());
            }
            Row e = entries.remove(position);
            if (e == null) {
                if (!erased.contains(link[1])) {
                    return new Integrity(false, "entry " + position + " was removed", links);
                }
            } else if (!e.subject().equals(link[1]) || !entryMac(position, e.operator(), e.role(), e.action(),
                    e.subject(), e.reason(), e.at()).equals(link[2])) {
                return new Integrity(false, "entry " + position + " was changed", links);
            }
            previous = link[3];
            expected++;
            links++;
        }
        if (!entries.isEmpty()) {
            return new Integrity(false, "entry " + entries.keySet().iterator().next() + " has no link", links);
        }
        Optional<String[]> anchor = keys.read(ANCHOR).map(b -> new String(b, StandardCharsets.US_ASCII).strip().split(" "));
        if (anchor.isPresent()) {
            String[] a = anchor.get();
            if (a.length != 3 || !pseudonyms.mac("access-anchor", a[0] + "\n" + a[1]).equals(a[2])) {
                return new Integrity(false, "the anchor in the key directory is not signed with this installation's key",
                        links);
            }
            long anchored = Long.parseLong(a[0]);
            if (anchored > chain.size()) {
                return new Integrity(false, "the log ends before its anchored entry " + anchored, links);
            }
            if (!chain.get((int) anchored - 1)[3].equals(a[1])) {
                return new Integrity(false, "the chain differs from its anchor at entry " + anchored, links);
            }
        }
        return new Integrity(true, null, links);
    }

    private synchronized void anchor() {
        head().ifPresent(h -> {
            String line = h[0] + " " + h[1] + " " + pseudonyms.mac("access-anchor", h[0] + "\n" + h[1]) + "\n";
            try {
                keys.write(ANCHOR, line.getBytes(StandardCharsets.US_ASCII), true);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the access log's anchor", e);
            }
        });
    }

    /** Position and chain MAC of the newest link. */
    private Optional<String[]> head() {
        return jdbc.sql("SELECT position, chain_mac FROM access_log_chain ORDER BY position DESC LIMIT 1")
                .query((rs, n) -> new String[] {Long.toString(rs.getLong(1)), rs.getString(2)}).optional();
    }

    private String entryMac(long position, String operator, String role, String action, String subject,
            String reason, long at) {
        return pseudonyms.mac("access-entry", String.join("\n", Long.toString(position), operator, role, action,
                subject, reason, Long.toString(at)));
    }

    private String chainMac(long position, String previous, String subject, String entry) {
        return pseudonyms.mac("access-chain", position + "\n" + previous + "\n" + subject + "\n" + entry);
    }
}
