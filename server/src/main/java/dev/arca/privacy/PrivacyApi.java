package dev.arca.privacy;

import dev.arca.platform.ApiProblem;
import dev.arca.platform.ArcaPrincipal;
import dev.arca.platform.Secrets;
import dev.arca.protocol.api.PolicyNotice;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The privacy API: the policy and data map, consents, export, policy notices. */
@RestController
class PrivacyApi {

    private final PolicyVersions policies;
    private final ConsentLedger ledger;
    private final SubjectExport export;
    private final ProcessorRegister register;

    PrivacyApi(PolicyVersions policies, ConsentLedger ledger, SubjectExport export, ProcessorRegister register) {
        this.register = register;
        this.policies = policies;
        this.ledger = ledger;
        this.export = export;
    }

    @GetMapping("/api/v1/policy")
    PolicyView policy() {
        return PolicyView.of(policies.current(), register);
    }

    @GetMapping("/api/v1/policy/versions")
    List<PolicyView.Version> versions() {
        return policies.all().stream().map(PolicyView.Version::of).toList();
    }

    /** Any version as it was published, with its full text: no version ever stops being readable. */
    @GetMapping("/api/v1/policy/versions/{version}")
    PolicyView.Published version(@PathVariable int version) {
        return policies.version(version).map(PolicyView.Published::of)
                .orElseThrow(() -> ApiProblem.notFound("Policy version"));
    }

    @GetMapping("/api/v1/me/consents")
    ConsentsView consents(@AuthenticationPrincipal ArcaPrincipal me) {
        return ConsentsView.of(policies.current(), ledger.state(me.accountId()), ledger.history(me.accountId()));
    }

    /** Grants or withdraws one purpose: one call either way. */
    @PostMapping("/api/v1/me/consents")
    ConsentsView.PurposeState decide(@AuthenticationPrincipal ArcaPrincipal me, @Valid @RequestBody ConsentDecision body) {
        if (!body.purpose().needsConsent()) {
            throw ApiProblem.badRequest(body.purpose() + " rests on " + body.purpose().basis() + ", not on consent");
        }
        if (body.decision() == Decision.DENY) {
            throw ApiProblem.badRequest("decision must be GRANT or WITHDRAW");
        }
        if (body.decision().grants() && (body.policyVersion() == null || body.noticeSha256() == null)) {
            throw ApiProblem.badRequest("A grant names the notice it answers: policyVersion and noticeSha256");
        }
        NoticeShown shown = body.decision().grants() ? new NoticeShown(body.policyVersion(), body.noticeSha256()) : null;
        ledger.record(me.accountId(), body.purpose(), body.decision(), Mechanism.API_CALL, Origin.API, "subject", shown);
        PolicyVersion policy = policies.current();
        return ConsentsView.PurposeState.of(policy, ledger.state(me.accountId()).get(body.purpose()));
    }

    /** Streams the ZIP on the request thread: an async dispatch would lose the bearer authentication. */
    @GetMapping("/api/v1/me/export")
    void export(@AuthenticationPrincipal ArcaPrincipal me, HttpServletResponse response) throws IOException {
        response.setContentType("application/zip");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"arca-export.zip\"");
        export.write(me.accountId(), response.getOutputStream());
    }

    @GetMapping("/api/v1/me/policy-notice")
    PolicyNotice notice(@AuthenticationPrincipal ArcaPrincipal me) {
        return policies.unacknowledged(me.accountId())
                .map(v -> new PolicyNotice(new PolicyNotice.Pending(v.version(), v.publishedAt(), v.summary(),
                        v.changes(), "/privacy/versions/" + v.version(), ledger.toRenew(me.accountId()).stream()
                                .map(Purpose::name).toList())))
                .orElse(PolicyNotice.none());
    }

    @PostMapping("/api/v1/me/policy-acknowledgements")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void acknowledge(@AuthenticationPrincipal ArcaPrincipal me, @Valid @RequestBody Acknowledgement body) {
        if (body.version() != policies.current().version()) {
            throw ApiProblem.badRequest("version " + body.version() + " is not the current policy version");
        }
        policies.acknowledge(me.accountId(), body.version());
    }

    /** The consent ledger's integrity: the latest full check, or the first break found since. */
    @GetMapping("/api/v1/admin/privacy/ledger")
    LedgerIntegrity ledgerIntegrity() {
        return ledger.integrity();
    }

    /** Verifies the whole ledger now. */
    @PostMapping("/api/v1/admin/privacy/ledger/verifications")
    LedgerIntegrity verifyLedger() {
        return ledger.verify();
    }

    /**
     * One decision. A grant names the policy version and the SHA-256 of the notice that was
     * shown ({@code GET /api/v1/policy}); a withdrawal needs neither.
     */
    record ConsentDecision(@NotNull Purpose purpose, @NotNull Decision decision, Integer policyVersion,
            String noticeSha256) {}

    record Acknowledgement(int version) {}

    /**
     * The policy in force as it was published: version, purposes and the data map, from the
     * version's snapshot (which the build keeps equal to what the code does).
     */
    record PolicyView(int version, Instant publishedAt, String summary, List<PurposeView> purposes,
            List<FieldView> dataMap, List<ProcessorView> processors) {

        /** The version in force, its fields' processors and the processors list from the register. */
        static PolicyView of(PolicyVersion policy, ProcessorRegister register) {
            java.util.Map<String, String> processorsOf = register.processorsOf(policy.snapshot());
            List<PurposeView> purposes = policy.snapshot().purposes().stream()
                    .map(p -> new PurposeView(p.id(), p.basis(), p.clause(), p.title(), p.notice(),
                            p.notice() == null ? null : Secrets.sha256Hex(p.notice())))
                    .toList();
            List<FieldView> fields = policy.snapshot().fields().stream()
                    .map(f -> new FieldView(f.table(), f.column(), f.category(), f.purpose(), f.retention(),
                            f.recipients(), processorsOf.get(f.table() + "." + f.column())))
                    .toList();
            return new PolicyView(policy.version(), policy.publishedAt(), policy.summary(), purposes, fields,
                    register.active().stream().map(p -> new ProcessorView(p.name(), p.service().name(), p.country(),
                            p.adequacy().name(), p.purposeList().stream().map(Purpose::name).toList(),
                            List.copyOf(new java.util.TreeSet<>(p.categories())), p.contractDate())).toList());
        }

        /** An active processor as the public sees it: no destination, no contract reference. */
        record ProcessorView(String name, String service, String country, String adequacy, List<String> purposes,
                List<String> categories, java.time.LocalDate contractSince) {}

        /** {@code notice} and {@code noticeSha256} are null for purposes that need no consent. */
        record PurposeView(String id, String basis, String clause, String title, String notice,
                String noticeSha256) {}

        /** {@code processors}: the active processors that receive the field's data, from the register; null for none. */
        record FieldView(String table, String field, String category, String purpose, String retention,
                String recipients, String processors) {}

        record Version(int version, Instant publishedAt, String summary, List<String> changes) {
            static Version of(PolicyVersion v) {
                return new Version(v.version(), v.publishedAt(), v.summary(), v.changes());
            }
        }

        /** One version in full: what changed, the text as published, and what it describes. */
        record Published(int version, Instant publishedAt, String summary, List<String> changes, String text,
                PolicySnapshot snapshot) {
            static Published of(PolicyVersion v) {
                return new Published(v.version(), v.publishedAt(), v.summary(), v.changes(), v.text(), v.snapshot());
            }
        }
    }

    /** A subject's consents: the state of each purpose and the full history. */
    record ConsentsView(int policyVersion, List<PurposeState> purposes, List<ConsentEvent> history) {

        static ConsentsView of(PolicyVersion policy, Map<Purpose, ConsentState> state, List<ConsentEvent> history) {
            return new ConsentsView(policy.version(),
                    state.values().stream().map(s -> PurposeState.of(policy, s)).toList(), history);
        }

        /** {@code effective}: granted to the current notice, so processing may happen. */
        record PurposeState(Purpose purpose, String clause, String notice, boolean granted, boolean effective,
                Integer grantedUnderVersion, Instant decidedAt) {
            static PurposeState of(PolicyVersion policy, ConsentState s) {
                return new PurposeState(s.purpose(), s.purpose().clause(), policy.notice(s.purpose()).text(),
                        s.granted(), s.effective(), s.policyVersion(), s.decidedAt());
            }
        }
    }
}
