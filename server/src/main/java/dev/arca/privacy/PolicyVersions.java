package dev.arca.privacy;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The versions of the privacy policy (III). They follow the code: each release carries every
 * version it publishes ({@link PolicyRelease#bundled()}), and the server adopts those it has not
 * yet adopted when it starts, announcing each new one ({@link PolicyVersionAdopted}). A grant given
 * to a notice that a later version changed stops counting until given again, and every account
 * sees the new version until it acknowledges it. Thread-safe; versions never change once stored.
 */
@Service
public class PolicyVersions implements SmartInitializingSingleton {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyVersions.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final DataMap dataMap;
    private final ApplicationEventPublisher events;
    private final Map<Integer, PolicyVersion> loaded = new ConcurrentHashMap<>();

    PolicyVersions(JdbcClient jdbc, Clock clock, TransactionTemplate transaction, DataMap dataMap,
            ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
        this.dataMap = dataMap;
        this.events = events;
    }

    /** Adopts every version this build publishes, oldest first, before the server takes requests. */
    @Override
    public void afterSingletonsInstantiated() {
        List<PolicyRelease> releases = PolicyRelease.bundled();
        releases.forEach(this::adopt);
        PolicyRelease latest = releases.getLast();
        List<String> unpublished = PolicySnapshot.live(dataMap).changesFrom(latest.snapshot());
        if (!unpublished.isEmpty()) {
            // The build's policy check refuses such a build; one that bypassed it is reported here.
            LOG.error("This build processes personal data in ways policy version {} does not describe: {}",
                    latest.version(), unpublished);
        }
    }

    /**
     * Makes {@code release} a version of this server if it is not one yet; the first adoption of
     * a version after version 1 publishes {@link PolicyVersionAdopted} once the transaction commits.
     *
     * @throws IllegalStateException when this server already has that version with other notices
     */
    public PolicyVersion adopt(PolicyRelease release) {
        return transaction.execute(status -> {
            Optional<Stored> stored = stored(release.version());
            if (stored.isPresent()) {
                checkStored(stored.get(), release);
                return load(release.version());
            }
            int inserted = jdbc.sql("INSERT INTO policy_versions (version, published_at, summary, changes, full_text, "
                            + "snapshot) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (version) DO NOTHING")
                    .params(release.version(), clock.millis(), release.summary(), String.join("\n", release.changes()),
                            release.text(), JSON.writeValueAsString(release.snapshot()))
                    .update();
            if (inserted == 0) {
                return load(release.version()); // another node adopted it first
            }
            for (PolicySnapshot.PurposeEntry purpose : release.snapshot().purposes()) {
                if (purpose.notice() != null) {
                    jdbc.sql("INSERT INTO policy_notices (version, purpose, notice_text, notice_sha256) VALUES (?, ?, ?, ?)")
                            .params(release.version(), purpose.id(), purpose.notice(),
                                    dev.arca.platform.Secrets.sha256Hex(purpose.notice()))
                            .update();
                }
            }
            PolicyVersion adopted = load(release.version());
            LOG.info("Privacy policy version {} is in force from now on", adopted.version());
            if (adopted.version() > 1) {
                events.publishEvent(new PolicyVersionAdopted(adopted.version(), adopted.publishedAt()));
            }
            return adopted;
        });
    }

    private record Stored(int version, String text, Map<String, String> noticeHashes) {}

    private Optional<Stored> stored(int version) {
        return jdbc.sql("SELECT full_text FROM policy_versions WHERE version = ?").param(version)
                .query(String.class).optional()
                .map(text -> new Stored(version, text, noticeHashes(version)));
    }

    private Map<String, String> noticeHashes(int version) {
        Map<String, String> hashes = new java.util.HashMap<>();
        jdbc.sql("SELECT purpose, notice_sha256 FROM policy_notices WHERE version = ?").param(version)
                .query((rs, n) -> hashes.put(rs.getString(1), rs.getString(2))).list();
        return hashes;
    }

    /**
     * A version this server already has must be the one the release publishes. Version 1 adopted
     * before versions carried their text gets the release's text and snapshot, provided it asked
     * with the same notices: the ledger's grants refer to those. Anything else stops the start.
     */
    private void checkStored(Stored stored, PolicyRelease release) {
        if (stored.text().equals(release.text())) {
            return;
        }
        Map<String, String> published = new java.util.HashMap<>();
        release.snapshot().purposes().stream().filter(p -> p.notice() != null)
                .forEach(p -> published.put(p.id(), dev.arca.platform.Secrets.sha256Hex(p.notice())));
        if (!stored.text().isEmpty() || stored.version() != 1 || !stored.noticeHashes().equals(published)) {
            throw new IllegalStateException("Policy version " + release.version() + " on this server is not the "
                    + "version " + release.version() + " this release publishes (it was published otherwise, or "
                    + "edited), and consents given to it would lose their meaning. Run the release that published "
                    + "it; see docs/policy-versions.md.");
        }
        jdbc.sql("UPDATE policy_versions SET changes = ?, full_text = ?, snapshot = ? WHERE version = ?")
                .params(String.join("\n", release.changes()), release.text(), JSON.writeValueAsString(release.snapshot()),
                        release.version())
                .update();
        loaded.remove(release.version());
    }

    /** The version in force. */
    public PolicyVersion current() {
        return jdbc.sql("SELECT MAX(version) FROM policy_versions").query(Integer.class).optional()
                .map(this::load)
                .orElseThrow(() -> new IllegalStateException("No policy version adopted yet"));
    }

    /** Every adopted version, newest first. */
    public List<PolicyVersion> all() {
        return jdbc.sql("SELECT version FROM policy_versions ORDER BY version DESC")
                .query(Integer.class).list().stream().map(this::load).toList();
    }

    /** The adopted version {@code version}, if there is one. */
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

    /** Stored versions never change, so each is read once. */
    private PolicyVersion load(int version) {
        return loaded.computeIfAbsent(version, v -> jdbc
                .sql("SELECT published_at, summary, changes, full_text, snapshot FROM policy_versions WHERE version = ?")
                .param(v)
                .query((rs, n) -> {
                    String changes = rs.getString(3);
                    String snapshot = rs.getString(5);
                    if (snapshot.isEmpty()) {
                        throw new IllegalStateException("Policy version " + v + " has no snapshot: it was published "
                                + "before versions followed the code (docs/policy-versions.md)");
                    }
                    return new PolicyVersion(v, Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2),
                            changes.isEmpty() ? List.of() : List.of(changes.split("\n")), rs.getString(4),
                            JSON.readValue(snapshot, PolicySnapshot.class));
                })
                .single());
    }
}
