package dev.arca.library;

import dev.arca.library.internal.MultipartStream;
import dev.arca.media.Thumbnailer;
import dev.arca.platform.ApiProblem;
import dev.arca.protocol.api.ProblemTypes;
import dev.arca.storage.BlobCorruptException;
import dev.arca.storage.BlobNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The library's errors as problem details. */
@RestControllerAdvice(basePackageClasses = LibraryProblems.class)
class LibraryProblems {

    private static final Logger log = LoggerFactory.getLogger(LibraryProblems.class);

    @ExceptionHandler(Thumbnailer.TooLargeToRenderException.class)
    ApiProblem tooLargeToRender(Thumbnailer.TooLargeToRenderException e) {
        return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, ProblemTypes.IMAGE_TOO_LARGE, "This image has "
                + e.pixels() / 1_000_000 + " megapixels; this server renders at most " + e.limit() / 1_000_000
                + " megapixels at full size. Its previews still show, and the original can be downloaded.");
    }

    @ExceptionHandler(MultipartStream.MalformedException.class)
    ApiProblem malformed(MultipartStream.MalformedException e) {
        return ApiProblem.badRequest("The upload is not valid multipart/form-data: " + e.getMessage()
                + "; nothing was stored.");
    }

    @ExceptionHandler(ItemSearch.InvalidQueryException.class)
    ApiProblem query(ItemSearch.InvalidQueryException e) {
        return ApiProblem.badRequest(e.getMessage());
    }

    @ExceptionHandler({BlobCorruptException.class, BlobNotFoundException.class})
    ApiProblem storage(RuntimeException e) {
        log.error("Stored content could not be read: {}", e.getClass().getSimpleName());
        return new ApiProblem(HttpStatus.INTERNAL_SERVER_ERROR, ProblemTypes.STORAGE_FAILURE,
                "Stored content could not be read intact; the administrator has been told.");
    }
}
