package dev.arca.library;

import dev.arca.library.internal.TempContent;
import dev.arca.media.Extraction;
import dev.arca.media.MediaMetadata;
import dev.arca.media.MetadataExtractor;
import dev.arca.media.ThumbnailSize;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/**
 * The background job that reads each new version's metadata and makes its small thumbnail.
 * The queue is the {@code item_metadata} table ({@code state = 'pending'}), so work survives
 * a restart; a failing attempt is retried with growing delays, up to {@value #MAX_ATTEMPTS}
 * times, after which the item says why. Extraction itself is bounded in time and memory.
 */
@Component
class MetadataJobs implements DisposableBean {

    static final int MAX_ATTEMPTS = 5;
    private static final Logger log = LoggerFactory.getLogger(MetadataJobs.class);

    private final JdbcClient jdbc;
    private final Library library;
    private final Previews previews;
    private final TempContent temp;
    private final MetadataExtractor extractor;
    private final ObjectMapper json;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofPlatform()
            .name("arca-metadata").daemon(true).factory());
    private final AtomicBoolean queued = new AtomicBoolean();

    MetadataJobs(JdbcClient jdbc, Library library, Previews previews, TempContent temp, MetadataExtractor extractor,
            ObjectMapper json, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.library = library;
        this.previews = previews;
        this.temp = temp;
        this.extractor = extractor;
        this.json = json;
        this.tx = tx;
        this.clock = clock;
    }

    /** After the commit that stored the item (at once when there was no transaction). */
    @org.springframework.transaction.event.TransactionalEventListener(fallbackExecution = true)
    void on(ItemStored stored) {
        wake();
    }

    /** Picks up work left by a restart or waiting for a retry. */
    @Scheduled(fixedDelayString = "${arca.library.metadata-poll:30s}", initialDelayString = "${arca.library.metadata-delay:2s}")
    void poll() {
        wake();
    }

    private void wake() {
        if (queued.compareAndSet(false, true)) {
            worker.execute(() -> {
                queued.set(false);
                drain();
            });
        }
    }

    private record Pending(String accountId, String itemId, int attempts) {}

    /** Works through everything due, oldest first. */
    void drain() {
        while (true) {
            List<Pending> due = jdbc.sql("SELECT i.account_id, m.item_id, m.attempts FROM item_metadata m "
                            + "JOIN items i ON i.id = m.item_id WHERE m.state = 'pending' AND m.next_attempt_at <= ? "
                            + "ORDER BY m.next_attempt_at LIMIT 20")
                    .param(clock.millis())
                    .query((rs, n) -> new Pending(rs.getString(1), rs.getString(2), rs.getInt(3))).list();
            if (due.isEmpty()) {
                return;
            }
            due.forEach(this::attempt);
        }
    }

    private void attempt(Pending job) {
        try {
            process(job);
        } catch (Exception | OutOfMemoryError e) {
            int attempts = job.attempts() + 1;
            boolean last = attempts >= MAX_ATTEMPTS;
            log.warn("Metadata attempt {} of {} failed: {}", attempts, MAX_ATTEMPTS, e.getClass().getSimpleName());
            jdbc.sql("UPDATE item_metadata SET attempts = ?, state = ?, error = ?, next_attempt_at = ? WHERE item_id = ?")
                    .params(attempts, last ? "failed" : "pending",
                            last ? "reading the file failed " + attempts + " times" : null,
                            clock.millis() + (30_000L << attempts), job.itemId())
                    .update();
        }
    }

    private void process(Pending job) throws Exception {
        Item item = library.find(job.accountId(), job.itemId()).orElse(null);
        if (item == null) {
            return;
        }
        Library.Version version = library.version(job.accountId(), item.id(), item.version()).orElseThrow();
        // A type no reader reads costs no copy of its content.
        Optional<Extraction> unread = extractor.unread(Previews.type(item));
        Extraction extraction = unread.isPresent() ? unread.get() : extractFromCopy(job.accountId(), item, version);
        MediaMetadata m = extraction.metadata();
        String state = switch (extraction.status()) {
            case OK -> "done";
            case FAILED -> "failed";
            case UNSUPPORTED -> "unsupported";
        };
        // The fields and the timeline date they imply change together.
        Integer updated = tx.execute(status -> {
            int rows = jdbc.sql("UPDATE item_metadata SET state = ?, error = ?, attempts = ?, next_attempt_at = NULL, "
                            + "extracted_at = ?, captured_at = ?, captured_offset = ?, latitude = ?, longitude = ?, "
                            + "altitude = ?, make = ?, model = ?, lens = ?, exposure_time = ?, f_number = ?, iso = ?, "
                            + "focal_length = ?, orientation = ?, width = ?, height = ?, title = ?, description = ?, "
                            + "keywords = ?, rating = ?, duration_ms = ?, frame_rate = ?, video_codec = ?, audio_codec = ?, "
                            + "bitrate = ?, sample_rate = ?, channels = ?, artist = ?, album = ?, genre = ?, track = ?, "
                            + "release_year = ?, has_cover = ?, raw = ? WHERE item_id = ? AND state = 'pending' "
                            // A newer version arrived meanwhile: leave the row pending for it.
                            + "AND EXISTS (SELECT 1 FROM items i WHERE i.id = item_metadata.item_id AND i.version_no = ?)")
                    .params(state, extraction.error(), job.attempts() + 1, clock.millis(),
                            m.capturedAt() == null ? null : m.capturedAt().toEpochMilli(), m.capturedOffset(),
                            m.latitude(), m.longitude(), m.altitude(), m.make(), m.model(), m.lens(), m.exposureTime(),
                            m.fNumber(), m.iso(), m.focalLength(), m.orientation(), m.width(), m.height(), m.title(),
                            m.description(), m.keywords() == null ? null : String.join("\n", m.keywords()), m.rating(),
                            m.durationMillis(), m.frameRate(), m.videoCodec(), m.audioCodec(), m.bitrate(),
                            m.sampleRate(), m.channels(), m.artist(), m.album(), m.genre(), m.track(), m.year(),
                            m.hasCover(), extraction.raw().isEmpty() ? null : json.writeValueAsString(extraction.raw()),
                            item.id(), item.version())
                    .update();
            if (rows > 0) {
                library.refreshDerived(item.id());
            }
            return rows;
        });
        if (updated != null && updated > 0) {
            log.debug("Metadata of a {} item: {}", item.kind().toLowerCase(Locale.ROOT), state);
        }
        if (!"other".equals(item.kind())) {
            // The thumbnail depends on the version and the edits, not on what was just extracted.
            previews.thumbnail(job.accountId(), item, ThumbnailSize.SMALL);
        }
    }

    private Extraction extractFromCopy(String accountId, Item item, Library.Version version) throws IOException {
        try (PlainCopy copy = temp.copy(accountId, version.id(), version.size(),
                TempContent.extensionOf(version.filename()))) {
            return extractor.extract(copy.path(), Previews.type(item));
        }
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}
