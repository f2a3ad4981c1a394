package dev.arca.sharing;

import dev.arca.library.Item;
import dev.arca.library.Library;
import dev.arca.media.MediaTypes;
import dev.arca.media.MetadataStripper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What a recipient receives of an item: under the default rule the stored bytes with the
 * metadata that identifies people, places and times taken out ({@link MetadataStripper}), under a
 * generic name; the original bytes and name when the owner keeps the metadata. A type that cannot
 * be stripped, and a file that cannot be (damaged, or not what its type says), have no deliverable
 * form under the default rule. Whether and how a form is sent is {@link ShareDelivery}'s to decide.
 */
@Component
class SharedContent {

    /** Content ready to send: its name, type, size and ETag, and how to write a range of it. */
    record Delivery(String name, String contentType, long size, String etag, Writer writer) {}

    interface Writer {
        void write(long first, long last, OutputStream out) throws IOException;
    }

    private static final Logger log = LoggerFactory.getLogger(SharedContent.class);
    private static final int CACHED = 1024;

    private final Library library;
    /**
     * Stripped layouts by version id, empty for a version that cannot be stripped: listings and a
     * video player's many range requests parse a file once, and a damaged one is reported once.
     */
    private final Map<String, Optional<List<MetadataStripper.Piece>>> layouts = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<List<MetadataStripper.Piece>>> eldest) {
            return size() > CACHED;
        }
    };

    SharedContent(Library library) {
        this.library = library;
    }

    /**
     * The item as the share delivers it; empty when it has no deliverable form under the share's
     * rule: a type without a stripped form, or a file that cannot be stripped.
     */
    Optional<Delivery> of(String accountId, Item item, int position, boolean keepMetadata) throws IOException {
        Library.Version version = library.version(accountId, item.id(), 0).orElseThrow();
        if (keepMetadata) {
            return Optional.of(new Delivery(version.filename(), version.contentType(), version.size(), version.sha256(),
                    (first, last, out) -> library.read(accountId, version.id(), first, last, out)));
        }
        if (!MetadataStripper.supports(version.contentType())) {
            return Optional.empty();
        }
        MetadataStripper.Source source = source(accountId, version);
        return layout(version, source).map(pieces -> new Delivery(genericName(item, position), version.contentType(),
                MetadataStripper.size(pieces), "s-" + version.sha256(),
                (first, last, out) -> MetadataStripper.write(pieces, source, first, last, out)));
    }

    private Optional<List<MetadataStripper.Piece>> layout(Library.Version version, MetadataStripper.Source source)
            throws IOException {
        synchronized (layouts) {
            Optional<List<MetadataStripper.Piece>> known = layouts.get(version.id());
            if (known != null) {
                return known;
            }
        }
        Optional<List<MetadataStripper.Piece>> pieces;
        try {
            pieces = MetadataStripper.strip(source, version.contentType());
        } catch (MetadataStripper.MalformedException e) {
            // The stripper's reasons are fixed texts about the structure, never values from the file.
            log.warn("A shared {} file cannot be stripped of its metadata ({}); it is shared as a preview only",
                    version.contentType(), e.getMessage());
            pieces = Optional.empty();
        }
        synchronized (layouts) {
            layouts.put(version.id(), pieces);
        }
        return pieces;
    }

    /** A name that says nothing of the original: {@code photo-3.jpg}, {@code video-1.mp4}. */
    static String genericName(Item item, int position) {
        String ext = switch (item.contentType()) {
            case MediaTypes.JPEG -> ".jpg";
            case MediaTypes.PNG -> ".png";
            case MediaTypes.QUICKTIME -> ".mov";
            case MediaTypes.MP4 -> ".mp4";
            default -> item.contentType().startsWith("audio/") ? ".m4a" : "";
        };
        String kind = switch (item.kind()) {
            case "image" -> "photo";
            case "video" -> "video";
            case "audio" -> "audio";
            default -> "file";
        };
        return kind + "-" + (position + 1) + ext;
    }

    /** Reads the stored version through a window of 1 MiB, as parsing reads small pieces in order. */
    private MetadataStripper.Source source(String accountId, Library.Version version) {
        return new MetadataStripper.Source() {
            private static final int WINDOW = 1 << 20;
            private long windowStart = -1;
            private byte[] window = new byte[0];

            @Override
            public long size() {
                return version.size();
            }

            @Override
            public synchronized byte[] read(long offset, int length) throws IOException {
                int n = (int) Math.max(0, Math.min(length, version.size() - offset));
                if (n == 0) {
                    return new byte[0];
                }
                if (n > WINDOW) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream(n);
                    library.read(accountId, version.id(), offset, offset + n - 1, out);
                    return out.toByteArray();
                }
                if (windowStart < 0 || offset < windowStart || offset + n > windowStart + window.length) {
                    long last = Math.min(version.size(), offset + WINDOW) - 1;
                    ByteArrayOutputStream out = new ByteArrayOutputStream(WINDOW);
                    library.read(accountId, version.id(), offset, last, out);
                    window = out.toByteArray();
                    windowStart = offset;
                }
                int from = (int) (offset - windowStart);
                return java.util.Arrays.copyOfRange(window, from, from + n);
            }
        };
    }
}
