package dev.arca.media;

import java.util.Objects;

/**
 * What a file is, as {@link MediaTypes#detect} decided.
 *
 * @param contentType a MIME type without parameters, {@code application/octet-stream} when unknown
 * @param kind the kind that goes with the content type
 */
public record DetectedType(String contentType, MediaKind kind) {

    public DetectedType {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(kind, "kind");
    }
}
