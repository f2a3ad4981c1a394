package dev.arca.privacy;

import dev.arca.platform.Secrets;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The versions of the privacy policy (III). The first version is published from the notices in
 * {@link Purpose} when the database has none. A new version may change notices; grants given to
 * a changed notice stop counting until given again, and every account sees a notice of the new
 * version until it acknowledges it. Thread-safe.
 */
@Service
public class PolicyVersions {

    private final JdbcClient jdbc;
    private final Clock clock;

    private final TransactionTemplate transaction;

    PolicyVersions(JdbcClient jdbc, Clock clock, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** The version in force. */
    public PolicyVersion current() {
        return latest().orElseGet(() -> publish("First version.", Map.of()));
    }

    /** Every published version, newest first. */
    public List<PolicyVersion> all() {
        return jdbc.sql("SELECT version FROM policy_versions ORDER BY version DESC")
                .query(Integer.class).list().stream().map(this::load).toList();
    }

    /** The published version {@code version}, if there is one. */
    public Optional<PolicyVersion> version(int version) {
        boolean exists = jdbc.sql("SELECT COUNT(*) FROM policy_versions WHERE version = ?").param(version)
                .query(Integer.class).single() > 0;
        return exists ? Optional.of(load(version)) : Optional.empty();
    }

    /**
     * What a page that showed {@code version} showed for {@code purpose}; for a version that
     * does not exist, a notice that matches nothing, so a grant is refused.
     */
    public NoticeShown shown(int version, Purpose purpose) {
        return version(version).map(p -> NoticeShown.of(p, purpose)).orElse(new NoticeShown(version, ""));
    }

    /**
     * Publishes a new version. Notices not in {@code changedNotices} carry over unchanged.
     *
     * @return the new version, now in force
     */
    public synchronized PolicyVersion publish(String summary, Map<Purpose, String> changedNotices) {
        return transaction.execute(status -> insertNext(summary, changedNotices));
    }

    private PolicyVersion insertNext(String summary, Map<Purpose, String> changedNotices) {
        Optional<PolicyVersion> previous = latest();
        int version = previous.map(p -> p.version() + 1).orElse(1);
        Instant now = clock.instant();
        jdbc.sql("INSERT INTO policy_versions (version, published_at, summary) VALUES (?, ?, ?)")
                .params(version, now.toEpochMilli(), summary).update();
        for (Purpose purpose : Purpose.consentBased()) {
            String text = changedNotices.getOrDefault(purpose,
                    previous.map(p -> p.notice(purpose).text()).orElse(purpose.defaultNotice()));
            jdbc.sql("INSERT INTO policy_notices (version, purpose, notice_text, notice_sha256) VALUES (?, ?, ?, ?)")
                    .params(version, purpose.name(), text, Secrets.sha256Hex(text)).update();
        }
        return load(version);
    }

    /** The newest version this account has not acknowledged, if it is the current one. */
    public Optional<PolicyVersion> unacknowledged(String accountId) {
        PolicyVersion now = current();
        if (now.version() == 1) {
            return Optional.empty(); // accounts accept version 1 when they register under it
        }
        boolean acknowledged = jdbc.sql("SELECT COUNT(*) FROM policy_acknowledgements WHERE account_id = ? AND version = ?")
                .params(accountId, now.version()).query(Integer.class).single() > 0;
        return acknowledged ? Optional.empty() : Optional.of(now);
    }

    /** Records that the account saw the notice of {@code version}. Idempotent. */
    public void acknowledge(String accountId, int version) {
        if (version != current().version()) {
            throw new IllegalArgumentException("Only the current version can be acknowledged");
        }
        jdbc.sql("INSERT INTO policy_acknowledgements (account_id, version, acknowledged_at) VALUES (?, ?, ?) "
                        + "ON CONFLICT (account_id, version) DO NOTHING")
                .params(accountId, version, clock.millis()).update();
    }

    private Optional<PolicyVersion> latest() {
        return jdbc.sql("SELECT version FROM policy_versions ORDER BY version DESC LIMIT 1")
                .query(Integer.class).optional().map(this::load);
    }

    private PolicyVersion load(int version) {
        Map<Purpose, PolicyVersion.Notice> notices = new EnumMap<>(Purpose.class);
        jdbc.sql("SELECT purpose, notice_text, notice_sha256 FROM policy_notices WHERE version = ?")
                .param(version)
                .query((rs, n) -> notices.put(Purpose.valueOf(rs.getString(1)),
                        new PolicyVersion.Notice(rs.getString(2), rs.getString(3))))
                .list();
        return jdbc.sql("SELECT published_at, summary FROM policy_versions WHERE version = ?").param(version)
                .query((rs, n) -> new PolicyVersion(version, Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2),
                        Map.copyOf(notices)))
                .single();
    }
}
