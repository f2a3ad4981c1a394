package dev.arca.library;

import dev.arca.platform.ApiProblem;
import dev.arca.protocol.api.ProblemTypes;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The answers every API that stores content gives (library, sync, transfers, backups, shared
 * albums): refusals of {@link Admission} (too large, over the quota), chunks missing, or chunks
 * that do not make the file.
 */
@RestControllerAdvice
public class ChunkProblems {

    @ExceptionHandler(dev.arca.library.internal.LimitedInputStream.TooLargeException.class)
    public static ApiProblem tooLarge() {
        return new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.TOO_LARGE,
                "The file is larger than this server accepts; nothing was stored.");
    }

    @ExceptionHandler(dev.arca.library.internal.ContentIngest.QuotaExceededException.class)
    public static ApiProblem quota() {
        return new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.QUOTA_EXCEEDED,
                "This would take the library over its storage quota; nothing was stored.");
    }

    @ExceptionHandler(Admission.TooManyUploadsException.class)
    public static ApiProblem tooManyUploads(Admission.TooManyUploadsException e) {
        return new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, ProblemTypes.TOO_MANY_UPLOADS, "There are already "
                + e.max() + " unfinished uploads; finish or cancel one (DELETE it) before starting another.");
    }

    @ExceptionHandler(Library.MissingChunksException.class)
    public static ApiProblem missingChunks(Library.MissingChunksException e) {
        ApiProblem problem = new ApiProblem(HttpStatus.CONFLICT, ProblemTypes.MISSING_CHUNKS,
                e.missing().size() + " chunks are not stored; send them and try again. Nothing was changed.");
        problem.getBody().setProperty("missing", e.missing());
        return problem;
    }

    @ExceptionHandler(Library.ManifestMismatchException.class)
    public static ApiProblem manifestMismatch(Library.ManifestMismatchException e) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, ProblemTypes.CHECKSUM_MISMATCH,
                "The chunks do not join into a file of the manifest's size and SHA-256; nothing was changed.");
    }
}
