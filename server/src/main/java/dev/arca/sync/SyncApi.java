package dev.arca.sync;

import dev.arca.library.ChunkProblems;
import dev.arca.library.Chunks;
import dev.arca.library.Library;
import dev.arca.platform.ApiProblem;
import dev.arca.platform.ArcaPrincipal;
import dev.arca.protocol.api.ProblemTypes;
import dev.arca.protocol.chunk.ContentHash;
import dev.arca.protocol.delta.Delta;
import dev.arca.protocol.delta.Signature;
import dev.arca.protocol.manifest.ChunkPack;
import dev.arca.protocol.manifest.ManifestPatch;
import dev.arca.protocol.manifest.FileManifest;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The sync API. See docs/sync-protocol.md. */
@RestController
class SyncApi {

    private static final int MAX_WAIT_SECONDS = 60;
    private static final int MAX_PAGE = 5_000;
    private static final int MAX_BATCH = 1_000;
    /** The most bytes one chunk pack may carry. */
    private static final int MAX_PACK = 64 << 20;

    private final Chunks chunks;
    private final SyncTree tree;
    private final Journal journal;

    SyncApi(Chunks chunks, SyncTree tree, Journal journal) {
        this.chunks = chunks;
        this.tree = tree;
        this.journal = journal;
    }

    record Question(List<String> hashes) {}

    @PostMapping("/api/v1/sync/chunks/missing")
    Map<String, List<String>> missing(@AuthenticationPrincipal ArcaPrincipal me, @RequestBody Question body) {
        List<String> hashes = body.hashes() == null ? List.of() : body.hashes();
        if (hashes.size() > Chunks.MAX_QUESTION || !hashes.stream().allMatch(ContentHash::isSha256Hex)) {
            throw ApiProblem.badRequest("hashes is a list of at most " + Chunks.MAX_QUESTION
                    + " SHA-256 hashes in lowercase hex.");
        }
        return Map.of("missing", chunks.missing(me.accountId(), hashes));
    }

    /** Stores one chunk; its bytes must hash to the name it is sent under. */
    @PutMapping("/api/v1/sync/chunks/{hash}")
    ResponseEntity<Void> put(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String hash,
            HttpServletRequest request) throws IOException {
        hash(hash);
        return store(me, hash, body(request));
    }

    /**
     * The body of a chunk or delta request, at most {@link Chunks#MAX_LENGTH} bytes, read straight
     * into an array of its declared length when it declares one.
     */
    private static byte[] body(HttpServletRequest request) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > Chunks.MAX_LENGTH) {
            throw tooLarge();
        }
        InputStream in = request.getInputStream();
        if (declared < 0) {
            byte[] bytes = in.readNBytes(Chunks.MAX_LENGTH + 1);
            if (bytes.length > Chunks.MAX_LENGTH) {
                throw tooLarge();
            }
            return bytes;
        }
        byte[] bytes = new byte[(int) declared];
        if (in.readNBytes(bytes, 0, bytes.length) < bytes.length) {
            throw ApiProblem.badRequest("The body ended before the length it declared; nothing was stored.");
        }
        return bytes;
    }

    private ResponseEntity<Void> store(ArcaPrincipal me, String hash, byte[] bytes) {
        return switch (chunks.put(me.accountId(), hash, bytes)) {
            case STORED, ALREADY_STORED -> ResponseEntity.noContent().build();
            case HASH_MISMATCH -> throw new ApiProblem(HttpStatus.BAD_REQUEST, ProblemTypes.CHECKSUM_MISMATCH,
                    "The bytes received do not have the SHA-256 " + hash + "; nothing was stored.");
            case OVER_QUOTA -> throw new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.QUOTA_EXCEEDED,
                    "This would take your library over its storage quota; nothing was stored.");
        };
    }

    /**
     * Stores many small chunks sent in one pack (see docs/sync-protocol.md); their rows are written
     * in one transaction. A pack with any chunk that does not match its hash stores nothing.
     */
    @PostMapping(value = "/api/v1/sync/chunks", consumes = ChunkPack.MEDIA_TYPE)
    ResponseEntity<Void> putPack(@AuthenticationPrincipal ArcaPrincipal me, HttpServletRequest request)
            throws IOException {
        if (request.getContentLengthLong() > MAX_PACK) {
            throw tooLarge();
        }
        ChunkPack pack;
        try {
            pack = ChunkPack.read(request.getInputStream(), MAX_PACK, Chunks.MAX_LENGTH);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("The chunk pack is not valid: " + e.getMessage() + "; nothing was stored.");
        }
        return switch (chunks.putAll(me.accountId(), pack.refs(), pack.contents())) {
            case STORED, ALREADY_STORED -> ResponseEntity.noContent().build();
            case HASH_MISMATCH -> throw new ApiProblem(HttpStatus.BAD_REQUEST, ProblemTypes.CHECKSUM_MISMATCH,
                    "A chunk of the pack does not have the SHA-256 it was sent under; nothing was stored.");
            case OVER_QUOTA -> throw new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.QUOTA_EXCEEDED,
                    "This would take your library over its storage quota; nothing was stored.");
        };
    }

    /** Stores a chunk sent as a delta to a chunk the account stores (see docs/sync-protocol.md). */
    @PutMapping(value = "/api/v1/sync/chunks/{hash}", params = "base")
    ResponseEntity<Void> putDelta(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String hash,
            @RequestParam String base, HttpServletRequest request) throws IOException {
        hash(hash);
        hash(base);
        byte[] delta = body(request);
        byte[] baseBytes = chunks.get(me.accountId(), base).orElseThrow(() -> ApiProblem.notFound("Base chunk"));
        byte[] bytes;
        try {
            bytes = Delta.apply(baseBytes, delta, Chunks.MAX_LENGTH);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("The delta is not valid: " + e.getMessage() + "; nothing was stored.");
        }
        return store(me, hash, bytes);
    }

    /** The block signature of a stored chunk, for a client about to send a changed chunk as a delta. */
    @GetMapping("/api/v1/sync/chunks/{hash}/signature")
    ResponseEntity<byte[]> signature(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String hash) {
        hash(hash);
        byte[] bytes = chunks.get(me.accountId(), hash).orElseThrow(() -> ApiProblem.notFound("Chunk"));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM).body(Signature.of(bytes).encode());
    }

    @GetMapping("/api/v1/sync/chunks/{hash}")
    ResponseEntity<byte[]> chunk(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String hash) {
        hash(hash);
        byte[] bytes = chunks.get(me.accountId(), hash).orElseThrow(() -> ApiProblem.notFound("Chunk"));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header("Cache-Control", "private, max-age=31536000, immutable").body(bytes);
    }

    record Commit(String folder, String path, String manifest, String patch, Long baseVersion, Long mtime,
            String deviceId) {}

    /** Commits a file's new content; 409 when it was based on another version than the current one. */
    @PostMapping("/api/v1/sync/files")
    Object commit(@AuthenticationPrincipal ArcaPrincipal me, @RequestBody Commit body) {
        Prepared prepared = prepare(me.accountId(), body);
        if (prepared.failure() != null) {
            throw prepared.failure();
        }
        return commitPrepared(me.accountId(), prepared);
    }

    record Commits(List<Commit> commits) {}

    /**
     * Commits many files in one transaction (one disk sync), each on its own terms: the answer
     * lists, in order, each commit's entry or its problem, and a refused commit changes nothing.
     * Their content is read and checked before the transaction, which only writes rows.
     */
    @PostMapping("/api/v1/sync/files/batch")
    Map<String, List<Object>> commitAll(@AuthenticationPrincipal ArcaPrincipal me, @RequestBody Commits body) {
        if (body.commits() == null || body.commits().isEmpty() || body.commits().size() > MAX_BATCH) {
            throw ApiProblem.badRequest("commits is a list of 1 to " + MAX_BATCH + " commits.");
        }
        List<Prepared> prepared = body.commits().stream().map(commit -> prepare(me.accountId(), commit)).toList();
        return Map.of("results", tree.inOneTransaction(me.accountId(), prepared, p -> {
            if (p.failure() != null) {
                throw p.failure();
            }
            return commitPrepared(me.accountId(), p);
        }, e -> problemOf(e).getBody()));
    }

    /**
     * A commit with its content checked ({@code checked} null when the path has that content
     * already), or the reason it is refused.
     */
    private record Prepared(Commit body, String folder, String path, FileManifest manifest, Library.Checked checked,
            RuntimeException failure) {}

    private Prepared prepare(String accountId, Commit body) {
        try {
            String folder = SyncPaths.folder(body.folder());
            String path = SyncPaths.path(body.path());
            FileManifest manifest;
            try {
                manifest = body.patch() != null ? patched(accountId, folder, path, base(body.baseVersion()), body.patch())
                        : FileManifest.parse(body.manifest() == null ? "" : body.manifest());
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest("The manifest is not valid: " + e.getMessage());
            }
            return new Prepared(body, folder, path, manifest, tree.check(accountId, folder, path, manifest), null);
        } catch (RuntimeException e) {
            return new Prepared(body, null, null, null, null, e);
        }
    }

    private Object commitPrepared(String accountId, Prepared p) {
        Commit body = p.body();
        return tree.put(accountId, p.folder(), p.path(), p.manifest(), p.checked(), base(body.baseVersion()),
                        mtime(body.mtime()), device(body.deviceId()))
                .<Object>map(entry -> entry)
                .orElseGet(() -> tree.current(accountId, p.folder(), p.path()).map(SyncApi::unchanged)
                        .orElseThrow(() -> ApiProblem.conflict("The file changed while it was committed; ask again.")));
    }

    /** A commit's failure as the problem a single commit would answer. */
    private ApiProblem problemOf(RuntimeException e) {
        return switch (e) {
            case ApiProblem problem -> problem;
            case SyncTree.ConflictException c -> conflict(c);
            case Library.MissingChunksException m -> ChunkProblems.missingChunks(m);
            case Library.ManifestMismatchException m -> ChunkProblems.manifestMismatch(m);
            case SyncPaths.InvalidPathException p -> invalidPath(p);
            default -> throw e;
        };
    }

    /** The manifest a patch makes of the path's current one; see {@link ManifestPatch}. */
    private FileManifest patched(String accountId, String folder, String path, long baseRevision, String patch) {
        SyncTree.Current current = tree.current(accountId, folder, path)
                .orElseThrow(() -> new IllegalArgumentException("there is no file at the path to patch"));
        if (current.revision() != baseRevision) {
            throw new SyncTree.ConflictException(path + " is at version " + current.revision() + ", not "
                    + baseRevision + ".", current);
        }
        FileManifest base = tree.manifest(accountId, current.itemId(), current.version())
                .orElseThrow(() -> new IllegalArgumentException("the file's current version is gone"));
        return ManifestPatch.apply(base, patch);
    }

    record Move(String folder, String from, String to, Long baseVersion, String deviceId) {}

    @PostMapping("/api/v1/sync/moves")
    Journal.Entry move(@AuthenticationPrincipal ArcaPrincipal me, @RequestBody Move body) {
        String folder = SyncPaths.folder(body.folder());
        String from = SyncPaths.path(body.from());
        String to = SyncPaths.path(body.to());
        if (from.equals(to)) {
            throw ApiProblem.badRequest("from and to are the same path.");
        }
        return tree.move(me.accountId(), folder, from, to, base(body.baseVersion()), device(body.deviceId()));
    }

    record Delete(String folder, String path, Long baseVersion, String deviceId) {}

    /** Deletes a file; it goes to the trash. */
    @PostMapping("/api/v1/sync/deletes")
    Journal.Entry delete(@AuthenticationPrincipal ArcaPrincipal me, @RequestBody Delete body) {
        return tree.delete(me.accountId(), SyncPaths.folder(body.folder()), SyncPaths.path(body.path()),
                base(body.baseVersion()), device(body.deviceId()));
    }

    /** The journal after a cursor, waiting up to {@code wait} seconds for an entry when there is none. */
    @GetMapping("/api/v1/sync/changes")
    Journal.Page changes(@AuthenticationPrincipal ArcaPrincipal me, @RequestParam(defaultValue = "0") long after,
            @RequestParam(required = false) String folder, @RequestParam(defaultValue = "0") int wait,
            @RequestParam(defaultValue = "1000") int limit) throws InterruptedException {
        if (after < 0 || wait < 0 || wait > MAX_WAIT_SECONDS || limit < 1 || limit > MAX_PAGE) {
            throw ApiProblem.badRequest("after >= 0, 0 <= wait <= " + MAX_WAIT_SECONDS + " seconds, 1 <= limit <= "
                    + MAX_PAGE + ".");
        }
        return journal.changes(me.accountId(), after, folder == null ? null : SyncPaths.folder(folder), limit,
                Duration.ofSeconds(wait));
    }

    /** The manifest of a version of a file, to fetch its chunks. */
    @GetMapping(value = "/api/v1/sync/manifests/{itemId}/{version}", produces = MediaType.TEXT_PLAIN_VALUE)
    String manifest(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String itemId, @PathVariable int version) {
        if (version < 1) {
            throw ApiProblem.notFound("Version");
        }
        return tree.manifest(me.accountId(), itemId, version).orElseThrow(() -> ApiProblem.notFound("Version"))
                .encode();
    }

    @ExceptionHandler(SyncTree.ConflictException.class)
    ApiProblem conflict(SyncTree.ConflictException e) {
        ApiProblem problem = new ApiProblem(HttpStatus.CONFLICT, ProblemTypes.SYNC_CONFLICT, e.getMessage());
        if (e.current != null) {
            problem.getBody().setProperty("current", e.current);
        }
        return problem;
    }

    @ExceptionHandler(SyncPaths.InvalidPathException.class)
    ApiProblem invalidPath(SyncPaths.InvalidPathException e) {
        return ApiProblem.badRequest(e.getMessage());
    }

    private static Map<String, Object> unchanged(SyncTree.Current current) {
        return Map.of("seq", current.revision(), "itemId", current.itemId(), "version", current.version(),
                "sha256", current.sha256(), "size", current.size(), "unchanged", true);
    }

    private static void hash(String hash) {
        if (!ContentHash.isSha256Hex(hash)) {
            throw ApiProblem.badRequest("A chunk is named by its SHA-256 in lowercase hex.");
        }
    }

    private static ApiProblem tooLarge() {
        return new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.TOO_LARGE,
                "A chunk is at most " + Chunks.MAX_LENGTH + " bytes; nothing was stored.");
    }

    private static long base(Long baseVersion) {
        if (baseVersion != null && baseVersion < 0) {
            throw ApiProblem.badRequest("baseVersion is 0 (no file yet) or the version the change is based on.");
        }
        return baseVersion == null ? 0 : baseVersion;
    }

    private static long mtime(Long mtime) {
        return mtime == null ? 0 : mtime;
    }

    /** The device id the client registered (a UUID), or null. */
    private static String device(String deviceId) {
        if (deviceId != null && !deviceId.matches("[0-9a-f-]{36}")) {
            throw ApiProblem.badRequest("deviceId is the device's UUID in lowercase.");
        }
        return deviceId;
    }
}
