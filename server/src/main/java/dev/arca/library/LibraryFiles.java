package dev.arca.library;

import dev.arca.library.internal.ContentReader;
import dev.arca.media.ThumbnailSize;
import dev.arca.platform.ApiProblem;
import dev.arca.platform.ArcaPrincipal;
import dev.arca.platform.ContentResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The files the library's pages show and hand out on the session: thumbnails, previews, the
 * originals with ranges, and a selection as one ZIP. Not a page controller: these answers need
 * no page frame, so they cost no more than the bytes they send.
 */
@Controller
class LibraryFiles {

    /** Most items in one ZIP download. */
    static final int MAX_ZIP_ITEMS = 1000;

    private final Library library;
    private final ContentReader reader;
    private final Previews previews;

    LibraryFiles(Library library, ContentReader reader, Previews previews) {
        this.library = library;
        this.reader = reader;
        this.previews = previews;
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

    /**
     * The originals of the chosen items as one ZIP, stored without compression (photos and
     * videos are compressed already). Names that repeat get a number.
     */
    @PostMapping("/library/download")
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
                zip.putNextEntry(new ZipEntry(ContentResponses.uniqueName(names, v.filename())));
                if (v.size() > 0) {
                    reader.write(me.accountId(), v.id(), 0, v.size() - 1, zip);
                }
                zip.closeEntry();
            }
        }
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
