package dev.arca.storage.internal;

import dev.arca.platform.KeyDirectory;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server key that wraps every account's data key. Given by configuration (base64 of 32
 * bytes, e.g. from the environment or a secrets manager; every node of a distributed
 * installation needs the same one) or kept as {@code server.key} in the {@link KeyDirectory}.
 */
public final class ServerKey {

    public static final int LENGTH = 32;

    private ServerKey() {}

    /** The configured key when {@code configured} is not blank, else the one in {@code keys}. */
    public static SecretKey load(String configured, KeyDirectory keys) {
        if (configured == null || configured.isBlank()) {
            return new SecretKeySpec(keys.secret("server"), "AES");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(configured.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("arca.storage.server-key is not valid base64");
        }
        if (raw.length != LENGTH) {
            throw new IllegalStateException("arca.storage.server-key must be " + LENGTH + " bytes, base64 encoded");
        }
        return new SecretKeySpec(raw, "AES");
    }
}
