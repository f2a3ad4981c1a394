package dev.arca.library;

import dev.arca.platform.ApiProblem;
import dev.arca.platform.ArcaPrincipal;
import dev.arca.platform.Links;
import dev.arca.web.PageController;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The library grid of a signed-in user (filters, date scrubber, selection), the upload page and the trash. */
@PageController
class LibraryPages {

    /** Items per page of the grid; the next page loads as the page scrolls. */
    static final int PAGE = 60;

    private final Library library;
    private final Admission admission;
    private final ItemSearch search;
    private final Trash trashBin;
    private final Albums albums;
    private final Tags tags;

    LibraryPages(Library library, Admission admission, ItemSearch search, Trash trashBin, Albums albums,
            Tags tags) {
        this.library = library;
        this.admission = admission;
        this.search = search;
        this.trashBin = trashBin;
        this.albums = albums;
        this.tags = tags;
    }

    /** The library: thumbnails by capture date, newest first, with a header per day. */
    @GetMapping("/library")
    String grid(@AuthenticationPrincipal ArcaPrincipal me, @RequestParam Map<String, String> params, Model model) {
        LibraryFilter filter = LibraryFilter.of(params);
        page(me, filter, params.get("cursor"), false, model);
        model.addAttribute("filter", filter);
        model.addAttribute("months", LibraryMonth.of(search.timeline(me.accountId())));
        model.addAttribute("albums", albums.list(me.accountId()));
        model.addAttribute("tags", tags.list(me.accountId()));
        return "library/grid";
    }

    /** The next days of the grid as an HTML fragment, for the page's infinite scroll. */
    @GetMapping("/library/page")
    String more(@AuthenticationPrincipal ArcaPrincipal me, @RequestParam Map<String, String> params, Model model) {
        page(me, LibraryFilter.of(params), params.get("cursor"), false, model);
        return "library/days";
    }

    /** The upload page: tus from the browser, with progress and resumption ({@code /js/upload.js}). */
    @GetMapping("/library/upload")
    String upload(Model model) {
        model.addAttribute("maxBytes", admission.maxFileSize());
        return "library/upload";
    }

    /** The trash: what was deleted, to restore one by one or to empty at once. */
    @GetMapping("/library/trash")
    String trash(@AuthenticationPrincipal ArcaPrincipal me, @RequestParam(required = false) String cursor,
            Model model) {
        page(me, LibraryFilter.of(Map.of()), cursor, true, model);
        return "library/trash";
    }

    @PostMapping("/library/items/{id}/restore")
    String restore(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id) {
        restoreOrNotFound(me, id);
        return "redirect:/library/trash";
    }

    /** The same from htmx: an empty answer, which takes the restored item's tile off the page. */
    @PostMapping(path = "/library/items/{id}/restore", headers = "HX-Request=true")
    ResponseEntity<Void> restoreInPlace(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id) {
        restoreOrNotFound(me, id);
        return ResponseEntity.ok().build();
    }

    private void restoreOrNotFound(ArcaPrincipal me, String id) {
        if (!library.restore(me.accountId(), id)) {
            throw ApiProblem.notFound("Item");
        }
    }

    @PostMapping("/library/trash/empty")
    String empty(@AuthenticationPrincipal ArcaPrincipal me) {
        trashBin.empty(me.accountId());
        return "redirect:/library/trash";
    }

    private void page(ArcaPrincipal me, LibraryFilter filter, String cursor, boolean trashed, Model model) {
        ItemSearch.Page page = search.search(me.accountId(), filter.query(trashed, cursor, PAGE));
        Map<String, List<LibraryDay.Tile>> days = new LinkedHashMap<>();
        for (Item item : page.items()) {
            String day = item.takenAt().atZone(ZoneOffset.UTC).toLocalDate().toString();
            days.computeIfAbsent(day, d -> new ArrayList<>()).add(LibraryDay.Tile.of(item));
        }
        model.addAttribute("days", days.entrySet().stream().map(e -> new LibraryDay(e.getKey(), e.getValue())).toList());
        String filters = filter.parameters();
        model.addAttribute("next", page.nextCursor() == null ? null
                : (filters.isEmpty() ? "" : filters + "&") + "cursor="
                        + Links.query(page.nextCursor()));
    }
}
