package dev.arca.sharing;

import dev.arca.accounts.Account;
import dev.arca.accounts.AccountService;
import dev.arca.mail.MailLimits;
import dev.arca.platform.ApiProblem;
import dev.arca.platform.ArcaPrincipal;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Invitations to Arca. See docs/api.md. */
@RestController
class InvitationsApi {

    private final Invitations invitations;
    private final AccountService accounts;

    private final MailLimits mailLimits;

    InvitationsApi(Invitations invitations, AccountService accounts, MailLimits mailLimits) {
        this.mailLimits = mailLimits;
        this.invitations = invitations;
        this.accounts = accounts;
    }

    record Invite(String email) {}

    /** Answers 202 whether or not a mail goes out: whether an address has an account is not told. */
    @PostMapping("/api/v1/invitations")
    ResponseEntity<Void> invite(@AuthenticationPrincipal ArcaPrincipal me, @RequestBody Invite body) {
        if (!Senders.address(body.email())) {
            throw ApiProblem.badRequest("email is the address of the person to invite.");
        }
        Account inviter = Senders.verified(accounts, me.accountId());
        mailLimits.admit(me.accountId(), body.email());
        invitations.invite(inviter, body.email());
        return ResponseEntity.accepted().build();
    }

    @GetMapping("/api/v1/invitations")
    Map<String, List<Invitations.Invitation>> list(@AuthenticationPrincipal ArcaPrincipal me) {
        return Map.of("invitations", invitations.of(me.accountId()));
    }

    @DeleteMapping("/api/v1/invitations/{id}")
    ResponseEntity<Void> withdraw(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id) {
        if (!invitations.withdraw(me.accountId(), id)) {
            throw ApiProblem.notFound("Invitation");
        }
        return ResponseEntity.noContent().build();
    }
}
