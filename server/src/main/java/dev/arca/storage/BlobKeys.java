package dev.arca.storage;

/** The syntax of keys and prefixes (see {@link BlobStore}), checked without regular expressions. */
final class BlobKeys {

    static final int MAX_LENGTH = 512;

    private BlobKeys() {}

    /** Returns the key when it is valid; the message never echoes it, as it may name an account. */
    /** Checks a range of {@link BlobStore#getRange}. */
    static void requireRange(long offset, int length) {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("A range starts at 0 or later and is not negative");
        }
    }

    static String requireKey(String key) {
        if (!isKey(key)) {
            throw new IllegalArgumentException("Not a valid blob key: expected segments of A-Z, a-z, 0-9, '_' and '-'"
                    + " separated by single '/', at most " + MAX_LENGTH + " characters");
        }
        return key;
    }

    /** Returns the prefix when it is valid; {@code allowEmpty} false refuses the empty prefix. */
    static String requirePrefix(String prefix, boolean allowEmpty) {
        if (prefix == null || (!allowEmpty && prefix.isEmpty()) || !isPrefix(prefix)) {
            throw new IllegalArgumentException("Not a valid blob key prefix: expected "
                    + (allowEmpty ? "" : "a non-empty ") + "start of a key, at most " + MAX_LENGTH + " characters");
        }
        return prefix;
    }

    static boolean isKey(String key) {
        return key != null && !key.isEmpty() && key.length() <= MAX_LENGTH && isPrefix(key) && !key.endsWith("/");
    }

    /** Key characters and single '/' separators, not starting with '/'; may end with '/'. */
    static boolean isPrefix(String prefix) {
        if (prefix.length() > MAX_LENGTH) {
            return false;
        }
        int segmentLength = 0;
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (c == '/') {
                if (segmentLength == 0) {
                    return false;
                }
                segmentLength = 0;
            } else if (isKeyChar(c)) {
                segmentLength++;
            } else {
                return false;
            }
        }
        return true;
    }

    static boolean isKeyChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }
}
