package dev.arca.platform;

import dev.arca.protocol.api.ProblemTypes;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An error the API reports as RFC 9457 problem details. The type is one of
 * {@link ProblemTypes}, so clients can act on it without parsing the text.
 */
public class ApiProblem extends ErrorResponseException {

    public ApiProblem(HttpStatusCode status, String type, String detail) {
        super(status, problem(status, type, detail), null);
    }

    private static ProblemDetail problem(HttpStatusCode status, String type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(type));
        return problem;
    }

    public static ApiProblem badRequest(String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST, detail);
    }

    public static ApiProblem notFound(String what) {
        return new ApiProblem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, what + " not found");
    }

    public static ApiProblem conflict(String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, detail);
    }

    public static ApiProblem forbidden(String type, String detail) {
        return new ApiProblem(HttpStatus.FORBIDDEN, type, detail);
    }
}
