package dev.arca.library;

import dev.arca.library.internal.ContentIngest;
import dev.arca.library.internal.ContentIngest.QuotaExceededException;
import dev.arca.library.internal.Filenames;
import dev.arca.library.internal.ItemRows;
import dev.arca.library.internal.SearchTerms;
import dev.arca.library.internal.SearchText;
import dev.arca.library.internal.TimelineDays;
import dev.arca.library.internal.TimelineMoves;
import dev.arca.media.DetectedType;
import dev.arca.media.EditList;
import dev.arca.media.MediaTypes;
import dev.arca.platform.Secrets;
import dev.arca.protocol.manifest.ChunkRef;
import dev.arca.protocol.manifest.FileManifest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The items of each account: storing new items and versions, reading them, the user's edits,
 * trash and purge. Every method takes the account id and never touches another account's
 * rows: an item id of someone else behaves exactly like an id that does not exist.
 */
@Service
public class Library {

    /** One stored version of an item. */
    public record Version(String id, int version, String filename, String kind, String contentType, long size,
            String sha256, Instant createdAt) {}

    /**
     * Storage used and allowed, in bytes: {@code usedBytes} stored, {@code reservedBytes} held for
     * unfinished resumable uploads; both count against {@code quotaBytes}.
     */
    public record Usage(long usedBytes, long reservedBytes, long quotaBytes, long items) {}

    /** Chunks read ahead of the hashing when a manifest is checked: about a core's worth of decryption. */
    private static final int READ_AHEAD = 3;

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final ContentIngest ingest;
    private final Admission admission;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final dev.arca.library.internal.StoredChunks stored;
    private final dev.arca.library.internal.ContentReader reader;
    private final SearchTerms searchTerms;
    private final TimelineMoves timelineMoves;
    private final TimelineDays timelineDays;

    Library(JdbcClient jdbc, JdbcTemplate batches, ContentIngest ingest, Admission admission, TransactionTemplate tx,
            ApplicationEventPublisher events, Clock clock, dev.arca.library.internal.StoredChunks stored,
            dev.arca.library.internal.ContentReader reader, SearchTerms searchTerms, TimelineMoves timelineMoves, TimelineDays timelineDays) {
        this.searchTerms = searchTerms;
        this.timelineDays = timelineDays;
        this.timelineMoves = timelineMoves;
        this.stored = stored;
        this.reader = reader;
        this.jdbc = jdbc;
        this.batches = batches;
        this.ingest = ingest;
        this.admission = admission;
        this.tx = tx;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Stores a new item from a stream, when {@link Admission} admits it: {@code declaredLength},
     * the content's exact length (or -1 when unknown), lets a file that is too large or cannot fit
     * be refused before a byte is read; the stream is held to both as it is read.
     *
     * @throws QuotaExceededException when it does not fit in the account's quota
     * @throws dev.arca.library.internal.LimitedInputStream.TooLargeException when it is larger than
     *     this server accepts
     */
    public Item create(String accountId, String filename, InputStream content, long declaredLength) throws IOException {
        return create(accountId, filename, content, declaredLength, itemId -> {});
    }

    /**
     * As {@link #create(String, String, InputStream, long)}, running {@code alsoInTransaction}
     * with the new item's id in the transaction that commits it, so a caller's own bookkeeping
     * (a finished upload) commits with the item or not at all.
     */
    public Item create(String accountId, String filename, InputStream content, long declaredLength,
            java.util.function.Consumer<String> alsoInTransaction) throws IOException {
        ContentIngest.Stored stored = storeWithin(accountId, content, declaredLength);
        String itemId = Secrets.newId();
        String name = Filenames.clean(filename);
        DetectedType type = MediaTypes.detect(stored.head(), name);
        long now = clock.millis();
        commit(accountId, stored, () -> {
            insertItem(accountId, itemId, name, type, stored, now);
            alsoInTransaction.accept(itemId);
        });
        events.publishEvent(new ItemStored(accountId, itemId, 1));
        return find(accountId, itemId).orElseThrow();
    }

    /** Stores new content for an item, admitted as {@link #create} is; earlier versions stay listable and restorable. */
    public Optional<Item> addVersion(String accountId, String itemId, String filename, InputStream content,
            long declaredLength) throws IOException {
        Optional<Item> item = find(accountId, itemId);
        if (item.isEmpty()) {
            return Optional.empty();
        }
        ContentIngest.Stored stored = storeWithin(accountId, content, declaredLength);
        String name = filename == null ? item.get().filename() : Filenames.clean(filename);
        DetectedType type = MediaTypes.detect(stored.head(), name);
        int[] version = new int[1];
        commit(accountId, stored, () -> {
            version[0] = nextVersion(itemId);
            insertVersion(accountId, itemId, version[0], name, type, stored, clock.millis());
            pointAt(accountId, itemId, version[0], name, type.contentType(), kind(type), stored.size(),
                    stored.sha256());
        });
        events.publishEvent(new ItemStored(accountId, itemId, version[0]));
        return find(accountId, itemId);
    }

    /** Chunks a manifest names that the account does not store; nothing was committed. */
    public static final class MissingChunksException extends RuntimeException {
        private final List<String> missing;

        MissingChunksException(List<String> missing) {
            super(missing.size() + " chunks missing", null, false, false);
            this.missing = List.copyOf(missing);
        }

        public List<String> missing() {
            return missing;
        }
    }

    /** The chunks of a manifest do not join into its size and SHA-256; nothing was committed. */
    public static final class ManifestMismatchException extends RuntimeException {
        ManifestMismatchException() {
            super("the chunks do not join into the manifest's file", null, false, false);
        }
    }

    /**
     * A manifest whose chunks the account stores and join into the file it describes, with the
     * start of that file for type detection: what {@link #check} found, ready to commit.
     */
    public record Checked(FileManifest manifest, byte[] head) {}

    /**
     * Checks a manifest a client sent before it is committed: the account must store every chunk
     * it names, and the chunks must join into its size and SHA-256, so that a manifest cannot make
     * the library believe a false hash. Reads content, so call it outside any transaction.
     *
     * @throws MissingChunksException when the account lacks chunks the manifest names
     * @throws ManifestMismatchException when the chunks do not make the file the manifest describes
     */
    public Checked check(String accountId, FileManifest manifest) {
        List<String> hashes = manifest.chunks().stream().map(ChunkRef::sha256).distinct().toList();
        java.util.Set<String> known = knownChunks(accountId, hashes);
        List<String> missing = hashes.stream().filter(h -> !known.contains(h)).toList();
        if (!missing.isEmpty()) {
            throw new MissingChunksException(missing);
        }
        return new Checked(manifest, joinAndCheck(accountId, manifest));
    }

    /**
     * Commits a file the client cut and uploaded chunk by chunk, once {@link #check checked}: a new
     * item when {@code itemId} is null, else a new version of that item (none when the content is
     * the one it already has). {@code alsoInTransaction} runs in the committing transaction.
     *
     * @throws MissingChunksException when a chunk was collected since the check
     */
    public ItemStored commitManifest(String accountId, String itemId, String filename, Checked checked,
            java.util.function.Consumer<ItemStored> alsoInTransaction) {
        FileManifest manifest = checked.manifest();
        List<String> hashes = manifest.chunks().stream().map(ChunkRef::sha256).distinct().toList();
        byte[] head = checked.head();
        ContentIngest.Stored stored = new ContentIngest.Stored(manifest.size(), manifest.sha256(), manifest.chunks(),
                head, List.of(), 0);
        String name = Filenames.clean(filename);
        DetectedType type = MediaTypes.detect(head, name);
        long now = clock.millis();
        ItemStored result = tx.execute(status -> {
            // Again inside the transaction: a collector may have removed an unreferenced chunk since.
            java.util.Set<String> stillKnown = knownChunks(accountId, hashes);
            if (!stillKnown.containsAll(hashes)) {
                throw new MissingChunksException(hashes.stream().filter(h -> !stillKnown.contains(h)).toList());
            }
            ItemStored done;
            if (itemId == null) {
                String id = Secrets.newId();
                insertItem(accountId, id, name, type, stored, now);
                done = new ItemStored(accountId, id, 1);
            } else {
                Item current = find(accountId, itemId).orElseThrow(() -> new IllegalStateException("no such item"));
                if (current.sha256().equals(stored.sha256())) {
                    done = new ItemStored(accountId, itemId, current.version());
                } else {
                    int next = nextVersion(itemId);
                    insertVersion(accountId, itemId, next, name, type, stored, now);
                    pointAt(accountId, itemId, next, name, type.contentType(), kind(type), stored.size(),
                            stored.sha256());
                    done = new ItemStored(accountId, itemId, next);
                }
            }
            alsoInTransaction.accept(done);
            return done;
        });
        events.publishEvent(result);
        return result;
    }

    /** Writes bytes {@code first..last} (inclusive) of a stored version (see {@link #version}). */
    public void read(String accountId, String versionId, long first, long last, java.io.OutputStream out)
            throws IOException {
        reader.write(accountId, versionId, first, last, out);
    }

    /** The manifest of a version of the item; {@code versionNo} 0 means the current one. */
    public Optional<FileManifest> manifest(String accountId, String itemId, int versionNo) {
        return version(accountId, itemId, versionNo).map(v -> new FileManifest(v.size(), v.sha256(),
                jdbc.sql("SELECT hash, length FROM version_chunks WHERE version_id = ? ORDER BY seq").param(v.id())
                        .query((rs, n) -> new ChunkRef(rs.getString(1), rs.getInt(2))).list()));
    }

    /** The hashes among {@code hashes} (distinct) that the account stores. */
    java.util.Set<String> knownChunks(String accountId, List<String> hashes) {
        return ingest.known(accountId, hashes);
    }

    /**
     * Joins the chunks in order, checking their lengths and the file's hash; returns the head for
     * type detection. The SHA-256 of a file of one chunk is that chunk's, which was checked when
     * it was stored, so only longer files are hashed again, and their chunks are read and decrypted a
     * few ahead of the hashing, on other threads.
     */
    private byte[] joinAndCheck(String accountId, FileManifest manifest) {
        List<ChunkRef> chunks = manifest.chunks();
        // A manifest's own rules hold already: an empty file has the hash of no bytes, and a file
        // of one chunk has that chunk's hash.
        if (chunks.isEmpty()) {
            return new byte[0];
        }
        if (chunks.size() == 1) {
            ChunkRef only = chunks.getFirst();
            byte[] bytes = stored.read(accountId, only.sha256());
            if (bytes.length != only.length()) {
                throw new ManifestMismatchException();
            }
            return java.util.Arrays.copyOf(bytes, Math.min(bytes.length, ContentIngest.HEAD));
        }
        java.security.MessageDigest digest = dev.arca.protocol.chunk.ContentHash.newSha256();
        byte[] head = null;
        try (java.util.concurrent.ExecutorService readers = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            java.util.ArrayDeque<java.util.concurrent.Future<byte[]>> ahead = new java.util.ArrayDeque<>();
            int next = 0;
            for (ChunkRef ref : chunks) {
                while (next < chunks.size() && ahead.size() < READ_AHEAD) {
                    String hash = chunks.get(next++).sha256();
                    ahead.add(readers.submit(() -> stored.read(accountId, hash)));
                }
                byte[] bytes = joined(ahead.remove());
                if (bytes.length != ref.length()) {
                    ahead.forEach(f -> f.cancel(true));
                    throw new ManifestMismatchException();
                }
                digest.update(bytes);
                if (head == null) {
                    head = java.util.Arrays.copyOf(bytes, Math.min(bytes.length, ContentIngest.HEAD));
                }
            }
        }
        if (!dev.arca.protocol.chunk.ContentHash.hex(digest).equals(manifest.sha256())) {
            throw new ManifestMismatchException();
        }
        return head;
    }

    private static byte[] joined(java.util.concurrent.Future<byte[]> read) {
        try {
            return read.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while joining chunks", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Makes an earlier version current again, as a new version with the same content. */
    public Optional<Item> restoreVersion(String accountId, String itemId, int versionNo) {
        Optional<Version> old = version(accountId, itemId, versionNo);
        if (old.isEmpty()) {
            return Optional.empty();
        }
        int[] version = new int[1];
        tx.executeWithoutResult(status -> {
            version[0] = nextVersion(itemId);
            String newId = Secrets.newId();
            Version v = old.get();
            jdbc.sql("INSERT INTO item_versions (id, item_id, account_id, version_no, filename, kind, content_type, "
                            + "size, sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(newId, itemId, accountId, version[0], v.filename(), v.kind(), v.contentType(), v.size(),
                            v.sha256(), clock.millis())
                    .update();
            jdbc.sql("INSERT INTO version_chunks (version_id, account_id, seq, byte_offset, length, hash) "
                            + "SELECT ?, account_id, seq, byte_offset, length, hash FROM version_chunks WHERE version_id = ?")
                    .params(newId, v.id()).update();
            pointAt(accountId, itemId, version[0], v.filename(), v.contentType(), v.kind(), v.size(), v.sha256());
        });
        events.publishEvent(new ItemStored(accountId, itemId, version[0]));
        return find(accountId, itemId);
    }

    public Optional<Item> find(String accountId, String itemId) {
        Optional<Item> item = jdbc.sql("SELECT " + ItemRows.COLUMNS
                        + " FROM items i LEFT JOIN item_metadata m ON m.item_id = i.id WHERE i.id = ? AND i.account_id = ?")
                .params(itemId, accountId)
                .query((rs, n) -> ItemRows.item(rs, List.of()))
                .optional();
        return item.map(i -> withTags(List.of(i)).getFirst());
    }

    /** Adds each item's tags, with one query for the whole list. */
    List<Item> withTags(List<Item> items) {
        if (items.isEmpty()) {
            return items;
        }
        Map<String, List<String>> tags = new HashMap<>();
        String marks = items.stream().map(i -> "?").collect(Collectors.joining(","));
        jdbc.sql("SELECT it.item_id, t.name FROM item_tags it JOIN tags t ON t.id = it.tag_id WHERE it.item_id IN ("
                        + marks + ") ORDER BY t.name")
                .params(items.stream().map(Item::id).toList())
                .query(rs -> {
                    tags.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                });
        return items.stream().map(i -> new Item(i.id(), i.filename(), i.kind(), i.contentType(), i.size(), i.sha256(),
                i.version(), i.createdAt(), i.updatedAt(), i.takenAt(), i.trashedAt(), i.title(), i.description(),
                i.rating(), tags.getOrDefault(i.id(), List.of()), i.capturedAt(), i.latitude(), i.longitude(),
                i.edits(), i.metadata())).toList();
    }

    /** The full tag dump extraction found, as JSON; null when there is none. */
    public String rawMetadata(String accountId, String itemId) {
        return jdbc.sql("SELECT raw FROM item_metadata WHERE item_id = ? AND account_id = ?").params(itemId, accountId)
                .query(String.class).optional().orElse(null);
    }

    public List<Version> versions(String accountId, String itemId) {
        return jdbc.sql("SELECT id, version_no, filename, kind, content_type, size, sha256, created_at FROM item_versions "
                        + "WHERE item_id = ? AND account_id = ? ORDER BY version_no")
                .params(itemId, accountId)
                .query(Library::version)
                .list();
    }

    /** A version of the item; {@code versionNo} 0 means the current one. */
    public Optional<Version> version(String accountId, String itemId, int versionNo) {
        return jdbc.sql("SELECT v.id, v.version_no, v.filename, v.kind, v.content_type, v.size, v.sha256, v.created_at "
                        + "FROM item_versions v JOIN items i ON i.id = v.item_id WHERE v.item_id = ? AND v.account_id = ? "
                        + "AND v.version_no = " + (versionNo == 0 ? "i.version_no" : "?"))
                .params(versionNo == 0 ? List.of(itemId, accountId) : List.of(itemId, accountId, versionNo))
                .query(Library::version)
                .optional();
    }

    /** The user's own values. A field absent from the map is left as it is; null clears it. */
    public record Changes(Map<String, Object> fields) {
        public static final List<String> NAMES = List.of("title", "description", "rating", "tags", "capturedAt",
                "latitude", "longitude", "edits", "filename");
    }

    /** Applies the user's changes; the caller validated them. */
    public Optional<Item> update(String accountId, String itemId, Changes changes) {
        if (find(accountId, itemId).isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> f = changes.fields();
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("title", "title");
        columns.put("description", "description");
        columns.put("rating", "rating");
        columns.put("capturedAt", "user_captured_at");
        columns.put("latitude", "user_latitude");
        columns.put("longitude", "user_longitude");
        columns.put("edits", "edits");
        columns.put("filename", "filename");
        tx.executeWithoutResult(status -> {
            List<Object> params = new ArrayList<>();
            StringBuilder set = new StringBuilder("updated_at = ?");
            params.add(clock.millis());
            columns.forEach((field, column) -> {
                if (f.containsKey(field)) {
                    set.append(", ").append(column).append(" = ?");
                    Object value = f.get(field);
                    params.add(switch (value) {
                        case Instant instant -> instant.toEpochMilli();
                        case EditList edits -> edits.isNone() ? null : edits.toText();
                        case null -> null;
                        default -> value;
                    });
                }
            });
            params.add(itemId);
            params.add(accountId);
            jdbc.sql("UPDATE items SET " + set + " WHERE id = ? AND account_id = ?").params(params).update();
            if (f.containsKey("tags")) {
                @SuppressWarnings("unchecked")
                List<String> tags = f.get("tags") == null ? List.of() : (List<String>) f.get("tags");
                setTags(accountId, itemId, tags);
            }
            refreshDerived(itemId);
        });
        return find(accountId, itemId);
    }

    /** Replaces an item's tags, creating tags the account does not have yet. */
    void setTags(String accountId, String itemId, Collection<String> names) {
        jdbc.sql("DELETE FROM item_tags WHERE item_id = ?").param(itemId).update();
        for (String name : names) {
            jdbc.sql("INSERT INTO item_tags (item_id, tag_id, account_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                    .params(itemId, tagId(accountId, name), accountId).update();
        }
    }

    String tagId(String accountId, String name) {
        jdbc.sql("INSERT INTO tags (id, account_id, name, created_at) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (account_id, name) DO NOTHING")
                .params(Secrets.newId(), accountId, name, clock.millis()).update();
        return jdbc.sql("SELECT id FROM tags WHERE account_id = ? AND name = ?").params(accountId, name)
                .query(String.class).single();
    }

    /**
     * Recomputes what an item's own fields imply, in the caller's transaction: the timeline date
     * (the user's, else the extracted capture date, else created) and the search terms.
     */
    void refreshDerived(String itemId) {
        // Locks the row first (PostgreSQL), so the values read next are the committed ones and
        // every writer takes the item before the account's timeline clock and the item's terms.
        // SQLite's writers take turns anyway.
        jdbc.sql("UPDATE items SET taken_at = taken_at WHERE id = ?").param(itemId).update();
        record Dates(String accountId, long takenAt, long derived, boolean trashed) {}
        jdbc.sql("SELECT i.account_id, i.taken_at, COALESCE(i.user_captured_at, m.captured_at, i.created_at), "
                        + "i.trashed_at FROM items i LEFT JOIN item_metadata m ON m.item_id = i.id WHERE i.id = ?")
                .param(itemId)
                .query((rs, n) -> new Dates(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getObject(4) != null))
                .optional()
                .filter(dates -> dates.takenAt() != dates.derived())
                .ifPresent(dates -> {
                    jdbc.sql("UPDATE items SET taken_at = ? WHERE id = ?").params(dates.derived(), itemId).update();
                    // The clock first: moves take turns, so their day counts cannot deadlock.
                    timelineMoves.record(dates.accountId(), itemId, dates.takenAt());
                    if (!dates.trashed()) {
                        timelineDays.add(dates.accountId(), dates.takenAt(), -1);
                        timelineDays.add(dates.accountId(), dates.derived(), 1);
                    }
                });
        searchTerms.refresh(itemId);
    }

    /** The oldest other item of the account, not in the trash, with the same content; empty if none. */
    public Optional<String> duplicateOf(String accountId, String itemId) {
        return jdbc.sql("SELECT o.id FROM items i JOIN items o ON o.account_id = i.account_id AND o.sha256 = i.sha256 "
                        + "AND o.id <> i.id AND o.trashed_at IS NULL WHERE i.id = ? AND i.account_id = ? "
                        + "ORDER BY o.created_at, o.id LIMIT 1")
                .params(itemId, accountId).query(String.class).optional();
    }

    /** Moves an item to the trash; false when there is no such item. */
    public boolean trash(String accountId, String itemId) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            Optional<Long> takenAt = jdbc.sql("SELECT taken_at FROM items WHERE id = ? AND account_id = ?")
                    .params(itemId, accountId).query(Long.class).optional();
            if (takenAt.isPresent() && jdbc.sql("UPDATE items SET trashed_at = ? WHERE id = ? AND account_id = ? "
                    + "AND trashed_at IS NULL").params(clock.millis(), itemId, accountId).update() > 0) {
                timelineDays.add(accountId, takenAt.get(), -1);
            }
            return takenAt.isPresent();
        }));
    }

    /** Takes an item out of the trash; false when there is no such item. */
    public boolean restore(String accountId, String itemId) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            Optional<Long> takenAt = jdbc.sql("SELECT taken_at FROM items WHERE id = ? AND account_id = ?")
                    .params(itemId, accountId).query(Long.class).optional();
            if (takenAt.isPresent() && jdbc.sql("UPDATE items SET trashed_at = NULL WHERE id = ? AND account_id = ? "
                    + "AND trashed_at IS NOT NULL").params(itemId, accountId).update() > 0) {
                timelineDays.add(accountId, takenAt.get(), 1);
            }
            return takenAt.isPresent();
        }));
    }

    public Usage usage(String accountId) {
        long items = jdbc.sql("SELECT COUNT(*) FROM items WHERE account_id = ?").param(accountId)
                .query(Long.class).single();
        return new Usage(admission.stored(accountId), admission.reserved(accountId), admission.quota(accountId),
                items);
    }

    /** Stores content that {@link Admission} admits, adding no more new bytes than it allows. */
    private ContentIngest.Stored storeWithin(String accountId, InputStream content, long declaredLength)
            throws IOException {
        if (declaredLength >= 0) {
            admission.admitFile(accountId, declaredLength);
        }
        return ingest.store(accountId, admission.limited(content), admission.allowance(accountId));
    }

    /** Commits rows for stored content; on failure removes the chunks this upload added. */
    private void commit(String accountId, ContentIngest.Stored stored, Runnable rows) {
        try {
            tx.executeWithoutResult(status -> rows.run());
        } catch (RuntimeException e) {
            ingest.rollback(accountId, stored.added());
            throw e;
        } finally {
            ingest.release(accountId, stored);
        }
    }

    /** A new item with its first version and a pending metadata job. */
    private void insertItem(String accountId, String itemId, String name, DetectedType type, ContentIngest.Stored stored,
            long now) {
        jdbc.sql("INSERT INTO items (id, account_id, filename, kind, content_type, size, sha256, version_no, "
                        + "created_at, updated_at, taken_at, terms_version) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)")
                .params(itemId, accountId, name, kind(type), type.contentType(), stored.size(), stored.sha256(),
                        now, now, now, SearchText.VERSION)
                .update();
        searchTerms.addNew(itemId, accountId, name);
        timelineDays.add(accountId, now, 1);
        insertVersion(accountId, itemId, 1, name, type, stored, now);
        jdbc.sql("INSERT INTO item_metadata (item_id, account_id, state, attempts, next_attempt_at) "
                        + "VALUES (?, ?, 'pending', 0, ?)")
                .params(itemId, accountId, now).update();
    }

    private int nextVersion(String itemId) {
        return jdbc.sql("SELECT COALESCE(MAX(version_no), 0) + 1 FROM item_versions WHERE item_id = ?")
                .param(itemId).query(Integer.class).single();
    }

    private void insertVersion(String accountId, String itemId, int versionNo, String name, DetectedType type,
            ContentIngest.Stored stored, long now) {
        String versionId = Secrets.newId();
        jdbc.sql("INSERT INTO item_versions (id, item_id, account_id, version_no, filename, kind, content_type, size, "
                        + "sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(versionId, itemId, accountId, versionNo, name, kind(type), type.contentType(), stored.size(),
                        stored.sha256(), now)
                .update();
        long offset = 0;
        int seq = 0;
        List<Object[]> batch = new ArrayList<>();
        for (var chunk : stored.chunks()) {
            batch.add(new Object[] {versionId, accountId, seq++, offset, chunk.length(), chunk.sha256()});
            offset += chunk.length();
        }
        batches.batchUpdate("INSERT INTO version_chunks (version_id, account_id, seq, byte_offset, length, hash) "
                + "VALUES (?, ?, ?, ?, ?, ?)", batch);
    }

    private void pointAt(String accountId, String itemId, int versionNo, String name, String contentType, String kind,
            long size, String sha256) {
        jdbc.sql("UPDATE items SET version_no = ?, filename = ?, content_type = ?, kind = ?, size = ?, sha256 = ?, "
                        + "updated_at = ? WHERE id = ? AND account_id = ?")
                .params(versionNo, name, contentType, kind, size, sha256, clock.millis(), itemId, accountId)
                .update();
        jdbc.sql("UPDATE item_metadata SET state = 'pending', attempts = 0, error = NULL, next_attempt_at = ? "
                        + "WHERE item_id = ?")
                .params(clock.millis(), itemId).update();
        searchTerms.refresh(itemId);
    }

    private static Version version(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Version(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getLong(6), rs.getString(7), Instant.ofEpochMilli(rs.getLong(8)));
    }

    private static String kind(DetectedType type) {
        return type.kind().name().toLowerCase(java.util.Locale.ROOT);
    }
}
