package dev.arca.privacy;

import dev.arca.platform.ApiProblem;
import dev.arca.protocol.api.ProblemTypes;
import org.springframework.http.HttpStatus;

/**
 * A grant answered a notice that is no longer in force: the person must read the new one. The
 * API answers 409 with the current policy version and notice, so a client can show it.
 */
public class NoticeChangedException extends ApiProblem {

    NoticeChangedException(Purpose purpose, PolicyVersion current) {
        super(HttpStatus.CONFLICT, ProblemTypes.NOTICE_CHANGED, "The notice for " + purpose
                + " is now the one of policy version " + current.version() + "; read it and decide again");
        getBody().setProperty("policyVersion", current.version());
        getBody().setProperty("purpose", purpose.name());
        getBody().setProperty("notice", current.notice(purpose).text());
        getBody().setProperty("noticeSha256", current.notice(purpose).sha256());
    }
}
