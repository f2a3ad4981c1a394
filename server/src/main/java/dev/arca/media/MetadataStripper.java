package dev.arca.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Describes a file with the metadata that identifies people, places and times removed: GPS,
 * camera and lens serial numbers, owner and artist names, capture and creation times, embedded
 * descriptions. The image or video data is never re-encoded: the result is the original's bytes
 * with some parts left out or replaced, given as {@link Piece}s.
 *
 * <ul>
 *   <li>JPEG: every APPn segment but JFIF (APP0), the ICC profile (APP2) and Adobe's colour
 *       transform (APP14) is dropped, and so are comments and anything after the end of the
 *       image. An EXIF block holding only the orientation takes the place of the original one, so
 *       the picture stays upright.
 *   <li>MP4 and QuickTime: {@code udta}, {@code meta} and XMP {@code uuid} boxes become {@code free}
 *       boxes of the same size filled with zeros, and the creation and modification times of
 *       {@code mvhd}, {@code tkhd} and {@code mdhd} become zero. Sizes and offsets stay as they were.
 *   <li>PNG: text, EXIF and time chunks ({@code tEXt}, {@code zTXt}, {@code iTXt}, {@code eXIf},
 *       {@code tIME}) are dropped.
 * </ul>
 *
 * Other types have no stripped form: the caller shows only previews of them. Whatever the bytes,
 * {@link #strip} either describes content of the size it announces or throws
 * {@link MalformedException}: lengths and offsets read from the file are checked against the file
 * before they are used.
 */
public final class MetadataStripper {

    /** Random access to the original bytes. */
    public interface Source {
        long size();

        /** {@code length} bytes at {@code offset}; fewer only at the end of the content. */
        byte[] read(long offset, int length) throws IOException;
    }

    /** A part of the stripped content. */
    public sealed interface Piece {
        long length();
    }

    /** Bytes of the original. */
    public record Original(long offset, long length) implements Piece {}

    /** New bytes. */
    public record Literal(byte[] bytes) implements Piece {
        @Override
        public long length() {
            return bytes.length;
        }
    }

    /** Zero bytes. */
    public record Zeros(long length) implements Piece {}

    /** The content is not what its type says, or is damaged; nothing can be delivered. */
    public static final class MalformedException extends IOException {
        MalformedException(String message) {
            super(message);
        }
    }

    private static final Set<String> CONTAINERS = Set.of("moov", "trak", "mdia", "minf", "stbl", "edts", "dinf");
    private static final Set<String> PNG_DROPPED = Set.of("tEXt", "zTXt", "iTXt", "eXIf", "tIME");
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    private static final byte[] XMP_UUID = {(byte) 0xBE, 0x7A, (byte) 0xCF, (byte) 0xCB, (byte) 0x97, (byte) 0xA9,
            0x42, (byte) 0xE8, (byte) 0x9C, 0x71, (byte) 0x99, (byte) 0x94, (byte) 0x91, (byte) 0xE3, (byte) 0xAF,
            (byte) 0xAC};

    private MetadataStripper() {}

    /** Whether {@link #strip} can strip this type. */
    public static boolean supports(String contentType) {
        return switch (contentType) {
            case MediaTypes.JPEG, MediaTypes.MP4, MediaTypes.QUICKTIME, MediaTypes.PNG -> true;
            default -> contentType.equals("video/x-m4v") || contentType.equals("audio/mp4");
        };
    }

    /** The stripped content, or empty when the type has no stripped form. */
    public static Optional<List<Piece>> strip(Source source, String contentType) throws IOException {
        if (!supports(contentType)) {
            return Optional.empty();
        }
        return Optional.of(switch (contentType) {
            case MediaTypes.JPEG -> jpeg(source);
            case MediaTypes.PNG -> png(source);
            default -> mp4(source);
        });
    }

    /** The length of the stripped content. */
    public static long size(List<Piece> pieces) {
        return pieces.stream().mapToLong(Piece::length).sum();
    }

    /** Writes bytes {@code first..last} (inclusive) of the stripped content. */
    public static void write(List<Piece> pieces, Source source, long first, long last, java.io.OutputStream out)
            throws IOException {
        long at = 0;
        for (Piece piece : pieces) {
            long from = Math.max(first, at);
            long to = Math.min(last, at + piece.length() - 1);
            if (from <= to) {
                long skip = from - at;
                long count = to - from + 1;
                switch (piece) {
                    case Literal literal -> out.write(literal.bytes(), (int) skip, (int) count);
                    case Zeros zeros -> {
                        byte[] zero = new byte[(int) Math.min(count, 1 << 16)];
                        for (long left = count; left > 0; left -= zero.length) {
                            out.write(zero, 0, (int) Math.min(left, zero.length));
                        }
                    }
                    case Original original -> {
                        for (long done = 0; done < count; ) {
                            int n = (int) Math.min(count - done, 1 << 20);
                            byte[] bytes = source.read(original.offset() + skip + done, n);
                            if (bytes.length != n) {
                                throw new MalformedException("the content is shorter than it was");
                            }
                            out.write(bytes);
                            done += n;
                        }
                    }
                }
            }
            at += piece.length();
            if (at > last) {
                return;
            }
        }
    }

    private static List<Piece> jpeg(Source source) throws IOException {
        List<Piece> pieces = new ArrayList<>();
        long size = source.size();
        byte[] soi = source.read(0, 2);
        if (soi.length < 2 || (soi[0] & 0xff) != 0xFF || (soi[1] & 0xff) != 0xD8) {
            throw new MalformedException("not a JPEG");
        }
        pieces.add(new Original(0, 2));
        Integer orientation = null;
        boolean exifWritten = false;
        long at = 2;
        while (at + 2 <= size) {
            byte[] head = source.read(at, 4);
            if ((head[0] & 0xff) != 0xFF) {
                throw new MalformedException("a JPEG segment without a marker");
            }
            int marker = head[1] & 0xff;
            if (marker == 0xD9) {
                pieces.add(new Original(at, 2));
                return pieces;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                pieces.add(new Original(at, 2));
                at += 2;
                continue;
            }
            if (head.length < 4) {
                break;
            }
            int length = ((head[2] & 0xff) << 8) | (head[3] & 0xff);
            if (length < 2 || at + 2 + length > size) {
                throw new MalformedException("a JPEG segment runs past the end");
            }
            long segmentEnd = at + 2 + length;
            boolean keep;
            if (marker == 0xE1) {
                byte[] body = source.read(at + 4, Math.min(length - 2, 65533));
                if (startsWith(body, "Exif\0\0")) {
                    Integer found = exifOrientation(body);
                    orientation = orientation == null ? found : orientation;
                }
                keep = false;
            } else if (marker == 0xE2) {
                keep = startsWith(source.read(at + 4, Math.min(length - 2, 12)), "ICC_PROFILE\0");
            } else if (marker == 0xE0 || marker == 0xEE) {
                keep = true;
            } else {
                keep = !(marker >= 0xE3 && marker <= 0xEF) && marker != 0xFE;
            }
            if (!exifWritten && (marker < 0xE0 || marker > 0xEF) && marker != 0xFE) {
                // The first segment that is not metadata: the orientation goes just before it.
                if (orientation != null && orientation != 1) {
                    pieces.add(new Literal(orientationExif(orientation)));
                }
                exifWritten = true;
            }
            if (keep) {
                pieces.add(new Original(at, segmentEnd - at));
            }
            at = segmentEnd;
            if (marker == 0xDA) {
                long dataEnd = entropyEnd(source, at, size);
                pieces.add(new Original(at, dataEnd - at));
                at = dataEnd;
            }
        }
        throw new MalformedException("a JPEG without an end");
    }

    /** Where the entropy-coded data after a scan header ends: at the next marker that is not a restart. */
    private static long entropyEnd(Source source, long from, long size) throws IOException {
        long at = from;
        while (at < size) {
            byte[] block = source.read(at, (int) Math.min(1 << 16, size - at));
            for (int i = 0; i < block.length - 1; i++) {
                if ((block[i] & 0xff) == 0xFF) {
                    int next = block[i + 1] & 0xff;
                    if (next != 0 && !(next >= 0xD0 && next <= 0xD7) && next != 0xFF) {
                        return at + i;
                    }
                }
            }
            at += Math.max(1, block.length - 1);
        }
        throw new MalformedException("a JPEG scan without an end");
    }

    /** The Orientation tag of IFD0 in an APP1 Exif body ({@code Exif\0\0} then TIFF), or null. */
    static Integer exifOrientation(byte[] body) {
        int tiff = 6;
        if (body.length < tiff + 8) {
            return null;
        }
        boolean little = body[tiff] == 'I';
        long ifd = u32(body, tiff + 4, little);
        if (ifd < 8 || tiff + ifd + 2 > body.length) {
            return null;
        }
        int p = (int) (tiff + ifd);
        int count = u16(body, p, little);
        for (int i = 0; i < count && p + 2 + i * 12 + 12 <= body.length; i++) {
            int e = p + 2 + i * 12;
            if (u16(body, e, little) == 0x0112) {
                int value = u16(body, e + 8, little);
                return value >= 1 && value <= 8 ? value : null;
            }
        }
        return null;
    }

    /** An APP1 segment whose EXIF holds only the orientation (big-endian TIFF, one IFD entry). */
    static byte[] orientationExif(int orientation) {
        byte[] tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0,
                0, 0, 0, 0, 0, 0};
        byte[] exif = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
        int length = 2 + exif.length + tiff.length;
        byte[] segment = new byte[2 + length];
        segment[0] = (byte) 0xFF;
        segment[1] = (byte) 0xE1;
        segment[2] = (byte) (length >> 8);
        segment[3] = (byte) length;
        System.arraycopy(exif, 0, segment, 4, exif.length);
        System.arraycopy(tiff, 0, segment, 4 + exif.length, tiff.length);
        return segment;
    }

    private static List<Piece> png(Source source) throws IOException {
        List<Piece> pieces = new ArrayList<>();
        long size = source.size();
        if (!startsWithBytes(source.read(0, 8), PNG_SIGNATURE)) {
            throw new MalformedException("not a PNG");
        }
        pieces.add(new Original(0, 8));
        long at = 8;
        while (at + 12 <= size) {
            byte[] head = source.read(at, 8);
            long length = u32(head, 0, false);
            String type = new String(head, 4, 4, StandardCharsets.ISO_8859_1);
            long end = at + 12 + length;
            if (end > size) {
                throw new MalformedException("a PNG chunk runs past the end");
            }
            if (!PNG_DROPPED.contains(type)) {
                pieces.add(new Original(at, end - at));
            }
            at = end;
            if (type.equals("IEND")) {
                return pieces;
            }
        }
        throw new MalformedException("a PNG without an end");
    }

    private static List<Piece> mp4(Source source) throws IOException {
        List<long[]> patches = new ArrayList<>();
        List<byte[]> replacements = new ArrayList<>();
        boxes(source, 0, source.size(), patches, replacements);
        List<Piece> pieces = new ArrayList<>();
        long at = 0;
        for (int i = 0; i < patches.size(); i++) {
            long offset = patches.get(i)[0];
            long length = patches.get(i)[1];
            if (offset > at) {
                pieces.add(new Original(at, offset - at));
            }
            byte[] replacement = replacements.get(i);
            if (replacement != null) {
                pieces.add(new Literal(replacement));
            } else {
                pieces.add(new Zeros(length));
            }
            at = offset + length;
        }
        if (at < source.size()) {
            pieces.add(new Original(at, source.size() - at));
        }
        return pieces;
    }

    /**
     * Walks the boxes in {@code [from, to)}, recording in offset order what to replace: a whole
     * box's body by zeros (with a {@code free} header), or the times of a header box.
     */
    private static void boxes(Source source, long from, long to, List<long[]> patches,
            List<byte[]> replacements) throws IOException {
        long at = from;
        while (at + 8 <= to) {
            byte[] head = source.read(at, 16);
            long size = u32(head, 0, false);
            String type = new String(head, 4, 4, StandardCharsets.ISO_8859_1);
            int header = 8;
            if (size == 1) {
                if (head.length < 16) {
                    throw new MalformedException("a box's 64-bit size is cut short");
                }
                size = (u32(head, 8, false) << 32) | u32(head, 12, false);
                header = 16;
            } else if (size == 0) {
                size = to - at;
            }
            if (size < header || at + size > to) {
                throw new MalformedException("a box runs past its parent");
            }
            boolean xmp = type.equals("uuid") && startsWithBytes(source.read(at + header, 16), XMP_UUID);
            if (type.equals("udta") || type.equals("meta") || xmp) {
                byte[] free = new byte[header];
                System.arraycopy(head, 0, free, 0, header);
                free[4] = 'f';
                free[5] = 'r';
                free[6] = 'e';
                free[7] = 'e';
                patches.add(new long[] {at, header});
                replacements.add(free);
                patches.add(new long[] {at + header, size - header});
                replacements.add(null);
            } else if (type.equals("mvhd") || type.equals("tkhd") || type.equals("mdhd")) {
                byte[] body = source.read(at + header, 4);
                int timesLength = body.length > 0 && (body[0] & 0xff) == 1 ? 16 : 8;
                if (header + 4 + timesLength > size) {
                    throw new MalformedException("a " + type + " box too short for its times");
                }
                patches.add(new long[] {at + header + 4, timesLength});
                replacements.add(new byte[timesLength]);
            } else if (CONTAINERS.contains(type)) {
                boxes(source, at + header, at + size, patches, replacements);
            }
            at += size;
        }
    }

    private static boolean startsWith(byte[] bytes, String prefix) {
        return startsWithBytes(bytes, prefix.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static boolean startsWithBytes(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int u16(byte[] b, int at, boolean little) {
        return little ? (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 : (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    private static long u32(byte[] b, int at, boolean little) {
        long v = little
                ? (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16 | (b[at + 3] & 0xffL) << 24
                : (b[at] & 0xffL) << 24 | (b[at + 1] & 0xffL) << 16 | (b[at + 2] & 0xffL) << 8 | (b[at + 3] & 0xffL);
        return v;
    }
}
