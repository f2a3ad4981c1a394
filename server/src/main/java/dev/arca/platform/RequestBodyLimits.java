package dev.arca.platform;

import dev.arca.protocol.api.ProblemTypes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The one place that decides how large a JSON or form body may be. Such a body is read whole into
 * memory before anything checks it, so without a bound a few anonymous requests could exhaust
 * the heap. Bodies that are streams (uploads, chunks, packs) are not bounded here: their
 * controllers stream them under the upload admission rules.
 *
 * <p>A declared {@code Content-Length} over the limit is refused before a byte is read; a body
 * without one is counted as it is read and refused when it passes the limit. Both answer
 * {@code 413} with problem details.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class RequestBodyLimits extends OncePerRequestFilter {

    /** Every JSON or form body not named below: far more than any field of a form needs. */
    static final long SMALL = 64 * 1024;
    /** Lists of items chosen in the library (albums, shares, downloads, bulk changes). */
    static final long CHOICES = 4L << 20;
    /** File manifests and backup snapshots, which grow with the number of files and chunks. */
    static final long MANIFESTS = 64L << 20;

    private record Rule(PathPattern pattern, long limit) {}

    private static final List<Rule> LARGER;

    static {
        PathPatternParser parser = PathPatternParser.defaultInstance;
        LARGER = List.of(
                new Rule(parser.parse("/api/v1/sync/**"), MANIFESTS),
                new Rule(parser.parse("/api/v1/transfers"), MANIFESTS),
                new Rule(parser.parse("/api/v1/backups/snapshots/*"), MANIFESTS),
                new Rule(parser.parse("/api/v1/albums/**"), CHOICES),
                new Rule(parser.parse("/api/v1/shares"), CHOICES),
                new Rule(parser.parse("/api/v1/shares/**"), CHOICES),
                new Rule(parser.parse("/api/v1/items/**"), CHOICES),
                new Rule(parser.parse("/api/v1/trash/**"), CHOICES),
                new Rule(parser.parse("/library/**"), CHOICES));
    }

    /** Thrown while reading a body past its limit; answered with {@code 413}. */
    public static final class BodyTooLargeException extends IOException {
        BodyTooLargeException(long limit) {
            super("The request body is larger than " + limit + " bytes.", null);
        }
    }

    /** The largest JSON or form body this request may send. */
    static long limitOf(HttpServletRequest request) {
        PathContainer path = PathContainer.parsePath(request.getRequestURI().substring(request.getContextPath().length()));
        for (Rule rule : LARGER) {
            if (rule.pattern().matches(path)) {
                return rule.limit();
            }
        }
        return SMALL;
    }

    /** JSON and forms are bounded; other types are streamed by their controllers. */
    static boolean bounded(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        type = (semicolon < 0 ? type : type.substring(0, semicolon)).strip();
        return type.equals("application/json") || type.endsWith("+json")
                || type.equals("application/x-www-form-urlencoded") || type.equals("text/plain");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!bounded(request.getContentType())) {
            chain.doFilter(request, response);
            return;
        }
        long limit = limitOf(request);
        if (request.getContentLengthLong() > limit) {
            tooLarge(response, limit);
            return;
        }
        BoundedRequest bounded = new BoundedRequest(request, limit);
        try {
            chain.doFilter(bounded, response);
        } catch (IOException | ServletException | RuntimeException e) {
            if (!bounded.exceeded || response.isCommitted()) {
                throw e;
            }
        }
        if (bounded.exceeded && !response.isCommitted()) {
            // The reader failed on the limit; whatever was made of that, the answer is 413.
            response.reset();
            tooLarge(response, limit);
        }
    }

    private static void tooLarge(HttpServletResponse response, long limit) throws IOException {
        ProblemResponses.write(response, HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.TOO_LARGE,
                "The request body is larger than " + limit + " bytes, the most this address takes.");
    }

    private static final class BoundedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;
        boolean exceeded;

        BoundedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream());
            }
            return stream;
        }

        @Override
        public java.io.BufferedReader getReader() throws IOException {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(),
                    getCharacterEncoding() == null ? java.nio.charset.StandardCharsets.UTF_8
                            : java.nio.charset.Charset.forName(getCharacterEncoding())));
        }

        private final class Counting extends ServletInputStream {

            private final ServletInputStream in;
            private long read;

            Counting(ServletInputStream in) {
                this.in = in;
            }

            @Override
            public int read() throws IOException {
                int b = in.read();
                if (b >= 0) {
                    count(1);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = in.read(b, off, len);
                if (n > 0) {
                    count(n);
                }
                return n;
            }

            private void count(int n) throws BodyTooLargeException {
                read += n;
                if (read > limit) {
                    exceeded = true;
                    throw new BodyTooLargeException(limit);
                }
            }

            @Override
            public boolean isFinished() {
                return in.isFinished();
            }

            @Override
            public boolean isReady() {
                return in.isReady();
            }

            @Override
            public void setReadListener(ReadListener listener) {
                in.setReadListener(listener);
            }
        }
    }
}
