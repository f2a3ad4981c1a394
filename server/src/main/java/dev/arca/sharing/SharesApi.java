package dev.arca.sharing;

import dev.arca.accounts.Account;
import dev.arca.accounts.AccountService;
import dev.arca.library.FreeText;
import dev.arca.mail.MailLimits;
import dev.arca.platform.ApiProblem;
import dev.arca.platform.ArcaPrincipal;
import dev.arca.platform.Links;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The owner's share links. See docs/api.md. */
@RestController
class SharesApi {

    private static final int MAX_ITEMS = 10_000;

    private final Shares shares;
    private static final int MAX_RECIPIENTS = 50;

    private final Links links;
    private final AccountService accounts;
    private final ShareMail mail;

    private final MailLimits mailLimits;

    SharesApi(Shares shares, Links links, AccountService accounts, ShareMail mail, MailLimits mailLimits) {
        this.mailLimits = mailLimits;
        this.shares = shares;
        this.links = links;
        this.accounts = accounts;
        this.mail = mail;
    }

    record Create(List<String> itemIds, String albumId, String title, String password, Instant expiresAt,
            Integer maxDownloads, Boolean allowOriginals, Boolean keepMetadata) {}

    /** A new link; its URL holds the token, which the server keeps only as a hash: this is the one time it is shown. */
    record Created(String id, String url, Shares.Share share) {}

    @PostMapping("/api/v1/shares")
    ResponseEntity<Created> create(@AuthenticationPrincipal ArcaPrincipal me, @RequestBody Create body) {
        boolean items = body.itemIds() != null && !body.itemIds().isEmpty();
        if (items == (body.albumId() != null)) {
            throw ApiProblem.badRequest("Share either itemIds (a non-empty list) or an albumId.");
        }
        if (items && body.itemIds().size() > MAX_ITEMS) {
            throw ApiProblem.badRequest("A share holds at most " + MAX_ITEMS + " items.");
        }
        if (body.password() != null && (body.password().length() < 4 || body.password().length() > 200)) {
            throw ApiProblem.badRequest("A share password has 4 to 200 characters.");
        }
        if (body.expiresAt() != null && !body.expiresAt().isAfter(Instant.now())) {
            throw ApiProblem.badRequest("expiresAt must be in the future.");
        }
        if (body.maxDownloads() != null && body.maxDownloads() < 1) {
            throw ApiProblem.badRequest("maxDownloads is at least 1.");
        }
        String title = FreeText.line("title", body.title(), 200);
        Shares.Created created = shares.create(me.accountId(), new Shares.Request(items ? body.itemIds() : List.of(),
                body.albumId(), title, body.password(), body.expiresAt(), body.maxDownloads(),
                body.allowOriginals() == null || body.allowOriginals(), Boolean.TRUE.equals(body.keepMetadata())));
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new Created(created.share().id(), links.to("/s/" + created.token()), created.share()));
    }

    @GetMapping("/api/v1/shares")
    Map<String, List<Shares.Share>> list(@AuthenticationPrincipal ArcaPrincipal me) {
        return Map.of("shares", shares.list(me.accountId()));
    }

    /** Revokes a link at once. */
    @DeleteMapping("/api/v1/shares/{id}")
    ResponseEntity<Void> revoke(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id) {
        if (!shares.revoke(me.accountId(), id)) {
            throw ApiProblem.notFound("Share");
        }
        return ResponseEntity.noContent().build();
    }

    record Recipients(List<String> emails) {}

    /**
     * Sends the share to people by e-mail, each with a link of their own. Needs a verified address
     * of the sharer, so that no one can use this server to mail strangers in another's name.
     */
    @PostMapping("/api/v1/shares/{id}/recipients")
    ResponseEntity<Map<String, List<Shares.Recipient>>> addRecipients(@AuthenticationPrincipal ArcaPrincipal me,
            @PathVariable String id, @RequestBody Recipients body) {
        List<String> emails = body.emails() == null ? List.of()
                : body.emails().stream().map(e -> e == null ? "" : e.strip()).distinct().toList();
        if (emails.isEmpty() || emails.size() > MAX_RECIPIENTS
                || !emails.stream().allMatch(Senders::address)) {
            throw ApiProblem.badRequest("emails is a list of 1 to " + MAX_RECIPIENTS + " e-mail addresses.");
        }
        Account owner = Senders.verified(accounts, me.accountId());
        Shares.Share share = shares.find(me.accountId(), id).orElseThrow(() -> ApiProblem.notFound("Share"));
        emails.forEach(email -> mailLimits.admit(me.accountId(), email));
        List<Shares.Added> added = shares.addRecipients(me.accountId(), id, emails).orElseThrow();
        for (Shares.Added recipient : added) {
            mail.send(owner, share.title(), recipient.recipient().email(), recipient.token());
        }
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(Map.of("recipients", added.stream().map(Shares.Added::recipient).toList()));
    }

    @GetMapping("/api/v1/shares/{id}/recipients")
    Map<String, List<Shares.Recipient>> recipients(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id) {
        shares.find(me.accountId(), id).orElseThrow(() -> ApiProblem.notFound("Share"));
        return Map.of("recipients", shares.recipients(me.accountId(), id));
    }

    /** Removes a recipient: their link stops at once and their address is deleted. */
    @DeleteMapping("/api/v1/shares/{id}/recipients/{recipientId}")
    ResponseEntity<Void> removeRecipient(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id,
            @PathVariable String recipientId) {
        if (!shares.removeRecipient(me.accountId(), id, recipientId)) {
            throw ApiProblem.notFound("Recipient");
        }
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(Shares.UnknownContentException.class)
    ApiProblem unknown() {
        return ApiProblem.badRequest("Only your own items (not in the trash) or album can be shared.");
    }
}
