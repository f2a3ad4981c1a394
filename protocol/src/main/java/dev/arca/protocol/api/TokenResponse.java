package dev.arca.protocol.api;

import java.time.Instant;

/**
 * A newly issued bearer token. {@code token} is shown this once; the server keeps only its hash.
 */
public record TokenResponse(String id, String token, String deviceName, Instant createdAt) {

    @Override
    public String toString() {
        return "TokenResponse[id=" + id + ", deviceName=" + deviceName + "]";
    }
}
