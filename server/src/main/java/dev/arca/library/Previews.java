package dev.arca.library;

import dev.arca.library.internal.TempContent;
import dev.arca.media.DetectedType;
import dev.arca.media.EditList;
import dev.arca.media.MediaKind;
import dev.arca.media.ThumbnailSize;
import dev.arca.media.Thumbnailer;
import dev.arca.platform.Secrets;
import dev.arca.storage.ContentVault;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Previews of items (thumbnails, the rendered edited image), made from the current version
 * and its edits, stored encrypted beside the content and named by what they were made from,
 * so a new version or new edits make a new name and a cached copy is never stale.
 */
@Service
public class Previews {

    private final Library library;
    private final ContentVault vault;
    private final TempContent temp;
    private final Thumbnailer thumbnailer;

    Previews(Library library, ContentVault vault, TempContent temp, Thumbnailer thumbnailer) {
        this.library = library;
        this.vault = vault;
        this.temp = temp;
        this.thumbnailer = thumbnailer;
    }

    /** A preview as JPEG bytes with a name that changes whenever its source does. */
    public record Preview(String name, byte[] jpeg) {}

    /** The thumbnail of the item's current version and edits; empty when none can be made. */
    public Optional<Preview> thumbnail(String accountId, Item item, ThumbnailSize size) throws IOException {
        String name = name(item, size.name());
        if (vault.hasDerived(accountId, name)) {
            return Optional.of(new Preview(name, vault.getDerived(accountId, name)));
        }
        Optional<byte[]> made = make(accountId, item, copy -> thumbnailer.thumbnail(copy.path(), type(item), size,
                edits(item)));
        made.ifPresent(bytes -> vault.putDerived(accountId, name, bytes));
        return made.map(bytes -> new Preview(name, bytes));
    }

    /**
     * The full-size image with the item's edits applied; empty when none can be made.
     *
     * @throws Thumbnailer.TooLargeToRenderException when the image has more pixels than the server renders
     */
    public Optional<Preview> edited(String accountId, Item item) throws IOException {
        String name = name(item, "edited");
        if (vault.hasDerived(accountId, name)) {
            return Optional.of(new Preview(name, vault.getDerived(accountId, name)));
        }
        Optional<byte[]> made = make(accountId, item, copy -> thumbnailer.render(copy.path(), type(item), edits(item)));
        made.ifPresent(bytes -> vault.putDerived(accountId, name, bytes));
        return made.map(bytes -> new Preview(name, bytes));
    }

    /**
     * The large preview as the camera meant it but without the user's edits: what the editor
     * draws its rotation, flips and crop on.
     */
    public Optional<Preview> unedited(String accountId, Item item) throws IOException {
        String name = item.id() + "/" + item.version() + "-unedited";
        if (vault.hasDerived(accountId, name)) {
            return Optional.of(new Preview(name, vault.getDerived(accountId, name)));
        }
        Optional<byte[]> made = make(accountId, item, copy -> thumbnailer.thumbnail(copy.path(), type(item),
                ThumbnailSize.LARGE, EditList.NONE));
        made.ifPresent(bytes -> vault.putDerived(accountId, name, bytes));
        return made.map(bytes -> new Preview(name, bytes));
    }

    /**
     * Sends a preview as JPEG with a strong ETag named after it (it changes with the version and
     * the edits), answering {@code 304} when the browser has it already.
     */
    static void send(Preview preview, jakarta.servlet.http.HttpServletRequest request,
            jakarta.servlet.http.HttpServletResponse response, String cacheControl) throws IOException {
        String etag = "\"" + preview.name().replace('/', '-') + "\"";
        response.setHeader("ETag", etag);
        response.setHeader("Cache-Control", cacheControl);
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (etag.equals(request.getHeader("If-None-Match"))) {
            response.setStatus(jakarta.servlet.http.HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setContentType("image/jpeg");
        response.setContentLength(preview.jpeg().length);
        response.getOutputStream().write(preview.jpeg());
    }

    /** Whether this server can make previews of videos (it needs ffmpeg). */
    public boolean videoPreviewsAvailable() {
        return thumbnailer.videoPreviewsAvailable();
    }

    /** Whether HEIC, HEIF and AVIF images get previews (libheif's heif-convert is installed). */
    public boolean heifPreviewsAvailable() {
        return thumbnailer.heifPreviewsAvailable();
    }

    private interface Maker {
        Optional<byte[]> make(PlainCopy copy) throws IOException;
    }

    private Optional<byte[]> make(String accountId, Item item, Maker maker) throws IOException {
        Library.Version version = library.version(accountId, item.id(), item.version()).orElseThrow();
        try (PlainCopy copy = temp.copy(accountId, version.id(), version.size(),
                TempContent.extensionOf(version.filename()))) {
            return maker.make(copy);
        }
    }

    static DetectedType type(Item item) {
        return new DetectedType(item.contentType(), MediaKind.valueOf(item.kind().toUpperCase(Locale.ROOT)));
    }

    private static EditList edits(Item item) {
        return item.edits() == null ? EditList.NONE : item.edits();
    }

    /** {@code <item>/<version>-<what>-<hash of the edits>}: derived files of an item share its prefix. */
    private static String name(Item item, String what) {
        String edits = item.edits() == null ? "" : item.edits().toText();
        return item.id() + "/" + item.version() + "-" + what.toLowerCase(Locale.ROOT) + "-"
                + Secrets.sha256Hex(edits).substring(0, 16);
    }
}
