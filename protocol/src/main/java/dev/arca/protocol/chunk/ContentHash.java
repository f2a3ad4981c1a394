package dev.arca.protocol.chunk;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 content hashes as Arca writes them: 64 lowercase hexadecimal digits, nothing else.
 * Chunks and whole files are named by these hashes.
 */
public final class ContentHash {

    /** Length of a hash in hex digits. */
    public static final int HEX_LENGTH = 64;

    private static final HexFormat HEX = HexFormat.of();
    private static final int STREAM_BUFFER = 64 << 10;

    /** Copied for each hash: a copy costs far less than a provider lookup, and chunks are hashed by the million. */
    private static final MessageDigest PROTOTYPE;

    static {
        try {
            PROTOTYPE = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    private ContentHash() {}

    /** A fresh SHA-256 digest, for callers that hash incrementally. */
    public static MessageDigest newSha256() {
        try {
            return (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException impossible) {
                throw new IllegalStateException("every Java platform provides SHA-256", impossible);
            }
        }
    }

    /** The hash of {@code b[off, off + len)}. */
    public static String sha256Hex(byte[] b, int off, int len) {
        MessageDigest sha256 = newSha256();
        sha256.update(b, off, len);
        return HEX.formatHex(sha256.digest());
    }

    public static String sha256Hex(byte[] b) {
        return sha256Hex(b, 0, b.length);
    }

    /** The hash of the rest of {@code in}, read to its end. The stream is not closed. */
    public static String sha256Hex(InputStream in) throws IOException {
        MessageDigest sha256 = newSha256();
        byte[] buf = new byte[STREAM_BUFFER];
        for (int n; (n = in.read(buf)) >= 0; ) {
            sha256.update(buf, 0, n);
        }
        return HEX.formatHex(sha256.digest());
    }

    /** {@code digest}'s value in the form above; for digests from {@link #newSha256()}. */
    public static String hex(MessageDigest digest) {
        return HEX.formatHex(digest.digest());
    }

    /** Whether {@code s} is exactly 64 lowercase hex digits. False for null. */
    public static boolean isSha256Hex(String s) {
        if (s == null || s.length() != HEX_LENGTH) {
            return false;
        }
        for (int i = 0; i < HEX_LENGTH; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
