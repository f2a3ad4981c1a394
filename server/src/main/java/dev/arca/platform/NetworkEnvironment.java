package dev.arca.platform;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Applies Arca's transport rules before the web server exists (I.5):
 * <ul>
 *   <li>{@code ARCA_TLS=auto} creates a self-signed certificate in the data directory on first
 *       start and serves HTTPS with it; a certificate configured through {@code server.ssl.*} is
 *       used as is;</li>
 *   <li>under TLS the session cookie is marked Secure;</li>
 *   <li>plain HTTP is refused on any address but loopback unless
 *       {@code ARCA_ALLOW_PLAIN_HTTP=true} says a TLS-terminating proxy stands in front;</li>
 *   <li>{@code X-Forwarded-For} and {@code X-Forwarded-Proto} are believed only from the proxies
 *       named in {@code ARCA_TRUSTED_PROXIES} (IP addresses); without it they are ignored, so no
 *       client can pick the address its limits are counted under.</li>
 * </ul>
 */
class NetworkEnvironment implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        Map<String, Object> derived = new HashMap<>();
        String tls = env.getProperty("arca.tls", "off");
        boolean configuredCertificate = env.containsProperty("server.ssl.certificate")
                || env.containsProperty("server.ssl.key-store") || env.containsProperty("server.ssl.bundle");
        boolean tlsOn;
        if ("auto".equalsIgnoreCase(tls) && !configuredCertificate) {
            Path dir = Path.of(env.getProperty("arca.data-dir", "arca-data")).toAbsolutePath().resolve("tls");
            SelfSignedCertificate certificate = SelfSignedCertificate.loadOrCreate(dir);
            derived.put("server.ssl.certificate", "file:" + certificate.certificate());
            derived.put("server.ssl.certificate-private-key", "file:" + certificate.privateKey());
            tlsOn = true;
        } else if ("off".equalsIgnoreCase(tls) || "auto".equalsIgnoreCase(tls)) {
            tlsOn = configuredCertificate;
        } else {
            throw new IllegalStateException("ARCA_TLS must be 'off' or 'auto' (was '" + tls
                    + "'); configure a certificate of your own with SERVER_SSL_CERTIFICATE and "
                    + "SERVER_SSL_CERTIFICATE_PRIVATE_KEY.");
        }
        derived.put("arca.tls-active", tlsOn);
        if (tlsOn) {
            derived.put("server.servlet.session.cookie.secure", true);
        }
        String address = env.getProperty("server.address", "127.0.0.1");
        boolean plainAllowed = env.getProperty("arca.allow-plain-http", Boolean.class, false);
        if (!tlsOn && !plainAllowed && !isLoopback(address)) {
            throw new IllegalStateException("Refusing to serve plain HTTP on " + address
                    + ": passwords would cross the network unencrypted. Set ARCA_TLS=auto, configure a "
                    + "certificate, or set ARCA_ALLOW_PLAIN_HTTP=true behind a TLS-terminating proxy.");
        }
        trustedProxies(env.getProperty("arca.trusted-proxies", ""), derived);
        env.getPropertySources().addFirst(new MapPropertySource("arcaNetwork", derived));
    }

    /** Forwarded headers only from the named proxies; none named means none believed. */
    static void trustedProxies(String list, Map<String, Object> derived) {
        java.util.List<String> proxies = java.util.Arrays.stream(list.split(",")).map(String::strip)
                .filter(p -> !p.isEmpty()).toList();
        if (proxies.isEmpty()) {
            derived.put("server.forward-headers-strategy", "none");
            return;
        }
        StringBuilder pattern = new StringBuilder();
        for (String proxy : proxies) {
            if (!proxy.matches("[0-9a-fA-F:.]+") || IpAddresses.truncate(proxy).equals("unknown")) {
                throw new IllegalStateException("ARCA_TRUSTED_PROXIES lists IP addresses of proxies, separated by "
                        + "commas; '" + proxy + "' is not one.");
            }
            if (!pattern.isEmpty()) {
                pattern.append('|');
            }
            pattern.append(java.util.regex.Pattern.quote(proxy));
        }
        derived.put("server.forward-headers-strategy", "native");
        derived.put("server.tomcat.remoteip.internal-proxies", pattern.toString());
        derived.put("server.tomcat.remoteip.trusted-proxies", "");
        derived.put("server.tomcat.remoteip.remote-ip-header", "x-forwarded-for");
        derived.put("server.tomcat.remoteip.protocol-header", "x-forwarded-proto");
    }

    static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
