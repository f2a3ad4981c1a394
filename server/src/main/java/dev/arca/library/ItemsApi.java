package dev.arca.library;

import dev.arca.library.internal.ContentReader;
import dev.arca.platform.ContentResponses;
import dev.arca.library.internal.Filenames;
import dev.arca.library.internal.MultipartStream;
import dev.arca.media.EditList;
import dev.arca.platform.ApiProblem;
import dev.arca.platform.ArcaPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Items: upload, list and search, read, change, versions, trash. See docs/api.md. */
@RestController
class ItemsApi {

    private static final int MAX_TAGS = 100;

    private final Library library;
    private final ItemSearch search;
    private final Trash trash;
    private final ContentReader reader;
    private final Admission admission;

    ItemsApi(Library library, ItemSearch search, Trash trash, ContentReader reader, Admission admission) {
        this.library = library;
        this.search = search;
        this.trash = trash;
        this.reader = reader;
        this.admission = admission;
    }

    /**
     * One or more files in the repeatable multipart field {@code file}; all are stored or none. A
     * body that cannot fit is refused before it is read; each file is admitted as it streams.
     */
    @PostMapping("/api/v1/items")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, List<Item>> upload(@AuthenticationPrincipal ArcaPrincipal me, HttpServletRequest request)
            throws IOException {
        String boundary = MultipartStream.boundaryOf(request.getContentType());
        if (boundary == null) {
            throw ApiProblem.badRequest("Send the files as multipart/form-data in the field \"file\".");
        }
        admission.admitRequest(me.accountId(), request.getContentLengthLong());
        MultipartStream parts = new MultipartStream(request.getInputStream(), boundary);
        List<Item> created = new ArrayList<>();
        try {
            for (MultipartStream.Part part; (part = parts.next()) != null; ) {
                if (!"file".equals(part.name())) {
                    continue;
                }
                created.add(library.create(me.accountId(), part.filename(), part.body(), -1));
            }
        } catch (IOException | RuntimeException e) {
            for (Item item : created) {
                library.trash(me.accountId(), item.id());
                trash.purge(me.accountId(), item.id());
            }
            throw e;
        }
        if (created.isEmpty()) {
            throw ApiProblem.badRequest("The request has no file in the field \"file\".");
        }
        return Map.of("items", created);
    }

    @GetMapping("/api/v1/items")
    ItemSearch.Page list(@AuthenticationPrincipal ArcaPrincipal me, @RequestParam(required = false) String q,
            @RequestParam(required = false) String type, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String bbox,
            @RequestParam(required = false) String album, @RequestParam(required = false) String tag,
            @RequestParam(required = false) Boolean hasLocation, @RequestParam(defaultValue = "false") boolean trashed,
            @RequestParam(required = false) String sort, @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "100") int limit) {
        if (type != null && !List.of("image", "video", "audio", "other").contains(type)) {
            throw ApiProblem.badRequest("type must be image, video, audio or other");
        }
        return search.search(me.accountId(), new ItemSearch.Query(q, type, time("from", from), time("to", to),
                box(bbox), album, tag, hasLocation, trashed, sort, cursor, limit));
    }

    @GetMapping("/api/v1/timeline")
    Map<String, List<ItemSearch.Day>> timeline(@AuthenticationPrincipal ArcaPrincipal me) {
        return Map.of("days", search.timeline(me.accountId()));
    }

    @GetMapping("/api/v1/items/{id}")
    Item get(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id) {
        return library.find(me.accountId(), id).orElseThrow(() -> ApiProblem.notFound("Item"));
    }

    @GetMapping({"/api/v1/items/{id}/content", "/api/v1/items/{id}/versions/{version}/content"})
    void content(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id,
            @PathVariable(required = false) Integer version, @RequestParam(defaultValue = "false") boolean download,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        Library.Version v = library.version(me.accountId(), id, version == null ? 0 : version)
                .orElseThrow(() -> ApiProblem.notFound("Item"));
        ContentResponses.send(request, response, v.sha256(), v.size(), v.contentType(), v.filename(), download,
                (first, last, out) -> reader.write(me.accountId(), v.id(), first, last, out));
    }

    @PatchMapping("/api/v1/items/{id}")
    Item update(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id, @RequestBody JsonNode body) {
        return library.update(me.accountId(), id, changes(body)).orElseThrow(() -> ApiProblem.notFound("Item"));
    }

    /** Moves the item to the trash, from where it can be restored until it is purged. */
    @DeleteMapping("/api/v1/items/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id) {
        if (!library.trash(me.accountId(), id)) {
            throw ApiProblem.notFound("Item");
        }
    }

    @PostMapping("/api/v1/items/{id}/restore")
    Item restore(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id) {
        if (!library.restore(me.accountId(), id)) {
            throw ApiProblem.notFound("Item");
        }
        return get(me, id);
    }

    @GetMapping("/api/v1/items/{id}/versions")
    Map<String, List<Library.Version>> versions(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id) {
        List<Library.Version> versions = library.versions(me.accountId(), id);
        if (versions.isEmpty()) {
            throw ApiProblem.notFound("Item");
        }
        return Map.of("versions", versions);
    }

    /** New content for an item (multipart field {@code file}); the earlier versions are kept. */
    @PostMapping("/api/v1/items/{id}/versions")
    @ResponseStatus(HttpStatus.CREATED)
    Item replace(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id, HttpServletRequest request)
            throws IOException {
        if (library.find(me.accountId(), id).isEmpty()) {
            throw ApiProblem.notFound("Item");
        }
        String boundary = MultipartStream.boundaryOf(request.getContentType());
        if (boundary == null) {
            throw ApiProblem.badRequest("Send the file as multipart/form-data in the field \"file\".");
        }
        admission.admitRequest(me.accountId(), request.getContentLengthLong());
        MultipartStream parts = new MultipartStream(request.getInputStream(), boundary);
        for (MultipartStream.Part part; (part = parts.next()) != null; ) {
            if ("file".equals(part.name())) {
                return library.addVersion(me.accountId(), id, part.filename(), part.body(), -1)
                        .orElseThrow(() -> ApiProblem.notFound("Item"));
            }
        }
        throw ApiProblem.badRequest("The request has no file in the field \"file\".");
    }

    @PostMapping("/api/v1/items/{id}/versions/{version}/restore")
    Item restoreVersion(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id,
            @PathVariable int version) {
        return library.restoreVersion(me.accountId(), id, version).orElseThrow(() -> ApiProblem.notFound("Version"));
    }

    @GetMapping("/api/v1/me/usage")
    Library.Usage usage(@AuthenticationPrincipal ArcaPrincipal me) {
        return library.usage(me.accountId());
    }

    @DeleteMapping("/api/v1/trash")
    Map<String, Integer> emptyTrash(@AuthenticationPrincipal ArcaPrincipal me) {
        return Map.of("purged", trash.empty(me.accountId()));
    }

    @DeleteMapping("/api/v1/trash/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void purge(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id) {
        if (!trash.purge(me.accountId(), id)) {
            throw ApiProblem.notFound("Trashed item");
        }
    }

    private static Library.Changes changes(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiProblem.badRequest("Send a JSON object with the fields to change.");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String name : body.propertyNames()) {
            if (!Library.Changes.NAMES.contains(name)) {
                throw ApiProblem.badRequest("Unknown field \"" + name + "\"; known fields: " + Library.Changes.NAMES);
            }
            JsonNode value = body.get(name);
            fields.put(name, value.isNull() ? null : switch (name) {
                case "title" -> FreeText.line(name, string(name, value), 500);
                case "description" -> FreeText.text(name, string(name, value), 10_000);
                case "filename" -> Filenames.clean(FreeText.line(name, string(name, value), 1000));
                case "rating" -> {
                    if (!value.isInt() || value.asInt() < 0 || value.asInt() > 5) {
                        throw ApiProblem.badRequest("rating must be a whole number from 0 to 5");
                    }
                    yield value.asInt();
                }
                case "latitude" -> degrees(name, value, 90);
                case "longitude" -> degrees(name, value, 180);
                case "capturedAt" -> time(name, FreeText.line(name, string(name, value), 64));
                case "tags" -> tags(value);
                case "edits" -> edits(value);
                default -> throw new IllegalStateException(name);
            });
        }
        return new Library.Changes(fields);
    }

    private static String string(String name, JsonNode value) {
        if (!value.isString()) {
            throw ApiProblem.badRequest(name + " must be a string");
        }
        return value.asString();
    }

    private static double degrees(String name, JsonNode value, double limit) {
        if (!value.isNumber() || Math.abs(value.asDouble()) > limit) {
            throw ApiProblem.badRequest(name + " must be a number of degrees from -" + (int) limit + " to " + (int) limit);
        }
        return value.asDouble();
    }

    private static List<String> tags(JsonNode value) {
        if (!value.isArray() || value.size() > MAX_TAGS) {
            throw ApiProblem.badRequest("tags must be an array of at most " + MAX_TAGS + " strings");
        }
        LinkedHashSet<String> tags = new LinkedHashSet<>();
        for (JsonNode tag : value) {
            tags.add(FreeText.tag(string("a tag", tag)));
        }
        return List.copyOf(tags);
    }

    private static EditList edits(JsonNode value) {
        if (!value.isObject()) {
            throw ApiProblem.badRequest("edits must be an object {rotation, flipHorizontal, flipVertical, crop}");
        }
        for (String name : value.propertyNames()) {
            if (!List.of("rotation", "flipHorizontal", "flipVertical", "crop").contains(name)) {
                throw ApiProblem.badRequest("Unknown edit \"" + name + "\"");
            }
        }
        JsonNode crop = value.path("crop");
        try {
            EditList.Crop c = null;
            if (crop.isObject()) {
                c = new EditList.Crop(crop.path("x").asDouble(0), crop.path("y").asDouble(0),
                        crop.path("width").asDouble(0), crop.path("height").asDouble(0));
            } else if (!crop.isMissingNode() && !crop.isNull()) {
                throw new IllegalArgumentException("crop must be an object {x, y, width, height}");
            }
            return new EditList(value.path("rotation").asInt(0), value.path("flipHorizontal").asBoolean(false),
                    value.path("flipVertical").asBoolean(false), c);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("edits: " + e.getMessage()
                    + " (rotation is 0-3 quarter turns clockwise; crop fractions are from 0 to 1)");
        }
    }

    private static Instant time(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException again) {
                throw ApiProblem.badRequest(name + " must be an ISO-8601 date and time with an offset, "
                        + "such as 2024-06-01T14:30:00+02:00");
            }
        }
    }

    private static ItemSearch.BoundingBox box(String bbox) {
        if (bbox == null || bbox.isBlank()) {
            return null;
        }
        String[] parts = bbox.split(",");
        try {
            if (parts.length == 4) {
                double w = Double.parseDouble(parts[0]);
                double s = Double.parseDouble(parts[1]);
                double e = Double.parseDouble(parts[2]);
                double n = Double.parseDouble(parts[3]);
                if (Math.abs(w) <= 180 && Math.abs(e) <= 180 && Math.abs(s) <= 90 && Math.abs(n) <= 90 && s <= n) {
                    return new ItemSearch.BoundingBox(w, s, e, n);
                }
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw ApiProblem.badRequest("bbox must be west,south,east,north in degrees");
    }
}
