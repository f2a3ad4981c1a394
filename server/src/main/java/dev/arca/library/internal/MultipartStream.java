package dev.arca.library.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A streaming reader of {@code multipart/form-data} (RFC 7578): parts are read one after
 * another straight from the request, never buffered whole in memory or on disk. A part's
 * body must be read before asking for the next part; what is left unread is skipped.
 */
public final class MultipartStream {

    /** One part: its form field name, its file name if it is a file, and its bytes. */
    public record Part(String name, String filename, String contentType, InputStream body) {}

    /** The body does not follow the multipart format. */
    public static final class MalformedException extends IOException {
        MalformedException(String message) {
            super(message);
        }
    }

    private static final int BUFFER = 64 * 1024;
    private static final int MAX_HEADER_LINE = 8 * 1024;
    private static final int MAX_HEADERS = 32;
    /** More parts than any upload form sends; each part can become an item, so the count is bounded. */
    public static final int MAX_PARTS = 100;

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buf;
    private int pos;
    private int limit;
    private boolean eof;
    private boolean finished;
    private PartBody current;

    private int parts;

    public MultipartStream(InputStream in, String boundary) {
        if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
            throw new IllegalArgumentException("invalid multipart boundary");
        }
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.buf = new byte[BUFFER + delimiter.length];
        // The first boundary has no CRLF before it; pretend it had, so one delimiter fits all.
        buf[0] = '\r';
        buf[1] = '\n';
        limit = 2;
    }

    /** The boundary parameter of a multipart Content-Type, or null when absent. */
    public static String boundaryOf(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return null;
        }
        String boundary = parameters(contentType).get("boundary");
        return boundary == null || boundary.isEmpty() ? null : boundary;
    }

    /** The next part, or null after the last one. */
    public Part next() throws IOException {
        if (finished) {
            return null;
        }
        if (current == null) {
            // Skip the preamble up to the first delimiter.
            new PartBody().transferTo(OutputStreamSink.INSTANCE);
        } else {
            current.transferTo(OutputStreamSink.INSTANCE);
        }
        if (!ensure(2)) {
            throw new MalformedException("multipart body ends without its closing delimiter");
        }
        if (buf[pos] == '-' && buf[pos + 1] == '-') {
            finished = true;
            return null;
        }
        if (++parts > MAX_PARTS) {
            throw new MalformedException("more than " + MAX_PARTS + " parts in one request; send them in several");
        }
        skipLineEnd();
        Map<String, String> headers = readHeaders();
        String disposition = headers.get("content-disposition");
        if (disposition == null || !disposition.toLowerCase(Locale.ROOT).startsWith("form-data")) {
            throw new MalformedException("a part has no form-data Content-Disposition");
        }
        Map<String, String> params = parameters(disposition);
        String filename = params.containsKey("filename*") ? extended(params.get("filename*")) : params.get("filename");
        current = new PartBody();
        return new Part(params.get("name"), filename, headers.get("content-type"), current);
    }

    private Map<String, String> readHeaders() throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int count = 0; ; count++) {
            String line = readLine();
            if (line.isEmpty()) {
                return headers;
            }
            if (count >= MAX_HEADERS) {
                throw new MalformedException("too many part headers");
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
            }
        }
    }

    private String readLine() throws IOException {
        int scanned = 0;
        while (true) {
            for (int i = pos + scanned; i + 1 < limit; i++) {
                if (buf[i] == '\r' && buf[i + 1] == '\n') {
                    String line = new String(buf, pos, i - pos, StandardCharsets.UTF_8);
                    pos = i + 2;
                    return line;
                }
            }
            scanned = Math.max(0, limit - pos - 1);
            if (scanned > MAX_HEADER_LINE) {
                throw new MalformedException("a part header line is too long");
            }
            if (!ensure(limit - pos + 1)) {
                throw new MalformedException("multipart body ends inside part headers");
            }
        }
    }

    private void skipLineEnd() throws IOException {
        // After a delimiter: optional whitespace, then CRLF.
        while (ensure(1) && (buf[pos] == ' ' || buf[pos] == '\t')) {
            pos++;
        }
        if (!ensure(2) || buf[pos] != '\r' || buf[pos + 1] != '\n') {
            throw new MalformedException("malformed multipart delimiter line");
        }
        pos += 2;
    }

    /** Makes at least {@code n} bytes available from {@code pos}; false at end of input. */
    private boolean ensure(int n) throws IOException {
        while (limit - pos < n) {
            if (eof) {
                return false;
            }
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, limit - pos);
                limit -= pos;
                pos = 0;
            }
            int read = in.read(buf, limit, buf.length - limit);
            if (read < 0) {
                eof = true;
            } else {
                limit += read;
            }
        }
        return true;
    }

    private int indexOfDelimiter() {
        byte first = delimiter[0];
        outer:
        for (int i = pos; i <= limit - delimiter.length; i++) {
            if (buf[i] != first) {
                continue;
            }
            for (int j = 1; j < delimiter.length; j++) {
                if (buf[i + j] != delimiter[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** A part's bytes: up to the next delimiter, which it consumes. */
    private final class PartBody extends InputStream {
        private boolean done;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            while (true) {
                int found = indexOfDelimiter();
                if (found == pos) {
                    pos += delimiter.length;
                    done = true;
                    return -1;
                }
                int safe = found >= 0 ? found - pos : limit - pos - (delimiter.length - 1);
                if (safe > 0) {
                    int n = Math.min(len, safe);
                    System.arraycopy(buf, pos, b, off, n);
                    pos += n;
                    return n;
                }
                if (!ensure(limit - pos + 1)) {
                    throw new MalformedException("multipart body is truncated");
                }
            }
        }
    }

    /** Discards what it is given; used to skip what a caller left unread. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {}

        @Override
        public void write(byte[] b, int off, int len) {}
    }

    static Map<String, String> parameters(String header) {
        Map<String, String> params = new LinkedHashMap<>();
        int i = header.indexOf(';');
        while (i >= 0 && i < header.length()) {
            i++;
            while (i < header.length() && header.charAt(i) == ' ') {
                i++;
            }
            int eq = header.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String key = header.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            int j = eq + 1;
            StringBuilder value = new StringBuilder();
            if (j < header.length() && header.charAt(j) == '"') {
                j++;
                while (j < header.length() && header.charAt(j) != '"') {
                    char c = header.charAt(j);
                    if (c == '\\' && j + 1 < header.length()) {
                        c = header.charAt(++j);
                    }
                    value.append(c);
                    j++;
                }
                j++;
            } else {
                while (j < header.length() && header.charAt(j) != ';') {
                    value.append(header.charAt(j++));
                }
            }
            params.putIfAbsent(key, value.toString().strip());
            i = header.indexOf(';', j);
        }
        return params;
    }

    /** RFC 8187 {@code UTF-8''percent-encoded}. */
    private static String extended(String value) {
        int quote = value.indexOf("''");
        if (quote < 0) {
            return value;
        }
        try {
            return URLDecoder.decode(value.substring(quote + 2).replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value.substring(quote + 2);
        }
    }
}
