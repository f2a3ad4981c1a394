package dev.arca.library;

import dev.arca.library.internal.ContentReader;
import dev.arca.platform.ContentResponses;
import dev.arca.platform.ApiProblem;
import dev.arca.platform.ArcaPrincipal;
import dev.arca.web.PageController;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The item page of a signed-in user: the photo, or the video or song in the browser's own
 * player, which streams and seeks through range requests on the session.
 */
@PageController
class LibraryPages {

    private final Library library;
    private final ContentReader reader;
    private final Previews previews;

    LibraryPages(Library library, ContentReader reader, Previews previews) {
        this.library = library;
        this.reader = reader;
        this.previews = previews;
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
