package dev.arca.accounts;

import dev.arca.platform.ArcaPrincipal;
import dev.arca.platform.StaffRole;
import dev.arca.privacy.Access;
import dev.arca.privacy.AccessLog;

import dev.arca.platform.ApiProblem;
import dev.arca.platform.Secrets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Correction requests (I.2i): what self-service cannot change goes to an operator, who resolves
 * or rejects it with an answer. Every step stays recorded with who and when.
 */
@Component
class CorrectionRequests {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final dev.arca.privacy.Operators operators;
    private final AccessLog accessLog;

    CorrectionRequests(JdbcClient jdbc, Clock clock, dev.arca.privacy.Operators operators, AccessLog accessLog) {
        this.operators = operators;
        this.accessLog = accessLog;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    CorrectionRequest file(String accountId, String subject, String details) {
        String id = Secrets.newId();
        jdbc.sql("INSERT INTO correction_requests (id, account_id, subject, details, status, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, accountId, subject.strip(), details.strip(), CorrectionRequest.Status.OPEN.name(), clock.millis()).update();
        return get(id);
    }

    List<CorrectionRequest> of(String accountId) {
        return jdbc.sql("SELECT * FROM correction_requests WHERE account_id = ? ORDER BY created_at DESC")
                .param(accountId).query(CorrectionRequests::map).list();
    }

    List<CorrectionRequest> withStatus(CorrectionRequest.Status status) {
        return jdbc.sql("SELECT * FROM correction_requests WHERE status = ? ORDER BY created_at")
                .param(status.name()).query(CorrectionRequests::map).list();
    }

    /**
     * The requests of a status as support reads them: each is a read of its author's data, in the
     * access log with answering the request as its reason.
     */
    List<CorrectionRequest> read(ArcaPrincipal operator, CorrectionRequest.Status status) {
        List<CorrectionRequest> requests = withStatus(status);
        for (CorrectionRequest request : requests) {
            accessLog.record(operator, StaffRole.SUPPORT, Access.READ_CORRECTION, request.accountId(),
                    "to answer correction request " + request.id());
        }
        return requests;
    }

    /** Closes an open request (in the access log); a closed one cannot be closed again. */
    CorrectionRequest resolve(String id, CorrectionRequest.Status status, String answer, ArcaPrincipal operator) {
        String operatorId = operator.accountId();
        if (status == CorrectionRequest.Status.OPEN) {
            throw ApiProblem.badRequest("status must be RESOLVED or REJECTED");
        }
        int changed = jdbc.sql("UPDATE correction_requests SET status = ?, answer = ?, resolved_by = ?, resolved_at = ? "
                        + "WHERE id = ? AND status = ?")
                .params(status.name(), answer.strip(), operators.pseudonym(operatorId), clock.millis(), id,
                        CorrectionRequest.Status.OPEN.name())
                .update();
        if (changed != 1) {
            get(id);
            throw ApiProblem.conflict("This request was already closed.");
        }
        CorrectionRequest resolved = get(id);
        accessLog.record(operator, StaffRole.SUPPORT, Access.RESOLVED_CORRECTION, resolved.accountId(),
                "answered correction request " + id);
        return resolved;
    }

    CorrectionRequest get(String id) {
        return jdbc.sql("SELECT * FROM correction_requests WHERE id = ?").param(id).query(CorrectionRequests::map)
                .optional().orElseThrow(() -> ApiProblem.notFound("Correction request"));
    }

    private static CorrectionRequest map(ResultSet rs, int n) throws SQLException {
        long resolvedAt = rs.getLong("resolved_at");
        Instant resolved = rs.wasNull() ? null : Instant.ofEpochMilli(resolvedAt);
        return new CorrectionRequest(rs.getString("id"), rs.getString("account_id"), rs.getString("subject"),
                rs.getString("details"), CorrectionRequest.Status.valueOf(rs.getString("status")), rs.getString("answer"),
                rs.getString("resolved_by"), Instant.ofEpochMilli(rs.getLong("created_at")), resolved);
    }
}
