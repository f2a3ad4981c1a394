package dev.arca.library;

import dev.arca.media.ThumbnailSize;
import dev.arca.platform.ApiProblem;
import dev.arca.platform.ArcaPrincipal;
import dev.arca.protocol.api.ProblemTypes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Thumbnails, the edited image, the raw metadata dump and the server's preview abilities. */
@RestController
class PreviewsApi {

    private final Library library;
    private final Previews previews;
    private final tools.jackson.databind.ObjectMapper json;

    PreviewsApi(Library library, Previews previews, tools.jackson.databind.ObjectMapper json) {
        this.library = library;
        this.previews = previews;
        this.json = json;
    }

    /** {@code size} is {@code small} (a 256 px square) or {@code large} (within 1600 px). */
    @GetMapping("/api/v1/items/{id}/thumbnail")
    void thumbnail(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id,
            @RequestParam(defaultValue = "small") String size, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        ThumbnailSize s = switch (size) {
            case "small" -> ThumbnailSize.SMALL;
            case "large" -> ThumbnailSize.LARGE;
            default -> throw ApiProblem.badRequest("size must be small or large");
        };
        Item item = item(me, id);
        send(previews.thumbnail(me.accountId(), item, s).orElseThrow(() -> noPreview(item)), request, response);
    }

    /**
     * The image with its edits applied, full size, as JPEG; the original stays untouched. An image
     * with more pixels than the server renders answers 422 ({@link LibraryProblems}).
     */
    @GetMapping("/api/v1/items/{id}/edited")
    void edited(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        Item item = item(me, id);
        Previews.Preview preview = previews.edited(me.accountId(), item).orElseThrow(() -> noPreview(item));
        response.setHeader("Content-Disposition", dev.arca.platform.ContentResponses.disposition(
                request.getParameter("download") != null, baseName(item.filename()) + "-edited.jpg"));
        send(preview, request, response);
    }

    /** Every tag found in the file, as the readers reported them. */
    @GetMapping(path = "/api/v1/items/{id}/metadata/raw", produces = "application/json")
    String raw(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id) {
        item(me, id);
        String raw = library.rawMetadata(me.accountId(), id);
        return raw == null ? "{}" : raw;
    }

    /** The user's own values as an XMP sidecar named after the file. */
    @GetMapping("/api/v1/items/{id}/xmp")
    void xmp(@AuthenticationPrincipal ArcaPrincipal me, @PathVariable String id, HttpServletResponse response)
            throws IOException {
        Item item = item(me, id);
        byte[] xmp = Sidecars.xmp(item).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        response.setContentType("application/rdf+xml");
        response.setHeader("Content-Disposition",
                dev.arca.platform.ContentResponses.disposition(true, baseName(item.filename()) + ".xmp"));
        response.setContentLength(xmp.length);
        response.getOutputStream().write(xmp);
    }

    private static final String HEIF_MISSING =
            "HEIC, HEIF and AVIF previews need libheif's heif-convert on the server, which is not installed";
    private static final java.util.Set<String> HEIF_TYPES = java.util.Set.of(dev.arca.media.MediaTypes.HEIC,
            dev.arca.media.MediaTypes.HEIF, dev.arca.media.MediaTypes.AVIF);

    @GetMapping("/api/v1/capabilities")
    Map<String, Object> capabilities() {
        return Map.of("videoPreviews", previews.videoPreviewsAvailable(),
                "videoPreviewsNote", previews.videoPreviewsAvailable() ? "available"
                        : "video previews need ffmpeg on the server, which is not installed",
                "heifPreviews", previews.heifPreviewsAvailable(),
                "heifPreviewsNote", previews.heifPreviewsAvailable() ? "available"
                        : HEIF_MISSING);
    }

    private Item item(ArcaPrincipal me, String id) {
        return library.find(me.accountId(), id).orElseThrow(() -> ApiProblem.notFound("Item"));
    }

    private ApiProblem noPreview(Item item) {
        String why = switch (item.kind()) {
            case "video" -> previews.videoPreviewsAvailable() ? "no frame of this video could be read"
                    : "video previews need ffmpeg on the server, which is not installed";
            case "audio" -> "this audio file has no embedded cover";
            case "image" -> HEIF_TYPES.contains(item.contentType()) && !previews.heifPreviewsAvailable() ? HEIF_MISSING
                    : "this image could not be read (its metadata state says why)";
            default -> "files of this kind have no preview";
        };
        return new ApiProblem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "No preview: " + why + ".");
    }

    private static void send(Previews.Preview preview, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        // The ETag changes with the version and the edits; revalidating costs a 304.
        Previews.send(preview, request, response, "private, no-cache");
    }

    private static String baseName(String filename) {
        int dot = filename.lastIndexOf('.');
        return dot > 0 ? filename.substring(0, dot) : filename;
    }
}
