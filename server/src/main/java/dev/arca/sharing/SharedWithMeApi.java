package dev.arca.sharing;

import dev.arca.accounts.Account;
import dev.arca.accounts.AccountService;
import dev.arca.accounts.Usernames;
import dev.arca.library.Albums;
import dev.arca.library.Item;
import dev.arca.library.Library;
import dev.arca.mail.Mail;
import dev.arca.mail.MailLimits;
import dev.arca.mail.MailQueue;
import dev.arca.platform.ApiProblem;
import dev.arca.platform.ArcaPrincipal;
import dev.arca.platform.Links;
import dev.arca.protocol.api.ProblemTypes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sharing with other Arca users: the owner adds members by e-mail address; members find the share
 * in "Shared with me", see and receive its items under the share's rules, and contributors add to
 * a shared album. Whether an address has an account is never told: an address without one gets
 * the share by e-mail instead.
 */
@RestController
class SharedWithMeApi {

    private final Shares shares;
    private final Members members;
    private final AccountService accounts;
    private final Usernames usernames;
    private final ShareMail shareMail;
    private final MailQueue mail;
    private final Links links;
    private final Library library;
    private final Albums albums;
    private final ShareAccess access;
    private final ShareDelivery delivery;

    private final MailLimits mailLimits;

    SharedWithMeApi(Shares shares, Members members, AccountService accounts, Usernames usernames, ShareMail shareMail,
            MailQueue mail, Links links, Library library, Albums albums, ShareAccess access, ShareDelivery delivery,
            MailLimits mailLimits) {
        this.mailLimits = mailLimits;
        this.shares = shares;
        this.members = members;
        this.accounts = accounts;
        this.usernames = usernames;
        this.shareMail = shareMail;
        this.mail = mail;
        this.links = links;
        this.library = library;
        this.albums = albums;
        this.access = access;
        this.delivery = delivery;
    }

    /** Whom to share with: an e-mail address, or the user name of an Arca user. */
    record Invite(String email, String username, String role) {}

    @PostMapping("/api/v1/shares/{id}/members")
    ResponseEntity<Void> add(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id,
            @RequestBody Invite body) {
        Members.Role role;
        try {
            role = Members.Role.valueOf(body.role() == null ? "VIEWER" : body.role().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("role is viewer or contributor.");
        }
        if ((body.username() == null) == (body.email() == null)
                || body.email() != null && !Senders.address(body.email())) {
            throw ApiProblem.badRequest("Give either the email address or the username of the person to share with.");
        }
        Account owner = Senders.verified(accounts, me.accountId());
        Shares.Share share = shares.find(me.accountId(), id).orElseThrow(() -> ApiProblem.notFound("Share"));
        if (role == Members.Role.CONTRIBUTOR && share.albumId() == null) {
            throw ApiProblem.badRequest("Contributors add to an album: share an album to have them.");
        }
        if (body.username() != null) {
            // A user name is chosen to be found: an unknown one is said to be unknown.
            String memberId = usernames.account(body.username())
                    .orElseThrow(() -> ApiProblem.notFound("A user with that user name"));
            if (!memberId.equals(me.accountId())) {
                Account member = accounts.find(memberId).orElseThrow();
                mailLimits.admit(me.accountId(), member.email());
                members.add(me.accountId(), id, memberId, role, body.username());
                tell(owner, share, member);
            }
            return ResponseEntity.accepted().build();
        }
        // An address is answered and listed the same whether or not it has an account.
        String address = body.email().strip();
        mailLimits.admit(me.accountId(), address);
        Optional<Account> member = accounts.findByEmail(address);
        if (member.isPresent() && !member.get().id().equals(me.accountId())) {
            members.add(me.accountId(), id, member.get().id(), role, address);
            tell(owner, share, member.get());
        } else if (member.isEmpty()) {
            shares.addRecipients(me.accountId(), id, List.of(address), role).orElseThrow()
                    .forEach(r -> shareMail.send(owner, share.title(), r.recipient().email(), r.token()));
        }
        return ResponseEntity.accepted().build();
    }

    /** Tells a new member by mail where to find what was shared. */
    private void tell(Account owner, Shares.Share share, Account member) {
        String what = share.title() == null ? "photos" : "\u201c" + share.title() + "\u201d";
        String text = owner.name() + " shared " + what + " with you in Arca. Find it under Shared with me: "
                + links.to("/api/v1/shared-with-me");
        mail.send(Mail.ofText(member.email(), owner.name() + " shared " + what + " with you", text, "share",
                Map.of()));
    }

    @GetMapping("/api/v1/shares/{id}/members")
    Map<String, List<Members.Member>> list(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id) {
        shares.find(me.accountId(), id).orElseThrow(() -> ApiProblem.notFound("Share"));
        return Map.of("members", members.of(me.accountId(), id));
    }

    @DeleteMapping("/api/v1/shares/{id}/members/{memberId}")
    ResponseEntity<Void> remove(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id,
            @PathVariable String memberId) {
        if (!members.remove(me.accountId(), id, memberId)) {
            throw ApiProblem.notFound("Member");
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/shared-with-me")
    Map<String, List<Members.SharedWithMe>> sharedWithMe(@AuthenticationPrincipal ArcaPrincipal me) {
        return Map.of("shares", members.sharedWith(me.accountId()));
    }

    record Entry(String id, String name, String kind, String contentType, Long size) {}

    @GetMapping("/api/v1/shared-with-me/{shareId}")
    Map<String, List<Entry>> items(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String shareId)
            throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (ShareDelivery.Listed listed : delivery.list(memberOf(me, shareId))) {
            SharedContent.Delivery content = listed.delivery();
            entries.add(new Entry(listed.item().id(), listed.name(), listed.item().kind(),
                    content == null ? null : content.contentType(), content == null ? null : content.size()));
        }
        return Map.of("items", entries);
    }

    /** A small (grid) or large preview of an item shared with me. */
    @GetMapping("/api/v1/shared-with-me/{shareId}/items/{itemId}/preview")
    void preview(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String shareId, @PathVariable String itemId,
            @RequestParam(defaultValue = "small") String size, HttpServletResponse response) throws IOException {
        delivery.preview(memberOf(me, shareId), itemId, size, response);
    }

    @GetMapping("/api/v1/shared-with-me/{shareId}/items/{itemId}/content")
    void content(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String shareId, @PathVariable String itemId,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        delivery.content(memberOf(me, shareId), itemId, request.getParameter("download") != null, request, response);
    }

    /**
     * A contributor adds a file to a shared album. It is stored in the owner's library (and counts
     * against the owner's quota); the owner is told by mail when they turned that on.
     */
    @PostMapping("/api/v1/shared-with-me/{shareId}/items")
    ResponseEntity<Map<String, String>> contribute(@AuthenticationPrincipal ArcaPrincipal me,
            @PathVariable String shareId, @RequestParam String filename, HttpServletRequest request)
            throws IOException {
        Shares.Found found = memberOf(me, shareId);
        if (members.role(me.accountId(), shareId).orElseThrow() != Members.Role.CONTRIBUTOR
                || found.share().albumId() == null) {
            throw ApiProblem.forbidden(ProblemTypes.FORBIDDEN, "Only contributors add to a shared album.");
        }
        Item item = library.create(found.accountId(), filename, request.getInputStream(),
                request.getContentLengthLong());
        albums.add(found.accountId(), found.share().albumId(), List.of(item.id()));
        if (members.notifiesContributions(found.accountId())) {
            Account owner = accounts.find(found.accountId()).orElseThrow();
            Account contributor = accounts.find(me.accountId()).orElseThrow();
            String text = contributor.name() + " added a file to your shared album"
                    + (found.share().title() == null ? "." : " \u201c" + found.share().title() + "\u201d.");
            mail.send(Mail.ofText(owner.email(), contributor.name() + " added to your shared album", text,
                    "notification", Map.of()));
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", item.id()));
    }

    record Settings(boolean notifyContributions) {}

    @GetMapping("/api/v1/me/sharing-settings")
    Settings settings(@AuthenticationPrincipal ArcaPrincipal me) {
        return new Settings(members.notifiesContributions(me.accountId()));
    }

    /** Opt in to (or out of) mail when someone adds to one of your shared albums. */
    @PutMapping("/api/v1/me/sharing-settings")
    Settings settings(@AuthenticationPrincipal ArcaPrincipal me, @RequestBody Settings body) {
        members.notifyContributions(me.accountId(), body.notifyContributions());
        return body;
    }

    /** The live share the user is a member of: 404 when not a member, 410 when expired. */
    private Shares.Found memberOf(ArcaPrincipal me, String shareId) {
        return access.forMember(me.accountId(), shareId);
    }
}
