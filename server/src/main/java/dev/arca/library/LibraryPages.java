package dev.arca.library;

import dev.arca.library.internal.ContentReader;
import dev.arca.platform.ApiProblem;
import dev.arca.platform.ArcaPrincipal;
import dev.arca.platform.ContentResponses;
import dev.arca.web.PageController;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The library grid of a signed-in user (filters, date scrubber, selection), the upload page,
 * the trash, and downloading a selection as one ZIP.
 */
@PageController
class LibraryPages {

    /** Items per page of the grid; the next page loads as the page scrolls. */
    static final int PAGE = 60;
    /** Most items in one ZIP download. */
    static final int MAX_ZIP_ITEMS = 1000;

    private final Library library;
    private final LibraryProperties properties;
    private final ItemSearch search;
    private final Trash trashBin;
    private final Albums albums;
    private final Tags tags;
    private final ContentReader reader;

    LibraryPages(Library library, LibraryProperties properties, ItemSearch search, Trash trashBin, Albums albums,
            Tags tags, ContentReader reader) {
        this.library = library;
        this.properties = properties;
        this.search = search;
        this.trashBin = trashBin;
        this.albums = albums;
        this.tags = tags;
        this.reader = reader;
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
        model.addAttribute("maxBytes", properties.maxUploadSize().toBytes());
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

    /**
     * The originals of the chosen items as one ZIP, stored without compression (photos and
     * videos are compressed already). Names that repeat get a number.
     */
    @GetMapping("/library/download")
    void download(@AuthenticationPrincipal ArcaPrincipal me, @RequestParam("item") List<String> ids,
            HttpServletResponse response) throws IOException {
        if (ids.isEmpty() || ids.size() > MAX_ZIP_ITEMS) {
            throw ApiProblem.badRequest("Choose 1 to " + MAX_ZIP_ITEMS + " items.");
        }
        List<Library.Version> versions = new ArrayList<>();
        for (String id : new java.util.LinkedHashSet<>(ids)) {
            versions.add(library.version(me.accountId(), id, 0).orElseThrow(() -> ApiProblem.notFound("Item")));
        }
        response.setContentType("application/zip");
        response.setHeader("Content-Disposition", ContentResponses.disposition(true, "arca.zip"));
        Set<String> names = new HashSet<>();
        try (ZipOutputStream zip = new ZipOutputStream(response.getOutputStream())) {
            zip.setLevel(0);
            for (Library.Version v : versions) {
                zip.putNextEntry(new ZipEntry(unique(names, v.filename())));
                if (v.size() > 0) {
                    reader.write(me.accountId(), v.id(), 0, v.size() - 1, zip);
                }
                zip.closeEntry();
            }
        }
    }

    static String unique(Set<String> taken, String name) {
        String candidate = name;
        int dot = name.lastIndexOf('.');
        for (int n = 2; !taken.add(candidate); n++) {
            candidate = dot > 0 ? name.substring(0, dot) + " (" + n + ")" + name.substring(dot) : name + " (" + n + ")";
        }
        return candidate;
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
                        + URLEncoder.encode(page.nextCursor(), StandardCharsets.UTF_8));
    }
}
