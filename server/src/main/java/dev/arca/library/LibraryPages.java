package dev.arca.library;

import dev.arca.library.internal.ContentReader;
import dev.arca.platform.ContentResponses;
import dev.arca.platform.ApiProblem;
import dev.arca.platform.ArcaPrincipal;
import dev.arca.web.PageController;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The item page of a signed-in user: the photo, or the video or song in the browser's own
 * player, which streams and seeks through range requests on the session.
 */
@PageController
class LibraryPages {

    private final Library library;
    private final ContentReader reader;
    private final Previews previews;
    private final ItemSearch search;
    private final Trash trashBin;

    LibraryPages(Library library, ContentReader reader, Previews previews, ItemSearch search, Trash trashBin) {
        this.search = search;
        this.trashBin = trashBin;
        this.library = library;
        this.reader = reader;
        this.previews = previews;
    }

    private static final int PAGE = 60;

    /** The library: thumbnails by capture date, newest first, with a header per day. */
    @GetMapping("/library")
    String grid(@AuthenticationPrincipal ArcaPrincipal me, @RequestParam(required = false) String cursor,
            Model model) {
        page(me, cursor, model);
        return "library/grid";
    }

    /** The next days of the grid as an HTML fragment, for the page's infinite scroll. */
    @GetMapping("/library/page")
    String more(@AuthenticationPrincipal ArcaPrincipal me, @RequestParam(required = false) String cursor,
            Model model) {
        page(me, cursor, model);
        return "library/days";
    }

    /** The trash: what was deleted, to restore one by one or to empty at once. */
    @GetMapping("/library/trash")
    String trash(@AuthenticationPrincipal ArcaPrincipal me, @RequestParam(required = false) String cursor,
            Model model) {
        page(me, cursor, true, model);
        return "library/trash";
    }

    @PostMapping("/library/items/{id}/restore")
    String restore(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id) {
        if (!library.restore(me.accountId(), id)) {
            throw ApiProblem.notFound("Item");
        }
        return "redirect:/library/trash";
    }

    @PostMapping("/library/trash/empty")
    String empty(@AuthenticationPrincipal ArcaPrincipal me) {
        trashBin.empty(me.accountId());
        return "redirect:/library/trash";
    }

    private void page(ArcaPrincipal me, String cursor, Model model) {
        page(me, cursor, false, model);
    }

    private void page(ArcaPrincipal me, String cursor, boolean trashed, Model model) {
        ItemSearch.Page page = search.search(me.accountId(), new ItemSearch.Query(null, null, null, null, null, null,
                null, null, trashed, "-takenAt", cursor, PAGE));
        java.util.Map<String, List<LibraryDay.Tile>> days = new java.util.LinkedHashMap<>();
        for (Item item : page.items()) {
            String day = item.takenAt().atZone(java.time.ZoneOffset.UTC).toLocalDate().toString();
            days.computeIfAbsent(day, d -> new java.util.ArrayList<>()).add(new LibraryDay.Tile(item.id(),
                    item.title() != null ? item.title() : item.filename(), item.kind(),
                    "/library/items/" + item.id() + "/thumbnail?v=" + item.sha256().substring(0, 16)
                            + (item.edits() == null || item.edits().isNone() ? "" : "-" + item.edits().toText().hashCode())));
        }
        model.addAttribute("days", days.entrySet().stream().map(e -> new LibraryDay(e.getKey(), e.getValue())).toList());
        model.addAttribute("next", page.nextCursor() == null ? null
                : java.net.URLEncoder.encode(page.nextCursor(), java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A square thumbnail; its address names the content, so it is kept for good. */
    @GetMapping("/library/items/{id}/thumbnail")
    void thumbnail(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id, HttpServletResponse response)
            throws IOException {
        Item item = library.find(me.accountId(), id).orElseThrow(() -> ApiProblem.notFound("Item"));
        Optional<Previews.Preview> preview = previews.thumbnail(me.accountId(), item,
                dev.arca.media.ThumbnailSize.SMALL);
        if (preview.isEmpty()) {
            response.sendRedirect("/css/no-preview.svg");
            return;
        }
        response.setContentType("image/jpeg");
        response.setHeader("Cache-Control", "private, max-age=31536000, immutable");
        response.getOutputStream().write(preview.get().jpeg());
    }

    @GetMapping("/library/items/{id}")
    String item(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id, Model model) {
        model.addAttribute("item", library.find(me.accountId(), id).orElseThrow(() -> ApiProblem.notFound("Item")));
        model.addAttribute("videoPreviews", previews.videoPreviewsAvailable());
        return "library/item";
    }

    @GetMapping("/library/items/{id}/content")
    void content(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        Library.Version v = library.version(me.accountId(), id, 0).orElseThrow(() -> ApiProblem.notFound("Item"));
        ContentResponses.send(request, response, v.sha256(), v.size(), v.contentType(), v.filename(),
                request.getParameter("download") != null,
                (first, last, out) -> reader.write(me.accountId(), v.id(), first, last, out));
    }
}
