package dev.arca.library;

import dev.arca.library.internal.Filenames;
import dev.arca.platform.ApiProblem;
import dev.arca.platform.ArcaPrincipal;
import dev.arca.protocol.api.ProblemTypes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * Resumable uploads with the tus 1.0.0 protocol: core, creation, creation-with-upload,
 * termination, expiration and checksum (sha1, sha256). The finished upload becomes an item
 * whose id the last PATCH (and any later HEAD) returns in {@code Arca-Item-Id}. See
 * docs/api.md.
 */
@RestController
class TusApi {

    static final String VERSION = "1.0.0";
    private static final String OFFSET_STREAM = "application/offset+octet-stream";
    private static final int CHECKSUM_MISMATCH = 460;
    private static final int MAX_METADATA = 4096;

    private final Uploads uploads;
    private final Library library;
    private final Admission admission;

    TusApi(Uploads uploads, Library library, Admission admission) {
        this.uploads = uploads;
        this.library = library;
        this.admission = admission;
    }

    @RequestMapping(path = "/api/v1/uploads", method = RequestMethod.OPTIONS)
    void options(HttpServletResponse response) {
        response.setHeader("Tus-Resumable", VERSION);
        response.setHeader("Tus-Version", VERSION);
        response.setHeader("Tus-Extension", "creation,creation-with-upload,termination,expiration,checksum");
        response.setHeader("Tus-Checksum-Algorithm", "sha1,sha256");
        response.setHeader("Tus-Max-Size", Long.toString(admission.maxFileSize()));
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    @RequestMapping(path = "/api/v1/uploads", method = RequestMethod.POST)
    void create(@AuthenticationPrincipal ArcaPrincipal me, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        requireVersion(request, response);
        if (request.getHeader("Upload-Defer-Length") != null) {
            throw ApiProblem.badRequest("Upload-Defer-Length is not supported; send Upload-Length.");
        }
        long length = TusHeaders.number(request.getHeader("Upload-Length"), "Upload-Length");
        String metadata = request.getHeader("Upload-Metadata");
        if (metadata != null && metadata.length() > MAX_METADATA) {
            throw ApiProblem.badRequest("Upload-Metadata is too long.");
        }
        Map<String, String> meta = TusHeaders.metadata(metadata);
        String filename = Filenames.clean(meta.getOrDefault("filename", meta.get("name")));
        Uploads.Upload upload = uploads.create(me.accountId(), length, filename, metadata);
        response.setHeader("Location", "/api/v1/uploads/" + upload.id());
        if (OFFSET_STREAM.equals(request.getContentType()) && request.getContentLengthLong() != 0) {
            upload = append(me, upload, 0, request, response);
            response.setHeader("Upload-Offset", Long.toString(upload.received()));
        }
        describe(upload, response);
        response.setStatus(HttpServletResponse.SC_CREATED);
    }

    @RequestMapping(path = "/api/v1/uploads/{id}", method = RequestMethod.HEAD)
    void head(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id, HttpServletRequest request,
            HttpServletResponse response) {
        requireVersion(request, response);
        Uploads.Upload upload = find(me, id);
        response.setHeader("Upload-Offset", Long.toString(upload.received()));
        response.setHeader("Upload-Length", Long.toString(upload.length()));
        if (upload.metadata() != null) {
            response.setHeader("Upload-Metadata", upload.metadata());
        }
        response.setHeader("Cache-Control", "no-store");
        describe(upload, response);
        duplicate(me, upload, response);
        response.setStatus(HttpServletResponse.SC_OK);
    }

    @RequestMapping(path = "/api/v1/uploads/{id}", method = RequestMethod.PATCH)
    void patch(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        requireVersion(request, response);
        if (!OFFSET_STREAM.equals(request.getContentType())) {
            throw new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ProblemTypes.INVALID_REQUEST,
                    "Send the bytes as " + OFFSET_STREAM + ".");
        }
        long offset = TusHeaders.number(request.getHeader("Upload-Offset"), "Upload-Offset");
        Uploads.Upload upload = append(me, find(me, id), offset, request, response);
        response.setHeader("Upload-Offset", Long.toString(upload.received()));
        describe(upload, response);
        duplicate(me, upload, response);
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    /**
     * Clients that cannot send PATCH or DELETE (Java's HttpURLConnection) send POST with
     * {@code X-HTTP-Method-Override}, as tus allows.
     */
    @RequestMapping(path = "/api/v1/uploads/{id}", method = RequestMethod.POST)
    void overridden(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        String method = request.getHeader("X-HTTP-Method-Override");
        if ("PATCH".equalsIgnoreCase(method)) {
            patch(me, id, request, response);
        } else if ("DELETE".equalsIgnoreCase(method)) {
            terminate(me, id, request, response);
        } else {
            response.setHeader("Allow", "HEAD, PATCH, DELETE");
            throw new ApiProblem(HttpStatus.METHOD_NOT_ALLOWED, ProblemTypes.INVALID_REQUEST,
                    "Use PATCH to append to an upload (or POST with X-HTTP-Method-Override: PATCH).");
        }
    }

    @RequestMapping(path = "/api/v1/uploads/{id}", method = RequestMethod.DELETE)
    void terminate(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        requireVersion(request, response);
        if (!uploads.terminate(me.accountId(), id)) {
            throw ApiProblem.notFound("Upload");
        }
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    @ExceptionHandler(Uploads.OffsetMismatchException.class)
    ApiProblem offsetMismatch(HttpServletResponse response) {
        response.setHeader("Tus-Resumable", VERSION);
        return ApiProblem.conflict("Upload-Offset does not match the upload's offset; ask with HEAD and resume from there.");
    }

    @ExceptionHandler(Uploads.ChecksumMismatchException.class)
    ApiProblem checksumMismatch(HttpServletResponse response) {
        response.setHeader("Tus-Resumable", VERSION);
        return new ApiProblem(org.springframework.http.HttpStatusCode.valueOf(CHECKSUM_MISMATCH), ProblemTypes.CHECKSUM_MISMATCH,
                "The bytes received do not match Upload-Checksum; they were discarded, the offset is unchanged.");
    }

    @ExceptionHandler(Uploads.TooLongException.class)
    ApiProblem tooLong(HttpServletResponse response) {
        response.setHeader("Tus-Resumable", VERSION);
        return ApiProblem.badRequest("More bytes were sent than Upload-Length declared; they were discarded.");
    }

    private Uploads.Upload append(ArcaPrincipal me, Uploads.Upload upload, long offset, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        TusHeaders.Checksum checksum = TusHeaders.checksum(request.getHeader("Upload-Checksum"));
        return uploads.append(me.accountId(), upload, offset, request.getInputStream(),
                checksum == null ? null : checksum.digest(), checksum == null ? null : checksum.expected());
    }

    private Uploads.Upload find(ArcaPrincipal me, String id) {
        return uploads.find(me.accountId(), id).orElseThrow(
                () -> new ApiProblem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "No such upload, or it expired."));
    }

    /**
     * Names the account's older item with the same content, on the answer that finishes the
     * upload and on any later {@code HEAD} (a client that lost that answer asks with HEAD).
     */
    private void duplicate(ArcaPrincipal me, Uploads.Upload upload, HttpServletResponse response) {
        if (upload.finished()) {
            library.duplicateOf(me.accountId(), upload.itemId())
                    .ifPresent(other -> response.setHeader("Arca-Duplicate-Of", other));
        }
    }

    private static void describe(Uploads.Upload upload, HttpServletResponse response) {
        response.setHeader("Tus-Resumable", VERSION);
        response.setHeader("Upload-Expires",
                DateTimeFormatter.RFC_1123_DATE_TIME.format(upload.expiresAt().atOffset(ZoneOffset.UTC)));
        if (upload.finished()) {
            response.setHeader("Arca-Item-Id", upload.itemId());
        }
    }

    private static void requireVersion(HttpServletRequest request, HttpServletResponse response) {
        if (!VERSION.equals(request.getHeader("Tus-Resumable"))) {
            response.setHeader("Tus-Version", VERSION);
            throw new ApiProblem(HttpStatus.PRECONDITION_FAILED, ProblemTypes.UNSUPPORTED_VERSION,
                    "Send Tus-Resumable: " + VERSION + ".");
        }
    }

}
