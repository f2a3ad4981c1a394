package dev.arca.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Sends stored bytes over HTTP: strong ETag (the content's SHA-256), {@code If-None-Match},
 * {@code Range} with single, multiple and suffix ranges, {@code If-Range}, HEAD. Content that
 * a browser could run as a page (HTML, SVG, XML) is always sent as a download, sandboxed.
 */
public final class ContentResponses {

    /** Writes bytes {@code first..last} of the content to {@code out}. */
    @FunctionalInterface
    public interface Source {
        void write(long first, long last, OutputStream out) throws IOException;
    }

    private static final Set<String> INLINE_PREFIXES = Set.of("image/", "video/", "audio/");
    private static final Set<String> ACTIVE = Set.of("image/svg+xml", "text/html", "application/xhtml+xml",
            "text/xml", "application/xml");

    private ContentResponses() {}

    public static void send(HttpServletRequest request, HttpServletResponse response, String etagValue, long size,
            String contentType, String filename, boolean download, Source source) throws IOException {
        String etag = "\"" + etagValue + "\"";
        boolean inlineSafe = INLINE_PREFIXES.stream().anyMatch(contentType::startsWith) && !ACTIVE.contains(contentType)
                || contentType.equals("application/pdf");
        String type = ACTIVE.contains(contentType) ? "application/octet-stream" : contentType;
        response.setHeader("ETag", etag);
        response.setHeader("Accept-Ranges", "bytes");
        response.setHeader("Cache-Control", "private, no-cache");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", "default-src 'none'; media-src 'self'; sandbox");
        response.setHeader("Content-Disposition", disposition(download || !inlineSafe, filename));
        if (matches(request.getHeader("If-None-Match"), etag)) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        String ifRange = request.getHeader("If-Range");
        Optional<List<ByteRanges.Range>> ranges;
        try {
            ranges = ifRange != null && !ifRange.equals(etag) ? Optional.empty()
                    : ByteRanges.parse(request.getHeader("Range"), size);
        } catch (ByteRanges.Unsatisfiable e) {
            response.setStatus(HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE);
            response.setHeader("Content-Range", "bytes */" + size);
            response.setContentLength(0);
            return;
        }
        boolean head = "HEAD".equals(request.getMethod());
        if (ranges.isEmpty()) {
            response.setContentType(type);
            response.setContentLengthLong(size);
            if (!head && size > 0) {
                source.write(0, size - 1, response.getOutputStream());
            }
            return;
        }
        List<ByteRanges.Range> list = ranges.get();
        response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
        if (list.size() == 1) {
            ByteRanges.Range r = list.getFirst();
            response.setContentType(type);
            response.setHeader("Content-Range", "bytes " + r.first() + "-" + r.last() + "/" + size);
            response.setContentLengthLong(r.length());
            if (!head) {
                source.write(r.first(), r.last(), response.getOutputStream());
            }
            return;
        }
        String boundary = "arca-" + Long.toHexString(System.nanoTime()) + Long.toHexString(size);
        response.setContentType("multipart/byteranges; boundary=" + boundary);
        long length = 0;
        for (ByteRanges.Range r : list) {
            length += partHeader(boundary, type, r, size).length + r.length() + 2;
        }
        byte[] closing = ("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        response.setContentLengthLong(length + closing.length);
        if (head) {
            return;
        }
        OutputStream out = response.getOutputStream();
        for (ByteRanges.Range r : list) {
            out.write(partHeader(boundary, type, r, size));
            source.write(r.first(), r.last(), out);
            out.write('\r');
            out.write('\n');
        }
        out.write(closing);
    }

    private static byte[] partHeader(String boundary, String type, ByteRanges.Range r, long size) {
        return ("--" + boundary + "\r\nContent-Type: " + type + "\r\nContent-Range: bytes " + r.first() + "-"
                + r.last() + "/" + size + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.strip();
            if (c.equals("*") || c.equals(etag) || c.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    /** RFC 6266: an ASCII fallback and the exact name in RFC 8187 form. */
    public static String disposition(boolean attachment, String filename) {
        String ascii = filename.replaceAll("[^\\x20-\\x7e]", "_").replace("\\", "_").replace("\"", "_");
        String encoded = Links.segment(filename);
        return (attachment ? "attachment" : "inline") + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }

    /**
     * A name not yet in {@code taken}, which it is added to: {@code photo.jpg}, then
     * {@code photo (2).jpg}, {@code photo (3).jpg}... For the entries of one ZIP.
     */
    public static String uniqueName(java.util.Set<String> taken, String name) {
        String candidate = name;
        int dot = name.lastIndexOf('.');
        for (int n = 2; !taken.add(candidate); n++) {
            candidate = dot > 0 ? name.substring(0, dot) + " (" + n + ")" + name.substring(dot) : name + " (" + n + ")";
        }
        return candidate;
    }
}
