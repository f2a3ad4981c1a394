package dev.arca.library;

import dev.arca.platform.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the headers of the tus protocol that carry values: numbers ({@code Upload-Length},
 * {@code Upload-Offset}), {@code Upload-Metadata} and {@code Upload-Checksum}. Anything else than
 * what the protocol allows is a {@code 400} problem that says which header is wrong.
 */
final class TusHeaders {

    /** An {@code Upload-Checksum}: the digest to run over the bytes and the value they must give. */
    record Checksum(MessageDigest digest, byte[] expected) {}

    private TusHeaders() {}

    /** A non-negative whole number. */
    static long number(String value, String header) {
        try {
            long n = Long.parseLong(value == null ? "" : value.strip());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw ApiProblem.badRequest(header + " must be a non-negative whole number.");
    }

    /** {@code Upload-Metadata}: comma-separated {@code key base64value} pairs, the value optional. */
    static Map<String, String> metadata(String header) {
        Map<String, String> values = new LinkedHashMap<>();
        if (header == null || header.isBlank()) {
            return values;
        }
        for (String pair : header.split(",")) {
            String[] kv = pair.strip().split(" ", 2);
            try {
                values.put(kv[0], kv.length == 2
                        ? new String(Base64.getDecoder().decode(kv[1].strip()), StandardCharsets.UTF_8) : "");
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest("Upload-Metadata values must be base64.");
            }
        }
        return values;
    }

    /** {@code Upload-Checksum: <sha1|sha256> <base64 digest>}; null when the header is absent. */
    static Checksum checksum(String header) {
        if (header == null) {
            return null;
        }
        String[] parts = header.strip().split(" ", 2);
        String algorithm = switch (parts[0]) {
            case "sha1" -> "SHA-1";
            case "sha256" -> "SHA-256";
            default -> throw ApiProblem.badRequest("Upload-Checksum algorithm must be sha1 or sha256.");
        };
        try {
            return new Checksum(MessageDigest.getInstance(algorithm),
                    Base64.getDecoder().decode(parts.length == 2 ? parts[1] : ""));
        } catch (NoSuchAlgorithmException | IllegalArgumentException e) {
            throw ApiProblem.badRequest("Upload-Checksum must be \"<algorithm> <base64 digest>\".");
        }
    }
}
