package dev.arca.library;

import dev.arca.platform.ApiProblem;
import dev.arca.protocol.api.ProblemTypes;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The answers to a manifest or a list of chunks the account cannot honour, for every API that
 * takes one (sync, transfers, backups): what is missing, or that the chunks do not make the file.
 */
@RestControllerAdvice
public class ChunkProblems {

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
