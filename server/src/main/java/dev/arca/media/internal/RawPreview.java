package dev.arca.media.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The preview a camera's raw file carries: the largest JPEG that a TIFF-structured raw file (CR2, NEF,
 * ARW, DNG, ORF, RW2) points to from its image file directories. Cameras write one at or near full
 * size, so a preview needs no raw decoding.
 *
 * <p>Where previews are named: {@code JPEGInterchangeFormat}/{@code ...Length} (0x201/0x202) in any
 * directory; a single strip ({@code StripOffsets}/{@code StripByteCounts}, 0x111/0x117) of a directory
 * whose {@code Compression} (0x103) is JPEG (6 or 7); Panasonic's {@code JpgFromRaw} (0x2E). Directories
 * are followed through the chain and {@code SubIFDs} (0x14A).
 *
 * <p>Bounded: at most {@value #MAX_DIRECTORIES} directories of at most {@value #MAX_ENTRIES} entries,
 * each read once; a candidate must lie inside the file and start with a JPEG's first marker.
 */
public final class RawPreview {

    static final int MAX_DIRECTORIES = 64;
    static final int MAX_ENTRIES = 1024;
    /** Previews larger than this are not taken: no camera writes one. */
    static final long MAX_PREVIEW = 64L * 1024 * 1024;

    /**
     * @param orientation the raw file's EXIF orientation (1 to 8) from its first directory; the preview
     *     itself is stored unturned
     */
    public record Preview(byte[] jpeg, int orientation) {}

    private final FileChannel channel;
    private final long length;
    private final ByteOrder order;

    private RawPreview(FileChannel channel, ByteOrder order) throws IOException {
        this.channel = channel;
        this.length = channel.size();
        this.order = order;
    }

    /** The largest embedded JPEG; empty when the file is not TIFF-structured or names none. */
    public static Optional<Preview> read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.size() < 8) {
                return Optional.empty();
            }
            ByteBuffer header = ByteBuffer.allocate(8);
            channel.read(header, 0);
            ByteOrder order = switch (header.getShort(0)) {
                case 0x4949 -> ByteOrder.LITTLE_ENDIAN;
                case 0x4D4D -> ByteOrder.BIG_ENDIAN;
                default -> null;
            };
            if (order == null) {
                return Optional.empty();
            }
            header.order(order);
            int magic = Short.toUnsignedInt(header.getShort(2));
            // TIFF (42), Olympus ORF ("RO", "RS"), Panasonic RW2 (0x55).
            if (magic != 42 && magic != 0x4F52 && magic != 0x5352 && magic != 0x55) {
                return Optional.empty();
            }
            return new RawPreview(channel, order).largest(Integer.toUnsignedLong(header.getInt(4)));
        }
    }

    private Optional<Preview> largest(long firstDirectory) throws IOException {
        long bestOffset = -1;
        long bestLength = 0;
        int orientation = 1;
        Deque<Long> pending = new ArrayDeque<>();
        Set<Long> seen = new HashSet<>();
        pending.add(firstDirectory);
        boolean first = true;
        while (!pending.isEmpty() && seen.size() < MAX_DIRECTORIES) {
            long at = pending.poll();
            if (at < 8 || at + 2 > length || !seen.add(at)) {
                continue;
            }
            int entries = Short.toUnsignedInt(read(at, 2).getShort(0));
            if (entries == 0 || entries > MAX_ENTRIES || at + 2 + 12L * entries + 4 > length) {
                continue;
            }
            ByteBuffer d = read(at + 2, 12 * entries + 4);
            long jpegOffset = -1;
            long jpegLength = -1;
            long stripOffset = -1;
            long stripLength = -1;
            int compression = 0;
            for (int i = 0; i < entries; i++) {
                int e = 12 * i;
                int tag = Short.toUnsignedInt(d.getShort(e));
                int type = Short.toUnsignedInt(d.getShort(e + 2));
                long count = Integer.toUnsignedLong(d.getInt(e + 4));
                long value = type == 3 ? Short.toUnsignedInt(d.getShort(e + 8)) : Integer.toUnsignedLong(d.getInt(e + 8));
                switch (tag) {
                    case 0x0201 -> jpegOffset = value;
                    case 0x0202 -> jpegLength = value;
                    case 0x0111 -> stripOffset = count == 1 ? value : -1;
                    case 0x0117 -> stripLength = count == 1 ? value : -1;
                    case 0x0103 -> compression = (int) value;
                    case 0x0112 -> orientation = first && value >= 1 && value <= 8 ? (int) value : orientation;
                    case 0x002E -> {
                        // Panasonic's JpgFromRaw: the JPEG is the entry's value, stored at the offset.
                        if (count > 4 && isJpeg(value, count) && count > bestLength) {
                            bestOffset = value;
                            bestLength = count;
                        }
                    }
                    case 0x014A -> subDirectories(value, count, type, pending);
                    default -> { }
                }
            }
            if (isJpeg(jpegOffset, jpegLength) && jpegLength > bestLength) {
                bestOffset = jpegOffset;
                bestLength = jpegLength;
            }
            if ((compression == 6 || compression == 7) && isJpeg(stripOffset, stripLength) && stripLength > bestLength) {
                bestOffset = stripOffset;
                bestLength = stripLength;
            }
            pending.add(Integer.toUnsignedLong(d.getInt(12 * entries)));
            first = false;
        }
        if (bestOffset < 0) {
            return Optional.empty();
        }
        return Optional.of(new Preview(read(bestOffset, (int) bestLength).array(), orientation));
    }

    /** SubIFDs: one offset inline, or several at an offset. */
    private void subDirectories(long value, long count, int type, Deque<Long> pending) throws IOException {
        if (type != 4 && type != 13) {
            return;
        }
        if (count == 1) {
            pending.add(value);
        } else if (count > 1 && count <= MAX_DIRECTORIES && value + 4 * count <= length) {
            ByteBuffer offsets = read(value, (int) (4 * count));
            for (int i = 0; i < count; i++) {
                pending.add(Integer.toUnsignedLong(offsets.getInt(4 * i)));
            }
        }
    }

    private boolean isJpeg(long offset, long size) throws IOException {
        if (offset <= 0 || size < 4 || size > MAX_PREVIEW || offset + size > length) {
            return false;
        }
        ByteBuffer start = read(offset, 2);
        return (start.get(0) & 0xFF) == 0xFF && (start.get(1) & 0xFF) == 0xD8;
    }

    private ByteBuffer read(long at, int size) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(size).order(order);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, at + buffer.position()) < 0) {
                throw new java.io.EOFException();
            }
        }
        return buffer.flip();
    }
}
