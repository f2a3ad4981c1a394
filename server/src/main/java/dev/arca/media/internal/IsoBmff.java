package dev.arca.media.internal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what metadata-extractor leaves out of MP4 and QuickTime files: the movie's user data
 * ({@code moov/udta}: {@code ©xyz}, {@code ©nam}...), its metadata keys ({@code moov/meta} with
 * {@code keys} and {@code ilst}, as Apple devices write location and creation date), and each track's
 * handler, sample format and rotation.
 *
 * <p>Bounded: only box headers are walked (the media data is skipped, wherever it lies), at most
 * {@value #MAX_BOXES} boxes and {@value #MAX_DEPTH} levels, and no box payload larger than
 * {@value #MAX_LEAF} bytes is read.
 */
public final class IsoBmff {

    static final int MAX_BOXES = 10_000;
    static final int MAX_DEPTH = 8;
    static final int MAX_LEAF = 64 * 1024;

    /** Top-level boxes no reader looks into: media samples and padding. */
    private static final java.util.Set<String> MEDIA_DATA = java.util.Set.of("mdat", "free", "skip", "wide");

    /**
     * @param keys values of {@code moov/meta} by key name (e.g. {@code com.apple.quicktime.make})
     * @param userData values of {@code moov/udta} text boxes and iTunes-style items by box type
     *     (e.g. {@code ©xyz}, {@code ©nam}), box types read as ISO-8859-1
     * @param tracks the tracks in file order
     */
    public record Movie(Map<String, String> keys, Map<String, String> userData, List<Track> tracks) {}

    /**
     * @param handler the media handler type, {@code vide} or {@code soun} for video and sound
     * @param format the first sample entry's format, e.g. {@code avc1}, {@code hvc1}, {@code mp4a}
     * @param rotation clockwise degrees of display rotation from the track matrix: 0, 90, 180 or 270
     */
    public record Track(String handler, String format, int rotation) {}

    private final FileChannel channel;
    private final long length;
    private int boxes;
    private boolean damaged;
    private final Map<String, String> keys = new LinkedHashMap<>();
    private final Map<String, String> userData = new LinkedHashMap<>();
    private final List<Track> tracks = new ArrayList<>();
    /** The names of the current meta box's keys, which its ilst items refer to by index. */
    private List<String> keyNames = List.of();
    /** State of the track whose boxes are being walked. */
    private String handler;
    private String format;
    private int rotation;

    private IsoBmff(FileChannel channel) throws IOException {
        this.channel = channel;
        this.length = channel.size();
    }

    public static Movie read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            IsoBmff reader = new IsoBmff(channel);
            reader.walk(0, reader.length, 0, Container.FILE);
            return new Movie(Map.copyOf(reader.keys), Map.copyOf(reader.userData), List.copyOf(reader.tracks));
        }
    }

    /**
     * Whether the boxes of the file, and those of every container this class walks (the movie and
     * its tracks, media, tables, user data and metadata), tile their parent exactly: no box claims
     * more than its parent holds or less than its own header, nothing is left over, and there are
     * no more than {@value #MAX_BOXES}. Only media data or padding may run past the file's end.
     * Readers of other libraries get only files that pass: two of them loop forever on boxes that
     * overrun their parents, and a thread cannot be stopped.
     */
    public static boolean wellFormed(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            IsoBmff reader = new IsoBmff(channel);
            reader.walk(0, reader.length, 0, Container.FILE);
            return !reader.damaged && reader.boxes <= MAX_BOXES;
        }
    }

    private enum Container { FILE, MOOV, UDTA, META, ILST, TRAK, MDIA, MINF, STBL }

    private void walk(long start, long end, int depth, Container container) throws IOException {
        long at = start;
        while (at + 8 <= end && boxes++ < MAX_BOXES) {
            ByteBuffer header = read(at, 16 <= end - at ? 16 : 8);
            long size = Integer.toUnsignedLong(header.getInt(0));
            String type = new String(header.array(), 4, 4, StandardCharsets.ISO_8859_1);
            int headerLength = 8;
            if (size == 1) {
                if (header.limit() < 16) {
                    return;
                }
                size = header.getLong(8);
                headerLength = 16;
            } else if (size == 0) {
                size = end - at;
            }
            if (size > end - at && container == Container.FILE && MEDIA_DATA.contains(type)) {
                // The file ends inside its media data, as a recording cut short does: no reader
                // reads what it holds, so the boxes they do read are still whole.
                size = end - at;
            }
            if (size < headerLength || size > end - at) {
                // A box claiming more than its parent holds: the file is truncated or damaged here.
                damaged = true;
                return;
            }
            if (depth < MAX_DEPTH) {
                box(container, type, at + headerLength, at + size, depth);
            }
            at += size;
        }
        if (at != end && boxes <= MAX_BOXES) {
            // Fewer bytes left than a box header needs.
            damaged = true;
        }
    }

    private void box(Container container, String type, long start, long end, int depth) throws IOException {
        switch (container) {
            case FILE -> {
                if (type.equals("moov")) {
                    walk(start, end, depth + 1, Container.MOOV);
                }
            }
            case MOOV -> {
                switch (type) {
                    case "udta" -> walk(start, end, depth + 1, Container.UDTA);
                    case "meta" -> meta(start, end, depth);
                    case "trak" -> {
                        handler = null;
                        format = null;
                        rotation = 0;
                        walk(start, end, depth + 1, Container.TRAK);
                        tracks.add(new Track(handler, format, rotation));
                    }
                    default -> { }
                }
            }
            case UDTA -> {
                if (type.equals("meta")) {
                    meta(start, end, depth);
                } else if (type.charAt(0) == '\u00A9' && end - start <= MAX_LEAF) {
                    userData.putIfAbsent(type, quickTimeText(read(start, (int) (end - start))));
                }
            }
            case META -> {
                if (type.equals("keys") && end - start <= MAX_LEAF) {
                    keyNames = keyNames(read(start, (int) (end - start)));
                } else if (type.equals("ilst")) {
                    walk(start, end, depth + 1, Container.ILST);
                }
            }
            case ILST -> item(type, start, end);
            case TRAK -> {
                if (type.equals("tkhd") && end - start <= MAX_LEAF) {
                    rotation = rotation(read(start, (int) (end - start)));
                } else if (type.equals("mdia")) {
                    walk(start, end, depth + 1, Container.MDIA);
                }
            }
            case MDIA -> {
                if (type.equals("hdlr") && end - start >= 12) {
                    handler = new String(read(start + 8, 4).array(), StandardCharsets.ISO_8859_1);
                } else if (type.equals("minf")) {
                    walk(start, end, depth + 1, Container.MINF);
                }
            }
            case MINF -> {
                if (type.equals("stbl")) {
                    walk(start, end, depth + 1, Container.STBL);
                }
            }
            case STBL -> {
                // stsd: version and flags, entry count, then the first entry's size and format.
                if (type.equals("stsd") && end - start >= 16) {
                    format = new String(read(start + 12, 4).array(), StandardCharsets.ISO_8859_1);
                }
            }
        }
    }

    /** ISO's meta is a full box (version and flags first); QuickTime's is not. Its hdlr comes first. */
    private void meta(long start, long end, int depth) throws IOException {
        if (end - start < 12) {
            return;
        }
        boolean quickTime = new String(read(start + 4, 4).array(), StandardCharsets.ISO_8859_1).equals("hdlr");
        walk(quickTime ? start : start + 4, end, depth + 1, Container.META);
    }

    /** The keys box: version and flags, entry count, then (size, namespace, name) entries. */
    private static List<String> keyNames(ByteBuffer b) {
        List<String> names = new ArrayList<>();
        if (b.limit() < 8) {
            return names;
        }
        long count = Integer.toUnsignedLong(b.getInt(4));
        int at = 8;
        for (long i = 0; i < count && at + 8 <= b.limit(); i++) {
            int size = b.getInt(at);
            if (size < 8 || at + size > b.limit()) {
                break;
            }
            names.add(new String(b.array(), at + 8, size - 8, StandardCharsets.UTF_8));
            at += size;
        }
        return names;
    }

    /** An ilst item: its type is a 1-based index into the keys, or a four-character code. */
    private void item(String type, long start, long end) throws IOException {
        if (end - start > MAX_LEAF || end - start < 16) {
            return;
        }
        ByteBuffer b = read(start, (int) (end - start));
        int at = 0;
        while (at + 16 <= b.limit()) {
            int size = b.getInt(at);
            if (size < 16 || at + size > b.limit()) {
                return;
            }
            if (new String(b.array(), at + 4, 4, StandardCharsets.ISO_8859_1).equals("data")) {
                int dataType = b.getInt(at + 8) & 0xFFFFFF;
                String value = dataValue(b, at + 16, size - 16, dataType);
                int index = ByteBuffer.wrap(type.getBytes(StandardCharsets.ISO_8859_1)).getInt();
                if (value != null && index >= 1 && index <= keyNames.size()) {
                    keys.putIfAbsent(keyNames.get(index - 1), value);
                } else if (value != null) {
                    userData.putIfAbsent(type, value);
                }
                return;
            }
            at += size;
        }
    }

    /** Text (1 UTF-8, 2 UTF-16) and integer (21 signed, 22 unsigned) values; other types are skipped. */
    private static String dataValue(ByteBuffer b, int at, int length, int dataType) {
        return switch (dataType) {
            case 1 -> new String(b.array(), at, length, StandardCharsets.UTF_8);
            case 2 -> new String(b.array(), at, length, StandardCharsets.UTF_16BE);
            case 21, 22 -> switch (length) {
                case 1 -> Integer.toString(dataType == 21 ? b.get(at) : b.get(at) & 0xFF);
                case 2 -> Integer.toString(dataType == 21 ? b.getShort(at) : b.getShort(at) & 0xFFFF);
                case 4 -> dataType == 21 ? Integer.toString(b.getInt(at)) : Integer.toUnsignedString(b.getInt(at));
                case 8 -> Long.toString(b.getLong(at));
                default -> null;
            };
            default -> null;
        };
    }

    /** QuickTime user data text: a 16-bit length, a 16-bit language code, the text. */
    private static String quickTimeText(ByteBuffer b) {
        if (b.limit() < 4) {
            return "";
        }
        int size = Math.min(b.getShort(0) & 0xFFFF, b.limit() - 4);
        return new String(b.array(), 4, size, StandardCharsets.UTF_8);
    }

    /** The rotation that the track header's matrix (a, b, c, d in 16.16 fixed point) describes. */
    private static int rotation(ByteBuffer b) {
        if (b.limit() < 4) {
            return 0;
        }
        int matrix = b.get(0) == 1 ? 4 + 32 + 16 : 4 + 20 + 16;
        if (b.limit() < matrix + 36) {
            return 0;
        }
        double a = b.getInt(matrix) / 65536.0;
        double c = b.getInt(matrix + 4) / 65536.0;
        long degrees = Math.round(Math.toDegrees(Math.atan2(c, a)));
        return (int) ((degrees % 360 + 360) % 360) / 90 * 90;
    }

    private ByteBuffer read(long position, int size) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(size);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new EOFException("box runs past the end of the file");
            }
        }
        return buffer.flip();
    }
}
