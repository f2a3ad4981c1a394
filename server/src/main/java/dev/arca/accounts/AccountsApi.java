package dev.arca.accounts;

import dev.arca.platform.ApiProblem;
import dev.arca.platform.ArcaPrincipal;
import dev.arca.platform.SignInThrottledException;
import dev.arca.platform.WebSessions;
import dev.arca.privacy.Origin;
import dev.arca.privacy.Purpose;
import dev.arca.protocol.api.ProblemTypes;
import dev.arca.protocol.api.TokenRequest;
import dev.arca.protocol.api.TokenResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The accounts API: registration, verification, tokens, profile, corrections, erasure. */
@RestController
class AccountsApi {

    private final AccountService accounts;
    private final ApiTokens tokens;
    private final CorrectionRequests corrections;
    private final Usernames usernames;

    AccountsApi(AccountService accounts, ApiTokens tokens, CorrectionRequests corrections, Usernames usernames) {
        this.usernames = usernames;
        this.accounts = accounts;
        this.tokens = tokens;
        this.corrections = corrections;
    }

    record RegistrationRequest(String name, String email, String password, String country, String language,
            String productSerial, Boolean acceptTerms, Set<Purpose> consents, Integer policyVersion) {
        @Override
        public String toString() {
            return "RegistrationRequest";
        }
    }

    /** Always 202: whether the address already had an account is told only to its owner, by mail. */
    @PostMapping("/api/v1/accounts")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, String> register(@RequestBody RegistrationRequest r) {
        accounts.register(new AccountService.Registration(r.name(), r.email(), r.password(), r.country(), r.language(),
                r.productSerial(), Boolean.TRUE.equals(r.acceptTerms()), r.consents() == null ? Set.of() : r.consents(),
                r.policyVersion()),
                Origin.API);
        return Map.of("status", "verification-sent",
                "message", "Check your mailbox for a link to verify your address, then sign in.");
    }

    record VerificationRequest(@NotBlank String token) {}

    @PostMapping("/api/v1/email-verifications")
    Map<String, Object> verify(@Valid @RequestBody VerificationRequest body) {
        return Map.of("emailVerified", accounts.verify(body.token()).emailVerified());
    }

    @PostMapping("/api/v1/me/email-verification")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void resendVerification(@AuthenticationPrincipal ArcaPrincipal me) {
        accounts.resendVerification(me.accountId());
    }

    record ResetRequest(@NotBlank @Size(max = 254) String email) {}

    @PostMapping("/api/v1/password-resets")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void requestReset(@Valid @RequestBody ResetRequest body) {
        accounts.requestPasswordReset(body.email());
    }

    record ResetConfirmation(@NotBlank String token, String password) {}

    @PostMapping("/api/v1/password-resets/confirm")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void confirmReset(@Valid @RequestBody ResetConfirmation body) {
        accounts.resetPassword(body.token(), body.password());
    }

    @PostMapping("/api/v1/tokens")
    ResponseEntity<TokenResponse> issueToken(@RequestBody TokenRequest body, HttpServletRequest request) {
        String device = body.deviceName() == null || body.deviceName().isBlank() ? "unnamed device" : body.deviceName().strip();
        if (device.length() > 100 || device.chars().anyMatch(Character::isISOControl)) {
            throw ApiProblem.badRequest("deviceName must be at most 100 printable characters");
        }
        Account account = accounts.signIn(body.email(), body.password(), request.getRemoteAddr())
                .orElseThrow(() -> new ApiProblem(HttpStatus.UNAUTHORIZED, ProblemTypes.BAD_CREDENTIALS,
                        "Wrong e-mail or password."));
        ApiTokens.Issued issued = tokens.issue(account.id(), device);
        return ResponseEntity.status(HttpStatus.CREATED).body(new TokenResponse(issued.info().id(), issued.token(),
                issued.info().deviceName(), issued.info().createdAt()));
    }

    @GetMapping("/api/v1/tokens")
    List<DeviceToken> listTokens(@AuthenticationPrincipal ArcaPrincipal me) {
        return tokens.list(me.accountId());
    }

    @DeleteMapping("/api/v1/tokens/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revokeToken(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id) {
        if (!tokens.revoke(me.accountId(), id)) {
            throw ApiProblem.notFound("Token");
        }
    }

    record Username(String username) {}

    /** Chooses (or, with null, removes) the user name others can share with. */
    @PutMapping("/api/v1/me/username")
    Username username(@AuthenticationPrincipal ArcaPrincipal me, @RequestBody Username body) {
        if (body.username() != null && !Usernames.valid(body.username())) {
            throw ApiProblem.badRequest("A user name has 3 to 30 characters: a-z, 0-9, '.', '_' and '-'.");
        }
        try {
            usernames.choose(me.accountId(), body.username());
        } catch (Usernames.TakenException e) {
            throw ApiProblem.conflict("That user name is taken.");
        }
        return new Username(usernames.of(me.accountId()).orElse(null));
    }

    @GetMapping("/api/v1/me")
    Account me(@AuthenticationPrincipal ArcaPrincipal me) {
        return current(me);
    }

    /**
     * The account after the change. A new address is not in it yet: it takes effect when the link
     * mailed to it is opened ({@code emailChangePending}).
     */
    record AmendedAccount(@com.fasterxml.jackson.annotation.JsonUnwrapped Account account, boolean emailChangePending) {}

    @PatchMapping("/api/v1/me")
    AmendedAccount amend(@AuthenticationPrincipal ArcaPrincipal me, @RequestBody AccountService.ProfileChange change,
            HttpServletRequest request) {
        AccountService.Amended amended = accounts.amend(me, change);
        WebSessions.keep(request, amended.principal());
        return new AmendedAccount(amended.account(), amended.emailChangePending());
    }

    record EmailChangeConfirmation(@NotBlank String token) {}

    /** Finishes an address change with the token mailed to the new address. */
    @PostMapping("/api/v1/email-changes/confirm")
    Account confirmEmailChange(@Valid @RequestBody EmailChangeConfirmation body) {
        return accounts.confirmEmailChange(body.token());
    }

    record ErasureRequest(String password) {}

    @DeleteMapping("/api/v1/me")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void erase(@AuthenticationPrincipal ArcaPrincipal me, @RequestBody ErasureRequest body) {
        accounts.erase(me.accountId(), body.password());
    }

    record CorrectionFiling(@NotBlank @Size(max = 200) String subject, @NotBlank @Size(max = 4000) String details) {}

    @PostMapping("/api/v1/me/corrections")
    ResponseEntity<CorrectionRequest> fileCorrection(@AuthenticationPrincipal ArcaPrincipal me,
            @Valid @RequestBody CorrectionFiling body) {
        CorrectionRequest filed = corrections.file(me.accountId(), body.subject(), body.details());
        return ResponseEntity.created(URI.create("/api/v1/me/corrections/" + filed.id())).body(filed);
    }

    @GetMapping("/api/v1/me/corrections")
    List<CorrectionRequest> myCorrections(@AuthenticationPrincipal ArcaPrincipal me) {
        return corrections.of(me.accountId());
    }

    /** Each request listed is a read of its author's data, in the access log with the request as its reason. */
    @GetMapping("/api/v1/admin/corrections")
    List<CorrectionRequest> corrections(@AuthenticationPrincipal ArcaPrincipal operator,
            @RequestParam(defaultValue = "OPEN") CorrectionRequest.Status status) {
        return corrections.read(operator, status);
    }

    record Resolution(@NotNull CorrectionRequest.Status status, @NotBlank @Size(max = 4000) String answer) {}

    /** Closes a request and tells its author the answer by mail. */
    @PostMapping("/api/v1/admin/corrections/{id}/resolution")
    CorrectionRequest resolve(@AuthenticationPrincipal ArcaPrincipal operator, @PathVariable String id,
            @Valid @RequestBody Resolution body) {
        CorrectionRequest resolved = corrections.resolve(id, body.status(), body.answer(), operator);
        accounts.find(resolved.accountId()).ifPresent(a -> accounts.send(a.email(),
                "Your correction request: " + resolved.status().name().toLowerCase(java.util.Locale.ROOT),
                "Hello,\n\nyour request \"" + resolved.subject() + "\" was " + resolved.status().name().toLowerCase(java.util.Locale.ROOT)
                        + ".\n\n" + resolved.answer()));
        return resolved;
    }

    @ExceptionHandler(SignInThrottledException.class)
    ResponseEntity<ProblemDetail> throttled(SignInThrottledException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
        problem.setType(URI.create(ProblemTypes.RATE_LIMITED));
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfter().toSeconds()))
                .body(problem);
    }

    private Account current(ArcaPrincipal me) {
        return accounts.find(me.accountId()).orElseThrow(() -> ApiProblem.notFound("Account"));
    }
}
