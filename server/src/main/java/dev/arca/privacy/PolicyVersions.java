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
                completeLegacy(stored.get(), release);
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
            for (Purpose purpose : Purpose.consentBased()) {
                String text = release.snapshot().notice(purpose).orElseThrow(() -> new IllegalStateException(
                        "Policy version " + release.version() + " has no notice for " + purpose));
                jdbc.sql("INSERT INTO policy_notices (version, purpose, notice_text, notice_sha256) VALUES (?, ?, ?, ?)")
                        .params(release.version(), purpose.name(), text, dev.arca.platform.Secrets.sha256Hex(text))
                        .update();
            }
            PolicyVersion adopted = load(release.version());
            LOG.info("Privacy policy version {} is in force from now on", adopted.version());
            if (adopted.version() > 1) {
                events.publishEvent(new PolicyVersionAdopted(adopted.version(), adopted.publishedAt()));
            }
            return adopted;
        });
    }

    private record Stored(int version, String text, Map<Purpose, String> noticeHashes) {}

    private Optional<Stored> stored(int version) {
        return jdbc.sql("SELECT full_text FROM policy_versions WHERE version = ?").param(version)
                .query(String.class).optional()
                .map(text -> new Stored(version, text, noticeHashes(version)));
    }

    private Map<Purpose, String> noticeHashes(int version) {
        Map<Purpose, String> hashes = new java.util.EnumMap<>(Purpose.class);
        jdbc.sql("SELECT purpose, notice_sha256 FROM policy_notices WHERE version = ?").param(version)
                .query((rs, n) -> hashes.put(Purpose.valueOf(rs.getString(1)), rs.getString(2))).list();
        return hashes;
    }

    /**
     * A version adopted before versions carried their text gets the release's text and snapshot,
     * provided it asked with the same notices: the ledger's grants refer to those.
     */
    private void completeLegacy(Stored stored, PolicyRelease release) {
        if (!stored.text().isEmpty()) {
            return;
        }
        for (Purpose purpose : Purpose.consentBased()) {
            String published = release.snapshot().notice(purpose).map(dev.arca.platform.Secrets::sha256Hex).orElse(null);
            if (!java.util.Objects.equals(stored.noticeHashes().get(purpose), published)) {
                throw new IllegalStateException("Policy version " + release.version() + " on this server asked for "
                        + purpose + " with another notice than the version " + release.version() + " this release "
                        + "publishes; consents given to it would lose their meaning. Keep running the release that "
                        + "published it, or erase the database's policy versions only on a server with no consents.");
            }
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
                    return new PolicyVersion(v, Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2),
                            changes.isEmpty() ? List.of() : List.of(changes.split("\n")), rs.getString(4),
                            snapshot.isEmpty() ? legacySnapshot(v) : JSON.readValue(snapshot, PolicySnapshot.class));
                })
                .single());
    }

    /** Until start-up completes a legacy version: its notices, and nothing else yet. */
    private PolicySnapshot legacySnapshot(int version) {
        List<PolicySnapshot.PurposeEntry> purposes = new java.util.ArrayList<>();
        jdbc.sql("SELECT purpose, notice_text FROM policy_notices WHERE version = ?").param(version)
                .query((rs, n) -> purposes.add(new PolicySnapshot.PurposeEntry(rs.getString(1), LegalBasis.CONSENT.name(),
                        Purpose.valueOf(rs.getString(1)).clause(), Purpose.valueOf(rs.getString(1)).title(),
                        rs.getString(2))))
                .list();
        return new PolicySnapshot(purposes, List.of());
    }
}
