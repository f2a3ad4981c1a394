package dev.arca.library;

import dev.arca.platform.ApiProblem;
import dev.arca.platform.ArcaPrincipal;
import dev.arca.web.PageController;
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
    private final Previews previews;
    private final ItemSearch search;
    private final Albums albums;

    ItemPages(Library library, Previews previews, ItemSearch search, Albums albums) {
        this.library = library;
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

    private Item find(ArcaPrincipal me, String id) {
        return library.find(me.accountId(), id).orElseThrow(() -> ApiProblem.notFound("Item"));
    }
}
