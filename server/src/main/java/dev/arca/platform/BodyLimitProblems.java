package dev.arca.platform;

import dev.arca.protocol.api.ProblemTypes;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A body that {@link RequestBodyLimits} cut off while a converter read it is a {@code 413}, not
 * the {@code 400} of an unreadable body; any other unreadable body is a {@code 400} that says so
 * without echoing the body.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class BodyLimitProblems {

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ApiProblem unreadable(HttpMessageNotReadableException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyLimits.BodyTooLargeException tooLarge) {
                return new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.TOO_LARGE, tooLarge.getMessage());
            }
        }
        return ApiProblem.badRequest("The request body is not valid JSON of the expected shape.");
    }
}
