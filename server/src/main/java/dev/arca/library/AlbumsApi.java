package dev.arca.library;

import dev.arca.platform.ApiProblem;
import dev.arca.platform.ArcaPrincipal;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Albums and tags. See docs/api.md. */
@RestController
class AlbumsApi {

    private final Albums albums;
    private final Tags tags;

    AlbumsApi(Albums albums, Tags tags) {
        this.albums = albums;
        this.tags = tags;
    }

    record AlbumRequest(String name, String description, String coverItemId) {}

    record ItemIds(List<String> itemIds) {
        List<String> required() {
            if (itemIds == null || itemIds.isEmpty() || itemIds.size() > 10_000) {
                throw ApiProblem.badRequest("itemIds must list 1 to 10000 item ids");
            }
            return itemIds;
        }
    }

    @PostMapping("/api/v1/albums")
    @ResponseStatus(HttpStatus.CREATED)
    Albums.Album create(@AuthenticationPrincipal ArcaPrincipal me, @RequestBody AlbumRequest body) {
        return albums.create(me.accountId(), name(body.name(), true),
                FreeText.text("description", body.description(), 10_000));
    }

    @GetMapping("/api/v1/albums")
    Map<String, List<Albums.Album>> list(@AuthenticationPrincipal ArcaPrincipal me) {
        return Map.of("albums", albums.list(me.accountId()));
    }

    @GetMapping("/api/v1/albums/{id}")
    Albums.Album get(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id) {
        return albums.find(me.accountId(), id).orElseThrow(() -> ApiProblem.notFound("Album"));
    }

    @GetMapping("/api/v1/albums/{id}/items")
    Map<String, List<Item>> items(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id) {
        get(me, id);
        return Map.of("items", albums.items(me.accountId(), id));
    }

    @PatchMapping("/api/v1/albums/{id}")
    Albums.Album update(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id,
            @RequestBody AlbumRequest body) {
        return albums.update(me.accountId(), id, name(body.name(), false),
                FreeText.text("description", body.description(), 10_000), body.coverItemId())
                .orElseThrow(() -> ApiProblem.notFound("Album"));
    }

    /** Deletes the album; its items stay in the library. */
    @DeleteMapping("/api/v1/albums/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id) {
        if (!albums.delete(me.accountId(), id)) {
            throw ApiProblem.notFound("Album");
        }
    }

    @PostMapping("/api/v1/albums/{id}/items")
    Albums.Album add(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id, @RequestBody ItemIds body) {
        return albums.add(me.accountId(), id, body.required()).orElseThrow(() -> ApiProblem.notFound("Album"));
    }

    @DeleteMapping("/api/v1/albums/{id}/items/{itemId}")
    Albums.Album remove(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id,
            @PathVariable String itemId) {
        return albums.remove(me.accountId(), id, List.of(itemId)).orElseThrow(() -> ApiProblem.notFound("Album"));
    }

    @PutMapping("/api/v1/albums/{id}/order")
    Albums.Album reorder(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id,
            @RequestBody ItemIds body) {
        return albums.reorder(me.accountId(), id, body.required()).orElseThrow(() -> ApiProblem.notFound("Album"));
    }

    @GetMapping("/api/v1/tags")
    Map<String, List<Tags.Tag>> tags(@AuthenticationPrincipal ArcaPrincipal me) {
        return Map.of("tags", tags.list(me.accountId()));
    }

    record Rename(String name) {}

    /** Renames a tag; renaming onto an existing tag merges the two. */
    @PatchMapping("/api/v1/tags/{name}")
    Map<String, List<Tags.Tag>> rename(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String name,
            @RequestBody Rename body) {
        if (!tags.rename(me.accountId(), name, FreeText.tag(body.name()))) {
            throw ApiProblem.notFound("Tag");
        }
        return tags(me);
    }

    record Merge(List<String> from, String into) {}

    @PostMapping("/api/v1/tags/merge")
    Map<String, List<Tags.Tag>> merge(@AuthenticationPrincipal ArcaPrincipal me, @RequestBody Merge body) {
        if (body.from() == null || body.from().isEmpty()) {
            throw ApiProblem.badRequest("from must list the tags to merge");
        }
        if (!tags.merge(me.accountId(), body.from(), FreeText.tag(body.into()))) {
            throw ApiProblem.notFound("Tag");
        }
        return tags(me);
    }

    @DeleteMapping("/api/v1/tags/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteTag(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String name) {
        if (!tags.delete(me.accountId(), name)) {
            throw ApiProblem.notFound("Tag");
        }
    }

    record Tagging(List<String> itemIds, List<String> add, List<String> remove) {}

    /** Adds and removes tags on a selection of items. */
    @PostMapping("/api/v1/items/tags")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void tagItems(@AuthenticationPrincipal ArcaPrincipal me, @RequestBody Tagging body) {
        List<String> ids = new ItemIds(body.itemIds()).required();
        tags.apply(me.accountId(), ids,
                body.add() == null ? List.of() : body.add().stream().map(FreeText::tag).toList(),
                body.remove() == null ? List.of() : body.remove());
    }

    @ExceptionHandler(Albums.UnknownItemsException.class)
    ApiProblem unknownItems() {
        return ApiProblem.badRequest("Some item ids are not items of yours (or, for a cover or an order, not in this album).");
    }

    private static String name(String name, boolean required) {
        if (name == null) {
            if (required) {
                throw ApiProblem.badRequest("name is required");
            }
            return null;
        }
        String n = FreeText.line("name", name, 200);
        if (n.isEmpty()) {
            throw ApiProblem.badRequest("name must be 1 to 200 characters");
        }
        return n;
    }

}
