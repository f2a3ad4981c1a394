package dev.arca.library;

import dev.arca.library.internal.ContentReader;
import dev.arca.media.ThumbnailSize;
import dev.arca.platform.ApiProblem;
import dev.arca.platform.ArcaPrincipal;
import dev.arca.platform.ContentResponses;
import dev.arca.web.PageController;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The item page: a large preview (or the browser's own player for videos and songs, which
 * streams and seeks through range requests), the metadata panel, the user's values, the
 * image editor, versions and downloads. Changes go through the JSON API on the session
 * ({@code /js/arca.js}); the page itself only reads.
 */
@PageController
class ItemPages {

    private final Library library;
    private final ContentReader reader;
    private final Previews previews;
    private final ItemSearch search;
    private final Albums albums;

    ItemPages(Library library, ContentReader reader, Previews previews, ItemSearch search, Albums albums) {
        this.library = library;
        this.reader = reader;
        this.previews = previews;
        this.search = search;
        this.albums = albums;
    }

    /**
     * What a preview's address carries so that it changes whenever the picture does: the
     * content's hash and the edits. Such addresses are cached for good.
     */
    static String previewVersion(Item item) {
        return item.sha256().substring(0, 16)
                + (item.edits() == null || item.edits().isNone() ? "" : "-" + Integer.toHexString(item.edits().toText().hashCode()));
    }

    @GetMapping("/library/items/{id}")
    String item(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id, Model model) {
        Item item = find(me, id);
        model.addAttribute("item", item);
        model.addAttribute("facts", ItemFacts.of(item));
        model.addAttribute("neighbours", item.trashedAt() == null ? search.neighbours(me.accountId(), item)
                : new ItemSearch.Neighbours(null, null));
        model.addAttribute("versions", library.versions(me.accountId(), id));
        model.addAttribute("albums", albums.list(me.accountId()));
        model.addAttribute("previewVersion", previewVersion(item));
        model.addAttribute("videoPreviews", previews.videoPreviewsAvailable());
        return "library/item";
    }

    /** The large preview with the edits applied; its address names content and edits. */
    @GetMapping("/library/items/{id}/preview")
    void preview(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        Item item = find(me, id);
        send(previews.thumbnail(me.accountId(), item, ThumbnailSize.LARGE), request, response);
    }

    /** The large preview without the user's edits, which the editor draws its changes on. */
    @GetMapping("/library/items/{id}/unedited")
    void unedited(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        send(previews.unedited(me.accountId(), find(me, id)), request, response);
    }

    /** A square thumbnail for the grid. */
    @GetMapping("/library/items/{id}/thumbnail")
    void thumbnail(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        Item item = find(me, id);
        send(previews.thumbnail(me.accountId(), item, ThumbnailSize.SMALL), request, response);
    }

    @GetMapping("/library/items/{id}/content")
    void content(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        Library.Version v = library.version(me.accountId(), id, 0).orElseThrow(() -> ApiProblem.notFound("Item"));
        ContentResponses.send(request, response, v.sha256(), v.size(), v.contentType(), v.filename(),
                request.getParameter("download") != null,
                (first, last, out) -> reader.write(me.accountId(), v.id(), first, last, out));
    }

    private Item find(ArcaPrincipal me, String id) {
        return library.find(me.accountId(), id).orElseThrow(() -> ApiProblem.notFound("Item"));
    }

    /**
     * Sends a preview that is kept for good (its address changes with the picture), or the
     * "no preview" picture when none can be made.
     */
    private static void send(Optional<Previews.Preview> preview, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        if (preview.isEmpty()) {
            response.sendRedirect("/css/no-preview.svg");
            return;
        }
        Previews.send(preview.get(), request, response, "private, max-age=31536000, immutable");
    }
}
