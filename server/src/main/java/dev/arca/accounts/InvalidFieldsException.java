package dev.arca.accounts;

import dev.arca.protocol.api.ProblemTypes;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * 400 problem details with an {@code errors} member: field name to message. The pages use the
 * {@linkplain #codes() codes} instead, to show the errors in the page's language.
 */
class InvalidFieldsException extends ErrorResponseException {

    private final Map<String, String> errors;
    private final Map<String, String> codes;

    /**
     * @param errors field name to the English message
     * @param codes field name to the stable error code (see {@link ProfileRules.Errors#add})
     */
    InvalidFieldsException(Map<String, String> errors, Map<String, String> codes) {
        super(HttpStatus.BAD_REQUEST, problem(errors), null);
        this.errors = errors;
        this.codes = codes;
    }

    Map<String, String> errors() {
        return errors;
    }

    /** Field name to error code, such as {@code email.taken}. */
    Map<String, String> codes() {
        return codes;
    }

    private static ProblemDetail problem(Map<String, String> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "Some fields are invalid: " + String.join(", ", errors.keySet()));
        problem.setType(URI.create(ProblemTypes.INVALID_REQUEST));
        problem.setProperty("errors", errors);
        return problem;
    }
}
