package dev.arca.platform;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Absolute links for mail and for links shown once (share links). {@code ARCA_PUBLIC_URL} when set; otherwise the address and port the
 * request arrived on (the socket's, never the Host header, which a client controls).
 */
@Component
public class Links {

    private final ArcaProperties properties;

    public Links(ArcaProperties properties) {
        this.properties = properties;
    }

    public String to(String path) {
        if (properties.publicUrl() != null && !properties.publicUrl().isBlank()) {
            return properties.publicUrl().replaceAll("/+$", "") + path;
        }
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            String host = request.getLocalAddr();
            if (host.contains(":")) {
                host = "[" + host + "]";
            }
            return request.getScheme() + "://" + host + ":" + request.getLocalPort() + path;
        }
        return "http://127.0.0.1:8080" + path;
    }

    /** A value for a query parameter ({@code a=b&c} in a name stays one value). */
    public static String query(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A value for one path segment: as {@link #query}, with spaces as {@code %20}. */
    public static String segment(String value) {
        return query(value).replace("+", "%20");
    }
}
