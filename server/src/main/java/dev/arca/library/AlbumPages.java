package dev.arca.library;

import dev.arca.platform.ApiProblem;
import dev.arca.platform.ArcaPrincipal;
import dev.arca.web.PageController;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Albums, one album with its order and cover, an album's slideshow, and the tags page. Like
 * the item page, these pages read; changes go through the JSON API on the session.
 */
@PageController
class AlbumPages {

    private final Albums albums;
    private final Tags tags;
    private final Library library;

    AlbumPages(Albums albums, Tags tags, Library library) {
        this.albums = albums;
        this.tags = tags;
        this.library = library;
    }

    @GetMapping("/library/albums")
    String list(@AuthenticationPrincipal ArcaPrincipal me, Model model) {
        List<AlbumCard> cards = albums.list(me.accountId()).stream().map(a -> new AlbumCard(a, cover(me, a))).toList();
        model.addAttribute("cards", cards);
        return "library/albums";
    }

    @GetMapping("/library/albums/{id}")
    String album(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id, Model model) {
        Albums.Album album = find(me, id);
        model.addAttribute("album", album);
        model.addAttribute("tiles", albums.items(me.accountId(), id).stream().map(LibraryDay.Tile::of).toList());
        return "library/album";
    }

    /** The album's pictures one at a time, full screen, advancing on their own. */
    @GetMapping("/library/albums/{id}/slideshow")
    String slideshow(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id, Model model) {
        Albums.Album album = find(me, id);
        model.addAttribute("album", album);
        model.addAttribute("slides", albums.items(me.accountId(), id).stream()
                .filter(i -> i.kind().equals("image") || i.kind().equals("video"))
                .map(i -> new LibraryDay.Tile(i.id(), LibraryDay.Tile.of(i).label(), i.kind(),
                        "/library/items/" + i.id() + "/preview?v=" + ItemPages.previewVersion(i)))
                .toList());
        return "library/slideshow";
    }

    @GetMapping("/library/tags")
    String tags(@AuthenticationPrincipal ArcaPrincipal me, Model model) {
        model.addAttribute("tags", tags.list(me.accountId()));
        return "library/tags";
    }

    private Albums.Album find(ArcaPrincipal me, String id) {
        return albums.find(me.accountId(), id).orElseThrow(() -> ApiProblem.notFound("Album"));
    }

    private String cover(ArcaPrincipal me, Albums.Album album) {
        if (album.coverItemId() == null) {
            return null;
        }
        return library.find(me.accountId(), album.coverItemId()).map(i -> LibraryDay.Tile.of(i).thumbnail()).orElse(null);
    }
}
