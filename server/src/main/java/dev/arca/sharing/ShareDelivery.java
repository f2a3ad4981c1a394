package dev.arca.sharing;

import dev.arca.library.Item;
import dev.arca.library.Previews;
import dev.arca.media.ThumbnailSize;
import dev.arca.platform.ApiProblem;
import dev.arca.platform.ByteRanges;
import dev.arca.platform.ContentResponses;
import dev.arca.protocol.api.ProblemTypes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * How shared items leave the server: the one place that decides it, for every way they do (the
 * share page and its files under {@code /s/{token}}, the public share API, and "Shared with me",
 * its API and its pages). Controllers establish who may see the share ({@link ShareAccess}) and
 * hand over here; the rules are the same for anyone with the link and for members.
 *
 * <ul>
 *   <li>Form: the original bytes and name when the owner keeps the metadata; otherwise the bytes
 *       without the metadata that identifies people, places and times, under a generic name
 *       ({@link SharedContent}). An item without such a form (a type that cannot be stripped, or
 *       a damaged file, or one that is not what its type says) is listed as a preview without
 *       content, left out of the ZIP, and its content answers 404; the rest of the share is not
 *       affected.
 *   <li>Originals: when the owner does not allow them, videos and songs are still played, but
 *       nothing is downloaded, photos show as previews only, and there is no ZIP.
 *   <li>Download limit: downloads are counted by the bytes sent, played or saved, whatever the
 *       request's headers ({@link DownloadTally}): a file's worth of bytes is one download, and so
 *       is a ZIP. Once {@code maxDownloads} is reached, content and ZIP answer {@code 410}; the page,
 *       the listings and previews still show. A shared file is sent whole or as one range: a request
 *       for several ranges gets the whole file (RFC 9110 lets a server ignore a Range header), so
 *       everything a response sends is counted before its first byte.
 *   <li>Previews carry no metadata and show whatever the share allows of the originals.
 * </ul>
 */
@Component
class ShareDelivery {

    /** An item as listings show it: its name under the share's rule and its delivered form, null when it has none. */
    record Listed(Item item, String name, SharedContent.Delivery delivery) {
        boolean deliverable() {
            return delivery != null;
        }
    }

    private final Shares shares;
    private final ShareAccess access;
    private final SharedContent content;
    private final Previews previews;
    private final DownloadTally tally;

    ShareDelivery(Shares shares, ShareAccess access, SharedContent content, Previews previews, DownloadTally tally) {
        this.shares = shares;
        this.access = access;
        this.content = content;
        this.previews = previews;
        this.tally = tally;
    }

    /** The shared items in order, each with its name and delivered form. */
    List<Listed> list(Shares.Found found) throws IOException {
        List<Item> items = shares.items(found);
        List<Listed> listed = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            SharedContent.Delivery delivery = content.of(found.accountId(), item, i, found.share().keepMetadata())
                    .orElse(null);
            String name = delivery != null ? delivery.name()
                    : found.share().keepMetadata() ? item.filename() : SharedContent.genericName(item, i);
            listed.add(new Listed(item, name, delivery));
        }
        return listed;
    }

    /** Sends the small (grid) or large preview of a shared item; 404 when it has none. */
    void preview(Shares.Found found, String itemId, String size, HttpServletResponse response) throws IOException {
        Item item = access.item(found, itemId).item();
        Previews.Preview preview = previews.thumbnail(found.accountId(), item,
                "large".equals(size) ? ThumbnailSize.LARGE : ThumbnailSize.SMALL)
                .orElseThrow(() -> ApiProblem.notFound("Preview"));
        response.setContentType("image/jpeg");
        response.setHeader("Cache-Control", "private, max-age=3600");
        response.getOutputStream().write(preview.jpeg());
    }

    /**
     * Sends a shared item as the share delivers it, with ranges: played inline, or with
     * {@code download} as a file.
     */
    void content(Shares.Found found, String itemId, boolean download, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        ShareAccess.Positioned shared = access.item(found, itemId);
        boolean playable = shared.item().kind().equals("video") || shared.item().kind().equals("audio");
        if ((download || !playable) && !found.share().allowOriginals()) {
            throw ApiProblem.forbidden(ProblemTypes.FORBIDDEN, "The owner shares previews of this item only.");
        }
        SharedContent.Delivery delivery = content.of(found.accountId(), shared.item(), shared.position(),
                found.share().keepMetadata()).orElseThrow(ShareDelivery::previewOnly);
        long size = delivery.size();
        ContentResponses.send(oneRange(request, size), response, delivery.etag(), size, delivery.contentType(),
                delivery.name(), download, (first, last, out) -> {
                    long length = last - first + 1;
                    long taken = DownloadTally.share(length, size);
                    if (!tally.take(found, taken)) {
                        // Nothing of the body is written yet: the headers set for the content go too.
                        response.reset();
                        throw limitReached();
                    }
                    Counting counting = new Counting(out);
                    try {
                        delivery.writer().write(first, last, counting);
                    } finally {
                        if (counting.sent < length) {
                            tally.giveBack(found, taken - DownloadTally.share(counting.sent, size));
                        }
                    }
                });
    }

    /** Every deliverable item in one ZIP, counted as one download; items without a deliverable form are left out. */
    void zip(Shares.Found found, HttpServletResponse response) throws IOException {
        if (!found.share().allowOriginals()) {
            throw ApiProblem.forbidden(ProblemTypes.FORBIDDEN, "The owner shares previews only.");
        }
        List<SharedContent.Delivery> deliveries = list(found).stream().filter(Listed::deliverable)
                .map(Listed::delivery).toList();
        if (!tally.take(found, DownloadTally.WHOLE)) {
            throw limitReached();
        }
        response.setContentType("application/zip");
        response.setHeader("Content-Disposition", ContentResponses.disposition(true, "shared.zip"));
        try (ZipOutputStream zip = new ZipOutputStream(response.getOutputStream())) {
            zip.setLevel(0);
            Set<String> names = new HashSet<>();
            for (SharedContent.Delivery delivery : deliveries) {
                zip.putNextEntry(new ZipEntry(ContentResponses.uniqueName(names, delivery.name())));
                if (delivery.size() > 0) {
                    delivery.writer().write(0, delivery.size() - 1, zip);
                }
                zip.closeEntry();
            }
        }
    }

    /**
     * The request as {@link ContentResponses} is to see it: without its Range header when that asks
     * for several ranges, so that a response sends one range at most.
     */
    private static HttpServletRequest oneRange(HttpServletRequest request, long size) {
        try {
            Optional<List<ByteRanges.Range>> ranges = ByteRanges.parse(request.getHeader("Range"), size);
            if (ranges.isEmpty() || ranges.get().size() == 1) {
                return request;
            }
        } catch (ByteRanges.Unsatisfiable e) {
            return request;
        }
        return new HttpServletRequestWrapper(request) {
            @Override
            public String getHeader(String name) {
                return "Range".equalsIgnoreCase(name) ? null : super.getHeader(name);
            }

            @Override
            public Enumeration<String> getHeaders(String name) {
                return "Range".equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
            }
        };
    }

    /** Passes bytes on and counts them: what a client that went away did not get is given back. */
    private static final class Counting extends FilterOutputStream {
        long sent;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            sent++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            sent += len;
        }
    }

    private static ApiProblem previewOnly() {
        return new ApiProblem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND,
                "This item is shared as a preview only: its file cannot be sent without its metadata.");
    }

    private static ApiProblem limitReached() {
        return new ApiProblem(HttpStatus.GONE, ProblemTypes.GONE, "This share's download limit is reached.");
    }
}
