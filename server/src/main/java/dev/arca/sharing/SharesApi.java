package dev.arca.sharing;

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
    private final Links links;

    SharesApi(Shares shares, Links links) {
        this.shares = shares;
        this.links = links;
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
        if (body.title() != null && body.title().length() > 200) {
            throw ApiProblem.badRequest("A title has at most 200 characters.");
        }
        Shares.Created created = shares.create(me.accountId(), new Shares.Request(items ? body.itemIds() : List.of(),
                body.albumId(), body.title(), body.password(), body.expiresAt(), body.maxDownloads(),
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

    @ExceptionHandler(Shares.UnknownContentException.class)
    ApiProblem unknown() {
        return ApiProblem.badRequest("Only your own items (not in the trash) or album can be shared.");
    }
}
