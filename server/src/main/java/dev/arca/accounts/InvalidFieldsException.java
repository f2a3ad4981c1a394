package dev.arca.accounts;

import dev.arca.protocol.api.ProblemTypes;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** 400 problem details with an {@code errors} member: field name to message. */
class InvalidFieldsException extends ErrorResponseException {

    private final Map<String, String> errors;

    InvalidFieldsException(Map<String, String> errors) {
        super(HttpStatus.BAD_REQUEST, problem(errors), null);
        this.errors = errors;
    }

    Map<String, String> errors() {
        return errors;
    }

    private static ProblemDetail problem(Map<String, String> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "Some fields are invalid: " + String.join(", ", errors.keySet()));
        problem.setType(URI.create(ProblemTypes.INVALID_REQUEST));
        problem.setProperty("errors", errors);
        return problem;
    }
}
