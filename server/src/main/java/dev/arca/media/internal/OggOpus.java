package dev.arca.media.internal;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads Opus audio in Ogg (RFC 7845), which the audio tag library does not: the identification header,
 * the comment header (Vorbis-style {@code KEY=value} comments) and the duration from the last page's
 * granule position.
 *
 * <p>Bounded: the comment header, which may hold cover art, is read up to {@value #MAX_TAGS} bytes
 * (beyond that the comments are skipped), and the duration comes from the file's last
 * {@value #TAIL} bytes.
 */
public final class OggOpus {

    static final int MAX_TAGS = 16 * 1024 * 1024;
    static final int TAIL = 64 * 1024;
    private static final int MAX_PAGES = 10_000;

    /**
     * @param channels output channels
     * @param inputSampleRate the sample rate of the source before encoding, 0 when not stated;
     *     Opus itself always decodes at 48 kHz
     * @param durationMillis null when no page states a final position
     * @param comments comment values by upper-case key, in file order
     */
    public record Stream(int channels, long inputSampleRate, Long durationMillis, String vendor,
            Map<String, List<String>> comments) {}

    /** The content is not Ogg Opus, or is damaged where it matters. */
    public static final class MalformedException extends IOException {
        MalformedException(String reason) {
            super(reason);
        }
    }

    private OggOpus() {}

    public static Stream read(Path file) throws IOException {
        int channels;
        int preSkip;
        long inputRate;
        int serial;
        String vendor = null;
        Map<String, List<String>> comments = new LinkedHashMap<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            Packets packets = new Packets(in);
            ByteBuffer head = packets.next(4096);
            if (head == null || head.limit() < 19 || !ascii(head, 0, "OpusHead")) {
                throw new MalformedException("not an Ogg Opus file");
            }
            serial = packets.serial;
            channels = head.get(9) & 0xFF;
            preSkip = head.getShort(10) & 0xFFFF;
            inputRate = Integer.toUnsignedLong(head.getInt(12));
            ByteBuffer tags = packets.next(MAX_TAGS);
            if (tags != null && tags.limit() >= 16 && ascii(tags, 0, "OpusTags")) {
                vendor = comments(tags, comments);
            }
        }
        Long granule = lastGranule(file, serial);
        Long duration = granule == null || granule < preSkip ? null : (granule - preSkip) * 1000 / 48_000;
        return new Stream(channels, inputRate, duration, vendor, comments);
    }

    /**
     * The picture data of a {@code METADATA_BLOCK_PICTURE} comment: a base64 FLAC picture block
     * (type, MIME type, description, width, height, depth, colours, then the data).
     */
    public static Optional<byte[]> picture(String base64Block) {
        try {
            ByteBuffer b = ByteBuffer.wrap(Base64.getMimeDecoder().decode(base64Block));
            b.getInt();
            b.position(b.position() + b.getInt());
            b.position(b.position() + b.getInt());
            b.position(b.position() + 16);
            int length = b.getInt();
            if (length <= 0 || length > b.remaining()) {
                return Optional.empty();
            }
            byte[] data = new byte[length];
            b.get(data);
            return Optional.of(data);
        } catch (RuntimeException e) {
            // Bad base64 or a block shorter than it says: there is no usable picture.
            return Optional.empty();
        }
    }

    /** Reads vendor and comments of a comment header; returns the vendor. */
    private static String comments(ByteBuffer b, Map<String, List<String>> into) throws MalformedException {
        try {
            b.position(8);
            String vendor = string(b, b.getInt());
            long count = Integer.toUnsignedLong(b.getInt());
            for (long i = 0; i < count && b.hasRemaining(); i++) {
                String comment = string(b, b.getInt());
                int equals = comment.indexOf('=');
                if (equals > 0) {
                    into.computeIfAbsent(comment.substring(0, equals).toUpperCase(Locale.ROOT), k -> new ArrayList<>())
                            .add(comment.substring(equals + 1));
                }
            }
            return vendor;
        } catch (RuntimeException e) {
            throw new MalformedException("damaged Opus comment header");
        }
    }

    private static String string(ByteBuffer b, int length) {
        if (length < 0 || length > b.remaining()) {
            throw new IllegalArgumentException("string runs past the header");
        }
        String s = new String(b.array(), b.position(), length, StandardCharsets.UTF_8);
        b.position(b.position() + length);
        return s;
    }

    /** The granule position of the last page of {@code serial} within the file's tail, if any. */
    private static Long lastGranule(Path file, int serial) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            int n = (int) Math.min(TAIL, size);
            ByteBuffer tail = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
            while (tail.hasRemaining()) {
                if (channel.read(tail, size - n + tail.position()) < 0) {
                    break;
                }
            }
            for (int at = n - 27; at >= 0; at--) {
                if (ascii(tail, at, "OggS") && tail.get(at + 4) == 0 && tail.getInt(at + 14) == serial) {
                    long granule = tail.getLong(at + 6);
                    if (granule >= 0) {
                        return granule;
                    }
                }
            }
            return null;
        }
    }

    private static boolean ascii(ByteBuffer b, int at, String text) {
        if (at + text.length() > b.limit()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (b.get(at + i) != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Reassembles the packets of the first logical stream from its pages. */
    private static final class Packets {
        private final InputStream in;
        private int serial;
        private boolean haveSerial;
        private int pages;
        private int[] lacing = new int[0];
        private int nextSegment;
        private byte[] page = new byte[0];
        private int pageAt;

        Packets(InputStream in) {
            this.in = in;
        }

        /** The next packet, little-endian; null at the end or when it is longer than {@code max}. */
        ByteBuffer next(int max) throws IOException {
            ByteArrayOutputStream packet = new ByteArrayOutputStream();
            while (true) {
                if (nextSegment >= lacing.length && !nextPage()) {
                    return null;
                }
                int length = lacing[nextSegment++];
                if (packet.size() + length > max) {
                    return null;
                }
                packet.write(page, pageAt, length);
                pageAt += length;
                if (length < 255) {
                    return ByteBuffer.wrap(packet.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
                }
            }
        }

        private boolean nextPage() throws IOException {
            while (pages++ < MAX_PAGES) {
                byte[] header = in.readNBytes(27);
                if (header.length == 0) {
                    return false;
                }
                if (header.length < 27) {
                    throw new EOFException("file is truncated");
                }
                ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
                if (!ascii(h, 0, "OggS") || header[4] != 0) {
                    throw new MalformedException("not an Ogg page");
                }
                int pageSerial = h.getInt(14);
                byte[] table = readFully(header[26] & 0xFF);
                int total = 0;
                for (byte b : table) {
                    total += b & 0xFF;
                }
                byte[] data = readFully(total);
                if (!haveSerial) {
                    serial = pageSerial;
                    haveSerial = true;
                }
                if (pageSerial != serial) {
                    continue;
                }
                lacing = new int[table.length];
                for (int i = 0; i < table.length; i++) {
                    lacing[i] = table[i] & 0xFF;
                }
                nextSegment = 0;
                page = data;
                pageAt = 0;
                if (lacing.length > 0) {
                    return true;
                }
            }
            throw new MalformedException("too many Ogg pages before the headers end");
        }

        private byte[] readFully(int n) throws IOException {
            byte[] b = in.readNBytes(n);
            if (b.length < n) {
                throw new EOFException("file is truncated");
            }
            return b;
        }
    }
}
