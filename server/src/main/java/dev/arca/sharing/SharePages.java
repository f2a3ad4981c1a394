package dev.arca.sharing;

import dev.arca.library.Item;
import dev.arca.library.Previews;
import dev.arca.platform.ApiProblem;
import dev.arca.platform.ContentResponses;
import dev.arca.protocol.api.ProblemTypes;
import dev.arca.web.PageController;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The public share pages at {@code /s/{token}}: the shared photos, videos and songs with
 * previews and players, downloads as the owner allows, and a ZIP of them all. No account is
 * needed; the only cookie of its own is the one that keeps a password-protected link unlocked.
 */
@PageController
class SharePages {

    private final Shares shares;
    private final ShareAccess access;
    private final SharedContent content;
    private final Previews previews;

    SharePages(Shares shares, ShareAccess access, SharedContent content, Previews previews) {
        this.shares = shares;
        this.access = access;
        this.content = content;
        this.previews = previews;
    }

    @GetMapping("/s/{token}")
    String page(@PathVariable String token, HttpServletRequest request, HttpServletResponse response, Model model) {
        Shares.Found found;
        try {
            found = access.open(token, request);
        } catch (ShareAccess.LockedException e) {
            model.addAttribute("token", token);
            model.addAttribute("error", null);
            model.addAttribute("retryAfter", null);
            return "sharing/locked";
        } catch (ApiProblem problem) {
            return gone(problem, response, model);
        }
        shares.countView(found);
        List<Item> items = shares.items(found);
        List<SharedItem> shown = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            shown.add(new SharedItem(item.id(), found.share().keepMetadata() ? item.filename()
                    : SharedContent.genericName(item, i), item.kind(),
                    SharedContent.deliverable(item, found.share().keepMetadata())));
        }
        model.addAttribute("token", token);
        model.addAttribute("title", found.share().title());
        model.addAttribute("items", shown);
        model.addAttribute("downloads", found.share().allowOriginals());
        return "sharing/share";
    }

    @PostMapping("/s/{token}/unlock")
    String unlock(@PathVariable String token, @RequestParam(defaultValue = "") String password,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        Shares.Found found;
        try {
            found = access.live(token);
            String value = access.unlock(found, password, request.getRemoteAddr());
            response.addHeader("Set-Cookie", ResponseCookie.from(ShareAccess.COOKIE, value).path("/s/" + token)
                    .httpOnly(true).secure(request.isSecure()).sameSite("Lax").maxAge(12 * 3600).build().toString());
            return "redirect:/s/" + token;
        } catch (ApiProblem problem) {
            if (problem.getStatusCode().value() == 404 || problem.getStatusCode().value() == 410) {
                return gone(problem, response, model);
            }
            response.setStatus(problem.getStatusCode().value());
            String retry = problem.getHeaders().getFirst("Retry-After");
            if (retry != null) {
                response.setHeader("Retry-After", retry);
            }
            model.addAttribute("token", token);
            model.addAttribute("error", problem.getStatusCode().value() == 429 ? "share.locked.wait"
                    : problem.getStatusCode().value() == 401 ? "share.locked.wrong" : "share.locked.failed");
            model.addAttribute("retryAfter", retry);
            return "sharing/locked";
        }
    }

    @GetMapping("/s/{token}/items/{itemId}/preview")
    void preview(@PathVariable String token, @PathVariable String itemId,
            @RequestParam(defaultValue = "small") String size, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        Shares.Found found = access.open(token, request);
        SharedContent.sendPreview(previews, found.accountId(), access.item(found, itemId).item(), size, response);
    }

    /**
     * The item as the share delivers it. Played inline (videos, songs, and photos when originals
     * are allowed), or with {@code download} as a file, counted against the download limit.
     */
    @GetMapping("/s/{token}/items/{itemId}/content")
    void content(@PathVariable String token, @PathVariable String itemId, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        Shares.Found found = access.open(token, request);
        ShareAccess.Positioned shared = access.item(found, itemId);
        boolean download = request.getParameter("download") != null;
        boolean playable = shared.item().kind().equals("video") || shared.item().kind().equals("audio");
        if ((download || !playable) && !found.share().allowOriginals()) {
            throw ApiProblem.forbidden(ProblemTypes.FORBIDDEN, "The owner shares previews of this item only.");
        }
        SharedContent.Delivery delivery = content.of(found.accountId(), shared.item(), shared.position(),
                found.share().keepMetadata()).orElseThrow(() -> ApiProblem.notFound("A shareable form of this item"));
        String range = request.getHeader("Range");
        if (download && (range == null || range.startsWith("bytes=0-")) && !shares.countDownload(found)) {
            throw new ApiProblem(HttpStatus.GONE, ProblemTypes.GONE, "This share's download limit is reached.");
        }
        ContentResponses.send(request, response, delivery.etag(), delivery.size(), delivery.contentType(),
                delivery.name(), download, delivery.writer()::write);
    }

    /** Every deliverable item in one ZIP, counted as one download. */
    @GetMapping("/s/{token}/zip")
    void zip(@PathVariable String token, HttpServletRequest request, HttpServletResponse response) throws IOException {
        Shares.Found found = access.open(token, request);
        if (!found.share().allowOriginals()) {
            throw ApiProblem.forbidden(ProblemTypes.FORBIDDEN, "The owner shares previews only.");
        }
        List<Item> items = shares.items(found);
        List<SharedContent.Delivery> deliveries = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            content.of(found.accountId(), items.get(i), i, found.share().keepMetadata()).ifPresent(deliveries::add);
        }
        if (!shares.countDownload(found)) {
            throw new ApiProblem(HttpStatus.GONE, ProblemTypes.GONE, "This share's download limit is reached.");
        }
        response.setContentType("application/zip");
        response.setHeader("Content-Disposition", ContentResponses.disposition(true, "shared.zip"));
        try (ZipOutputStream zip = new ZipOutputStream(response.getOutputStream())) {
            zip.setLevel(0);
            java.util.Set<String> names = new java.util.HashSet<>();
            for (SharedContent.Delivery delivery : deliveries) {
                String name = delivery.name();
                for (int n = 2; !names.add(name); n++) {
                    name = n + "-" + delivery.name();
                }
                zip.putNextEntry(new ZipEntry(name));
                if (delivery.size() > 0) {
                    delivery.writer().write(0, delivery.size() - 1, zip);
                }
                zip.closeEntry();
            }
        }
    }

    private static String gone(ApiProblem problem, HttpServletResponse response, Model model) {
        response.setStatus(problem.getStatusCode().value());
        boolean expired = problem.getStatusCode().value() == 410;
        String key = expired ? "share.expired" : "share.missing";
        model.addAttribute("title", key + ".title");
        model.addAttribute("message", key + ".text");
        return "layout/message";
    }
}
