package dev.arca.sharing;

import dev.arca.platform.ApiProblem;
import dev.arca.protocol.api.ProblemTypes;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A share as data, for apps: what it holds and where each item's preview and content are. No
 * account; a password-protected share wants {@code Arca-Share-Password} with each request.
 */
@RestController
class PublicSharesApi {

    record Entry(String id, String name, String kind, String contentType, Long size, String preview, String content) {}

    record View(String title, Instant expiresAt, boolean downloads, List<Entry> items) {}

    private final Shares shares;
    private final ShareAccess access;
    private final ShareDelivery delivery;

    PublicSharesApi(Shares shares, ShareAccess access, ShareDelivery delivery) {
        this.shares = shares;
        this.access = access;
        this.delivery = delivery;
    }

    @GetMapping("/api/v1/public/shares/{token}")
    View view(@PathVariable String token, HttpServletRequest request) throws IOException {
        Shares.Found found = access.open(token, request);
        shares.countView(found);
        List<Entry> entries = new ArrayList<>();
        for (ShareDelivery.Listed listed : delivery.list(found)) {
            SharedContent.Delivery content = listed.delivery();
            String base = "/s/" + token + "/items/" + listed.item().id();
            entries.add(new Entry(listed.item().id(), listed.name(), listed.item().kind(),
                    content == null ? null : content.contentType(), content == null ? null : content.size(),
                    base + "/preview", content == null ? null : base + "/content"));
        }
        return new View(found.share().title(), found.share().expiresAt(), found.share().allowOriginals(), entries);
    }

    /** A locked share's answer, for the API and the content behind the pages alike. */
    @RestControllerAdvice(basePackageClasses = PublicSharesApi.class)
    static class Locked {
        @ExceptionHandler(ShareAccess.LockedException.class)
        ApiProblem locked() {
            return new ApiProblem(HttpStatus.UNAUTHORIZED, ProblemTypes.BAD_CREDENTIALS,
                    "This share has a password: give it in Arca-Share-Password, or open the link in a browser.");
        }
    }
}
