package dev.arca.storage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The stored form of a blob, the same on disk and in S3: a 28-byte header, the key, the payload.
 *
 * <pre>
 * offset  size  field
 *      0     4  magic "ARCB"
 *      4     1  format version, 1
 *      5     1  flags, 0 (a reader refuses anything else)
 *      6     2  key length K, unsigned
 *      8     8  written at, epoch milliseconds (decides between diverged replicas)
 *     16     8  payload length N
 *     24     4  CRC32C of bytes 0..23, the key and the payload
 *     28     K  key, ASCII
 *   28+K     N  payload
 * </pre>
 *
 * All numbers are big-endian. The key makes each object self-describing: a file or object that
 * ended up under another key's name fails verification, and a scrub can name the blob a file holds.
 * CRC32C detects every burst error up to 32 bits and random damage with probability 1 - 2^-32, and
 * the JDK computes it with the processor's CRC instructions at memory speed, several times faster
 * than SHA-256; deliberate tampering is the encryption layer's concern (its authentication tag),
 * not this checksum's.
 */
final class BlobFormat {

    static final int MAGIC = 0x41524342;
    static final int VERSION = 1;
    static final int HEADER_BYTES = 28;
    private static final int CHECKSUM_OFFSET = 24;

    private BlobFormat() {}

    /** The fixed header fields, checked for magic, version, flags and key length only. */
    record Header(int keyLength, long writtenAt, long payloadLength, int checksum) {}

    /** The bytes are not a valid object; the reason names the failed check, never the key. */
    static final class InvalidObjectException extends Exception {
        InvalidObjectException(String reason) {
            super(reason);
        }
    }

    static byte[] encode(String key, long writtenAt, byte[] payload) {
        byte[] keyBytes = key.getBytes(StandardCharsets.US_ASCII);
        long total = (long) HEADER_BYTES + keyBytes.length + payload.length;
        if (total > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("A blob must be smaller than 2 GiB");
        }
        byte[] object = new byte[(int) total];
        ByteBuffer.wrap(object)
                .putInt(MAGIC)
                .put((byte) VERSION)
                .put((byte) 0)
                .putShort((short) keyBytes.length)
                .putLong(writtenAt)
                .putLong(payload.length);
        System.arraycopy(keyBytes, 0, object, HEADER_BYTES, keyBytes.length);
        System.arraycopy(payload, 0, object, HEADER_BYTES + keyBytes.length, payload.length);
        ByteBuffer.wrap(object).putInt(CHECKSUM_OFFSET, checksum(object));
        return object;
    }

    /** Verifies the whole object, including that it belongs to the expected key, and returns the payload. */
    static byte[] payload(byte[] object, String expectedKey) throws InvalidObjectException {
        Header header = verify(object, expectedKey);
        return Arrays.copyOfRange(object, HEADER_BYTES + header.keyLength(), object.length);
    }

    /** Verifies the whole object like {@link #payload} without copying the payload. */
    static Header verify(byte[] object, String expectedKey) throws InvalidObjectException {
        Header header = header(object);
        long expectedLength = (long) HEADER_BYTES + header.keyLength() + header.payloadLength();
        if (object.length != expectedLength) {
            throw new InvalidObjectException(
                    "length " + object.length + " differs from the header's " + expectedLength);
        }
        if (checksum(object) != header.checksum()) {
            throw new InvalidObjectException("checksum mismatch");
        }
        if (!key(object, header).equals(expectedKey)) {
            throw new InvalidObjectException("the object belongs to another key");
        }
        return header;
    }

    /** Parses the fixed header from the first {@link #HEADER_BYTES} bytes. */
    static Header header(byte[] bytes) throws InvalidObjectException {
        if (bytes.length < HEADER_BYTES) {
            throw new InvalidObjectException("shorter than the header");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        if (buffer.getInt(0) != MAGIC) {
            throw new InvalidObjectException("no blob header");
        }
        if (buffer.get(4) != VERSION) {
            throw new InvalidObjectException("unknown format version " + buffer.get(4));
        }
        if (buffer.get(5) != 0) {
            throw new InvalidObjectException("unknown flags");
        }
        int keyLength = Short.toUnsignedInt(buffer.getShort(6));
        long payloadLength = buffer.getLong(16);
        if (keyLength == 0 || keyLength > BlobKeys.MAX_LENGTH || payloadLength < 0) {
            throw new InvalidObjectException("header out of range");
        }
        return new Header(keyLength, buffer.getLong(8), payloadLength, buffer.getInt(CHECKSUM_OFFSET));
    }

    /** The key stored in an object's first {@code HEADER_BYTES + keyLength} bytes; not checksummed. */
    static String key(byte[] bytes, Header header) throws InvalidObjectException {
        if (bytes.length < HEADER_BYTES + header.keyLength()) {
            throw new InvalidObjectException("shorter than its key");
        }
        String key = new String(bytes, HEADER_BYTES, header.keyLength(), StandardCharsets.US_ASCII);
        if (!BlobKeys.isKey(key)) {
            throw new InvalidObjectException("the stored key is not a valid key");
        }
        return key;
    }

    /** The payload size of a stored object of the given total size, from its key's length. */
    static long payloadSize(String key, long objectSize) {
        return Math.max(0, objectSize - HEADER_BYTES - key.length());
    }

    private static int checksum(byte[] object) {
        CRC32C crc = new CRC32C();
        crc.update(object, 0, CHECKSUM_OFFSET);
        crc.update(object, HEADER_BYTES, object.length - HEADER_BYTES);
        return (int) crc.getValue();
    }
}
