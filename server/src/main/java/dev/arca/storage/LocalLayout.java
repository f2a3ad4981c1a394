package dev.arca.storage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where a key lives inside one data directory: {@code <group>/<fan-out>/<file name>}.
 *
 * <ul>
 *   <li>group: the key's first segment, encoded; every key of an account shares it, so removing
 *       or listing an account touches one directory.
 *   <li>fan-out: two hex digits of the SHA-256 of the key, so no directory grows beyond a few
 *       thousand entries.
 *   <li>file name: the whole key, encoded, plus {@code .blob}.
 * </ul>
 *
 * The encoding keeps names readable and safe on case-insensitive file systems: lower-case letters,
 * digits and {@code -} stay, {@code _} becomes {@code __}, an upper-case letter becomes {@code _}
 * and its lower-case form, {@code /} becomes {@code +}. A name longer than
 * {@value #MAX_READABLE_NAME} characters is replaced by {@code ~} and the SHA-256 of what it
 * encodes, so that every name fits the 255-byte limit of common file systems; the key is then
 * read from the object's header. Temporary files start with {@value #TEMP_PREFIX} and end with
 * {@value #TEMP_SUFFIX}, which no blob name does.
 */
final class LocalLayout {

    static final String BLOB_SUFFIX = ".blob";
    static final String TEMP_PREFIX = ".put-";
    static final String TEMP_SUFFIX = ".tmp";
    static final String ID_FILE = "store.id";
    static final int MAX_READABLE_NAME = 200;
    private static final char HASHED = '~';
    private static final HexFormat HEX = HexFormat.of();

    private LocalLayout() {}

    /**
     * A key's place.
     *
     * @param hash 64 bits of the key's SHA-256, the input of the placement
     */
    record Place(String key, long hash, String group, String fanOut, String fileName) {

        Path in(Path root) {
            return root.resolve(group).resolve(fanOut).resolve(fileName);
        }

        String relative() {
            return group + "/" + fanOut + "/" + fileName;
        }
    }

    static Place place(String key) {
        byte[] digest = sha256(key);
        int slash = key.indexOf('/');
        String firstSegment = slash < 0 ? key : key.substring(0, slash);
        return new Place(key, ByteBuffer.wrap(digest).getLong(), groupName(firstSegment),
                HEX.toHexDigits(digest[8]), name(key) + BLOB_SUFFIX);
    }

    static String groupName(String firstSegment) {
        return name(firstSegment);
    }

    static boolean isTemp(String fileName) {
        return fileName.startsWith(TEMP_PREFIX) && fileName.endsWith(TEMP_SUFFIX);
    }

    static boolean isBlob(String fileName) {
        return fileName.endsWith(BLOB_SUFFIX) && fileName.length() > BLOB_SUFFIX.length();
    }

    static boolean isHashed(String name) {
        return !name.isEmpty() && name.charAt(0) == HASHED;
    }

    static boolean isFanOut(String name) {
        return name.length() == 2 && isLowerHex(name.charAt(0)) && isLowerHex(name.charAt(1));
    }

    /** The key a readable blob file name encodes, or null for a hashed or foreign name. */
    static String keyOfFileName(String fileName) {
        if (!isBlob(fileName)) {
            return null;
        }
        String key = decode(fileName.substring(0, fileName.length() - BLOB_SUFFIX.length()));
        return key != null && BlobKeys.isKey(key) ? key : null;
    }

    /**
     * Whether a group directory may hold keys with the prefix, which has no '/': hashed groups
     * may, readable ones when their segment starts with the prefix.
     */
    static boolean groupMayMatch(String groupName, String prefix) {
        if (isHashed(groupName)) {
            return true;
        }
        String segment = decode(groupName);
        return segment != null && !segment.contains("/") && BlobKeys.isKey(segment) && segment.startsWith(prefix);
    }

    private static String name(String text) {
        String encoded = encode(text);
        return encoded.length() <= MAX_READABLE_NAME ? encoded : HASHED + HEX.formatHex(sha256(text));
    }

    static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                out.append('_').append((char) (c - 'A' + 'a'));
            } else if (c == '_') {
                out.append("__");
            } else if (c == '/') {
                out.append('+');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Reverses {@link #encode}; null when the name is not an encoding. */
    static String decode(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '_') {
                if (++i == name.length()) {
                    return null;
                }
                char next = name.charAt(i);
                if (next == '_') {
                    out.append('_');
                } else if (next >= 'a' && next <= 'z') {
                    out.append((char) (next - 'a' + 'A'));
                } else {
                    return null;
                }
            } else if (c == '+') {
                out.append('/');
            } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') {
                out.append(c);
            } else {
                return null;
            }
        }
        return out.toString();
    }

    private static boolean isLowerHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }
}
