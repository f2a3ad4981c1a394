package dev.arca.sharing;

import dev.arca.library.Item;
import dev.arca.library.Previews;
import dev.arca.platform.ApiProblem;
import dev.arca.platform.ContentResponses;
import dev.arca.protocol.api.ProblemTypes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * What a share link's page shows and hands out: previews, the items as the share delivers
 * them, and all of them as one ZIP. Not a page controller: these answers need no page frame.
 */
@Controller
class ShareFiles {

    private final Shares shares;
    private final ShareAccess access;
    private final SharedContent content;
    private final Previews previews;

    ShareFiles(Shares shares, ShareAccess access, SharedContent content, Previews previews) {
        this.shares = shares;
        this.access = access;
        this.content = content;
        this.previews = previews;
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
                zip.putNextEntry(new ZipEntry(ContentResponses.uniqueName(names, delivery.name())));
                if (delivery.size() > 0) {
                    delivery.writer().write(0, delivery.size() - 1, zip);
                }
                zip.closeEntry();
            }
        }
    }
}
