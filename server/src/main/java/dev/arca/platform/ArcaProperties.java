package dev.arca.platform;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Arca's own settings, bound from {@code arca.*} properties or {@code ARCA_*} environment
 * variables ({@code ARCA_DATA_DIR}, {@code ARCA_DB_URL}, {@code ARCA_TLS}, ...).
 *
 * @param dataDir where the embedded database, outbox, certificates and content live
 * @param keysDir where the secret keys live ({@link KeyDirectory}); unset means {@code keys/} in
 *     {@code dataDir}
 * @param db an external PostgreSQL database; unset means SQLite in {@code dataDir}
 * @param tls {@code off} (plain HTTP, loopback only), {@code auto} (self-signed certificate
 *     created on first start) or {@code configured} (the standard {@code server.ssl.*} settings)
 * @param allowPlainHttp allow plain HTTP on a non-loopback address, for a TLS-terminating proxy
 * @param publicUrl the address users reach Arca at, used in mailed links; derived when unset
 * @param admin the first administrator, created at start when both fields are set
 */
@ConfigurationProperties("arca")
public record ArcaProperties(
        @DefaultValue("arca-data") Path dataDir,
        Path keysDir,
        @DefaultValue Db db,
        @DefaultValue("off") String tls,
        @DefaultValue("false") boolean allowPlainHttp,
        String publicUrl,
        @DefaultValue Admin admin) {

    /** An external database; {@code url} null or blank selects the embedded SQLite database. */
    public record Db(String url, String user, String password) {
        public boolean external() {
            return url != null && !url.isBlank();
        }
    }

    /** Credentials of the first administrator; never defaulted. */
    public record Admin(String email, String password, @DefaultValue("Administrator") String name) {}

    public boolean tlsAuto() {
        return "auto".equalsIgnoreCase(tls);
    }

    public boolean tlsOn() {
        return !"off".equalsIgnoreCase(tls);
    }
}
