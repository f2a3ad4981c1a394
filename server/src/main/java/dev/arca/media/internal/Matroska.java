package dev.arca.media.internal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A small EBML reader for the header facts of Matroska and WebM files: document type, segment info
 * (duration, date, title) and tracks (type, codec, dimensions, frame duration, audio format).
 *
 * <p>Bounded: the segment's top-level elements are walked by their headers only; the info and tracks
 * elements are read whole only up to {@value #MAX_ELEMENT} bytes each. The walk stops at the first
 * cluster (the media data), after which it follows the seek head to info or tracks that come later.
 * At most {@value #MAX_ELEMENTS} elements are looked at.
 */
public final class Matroska {

    static final int MAX_ELEMENT = 1024 * 1024;
    static final int MAX_ELEMENTS = 100_000;

    private static final int EBML = 0x1A45DFA3;
    private static final int DOC_TYPE = 0x4282;
    private static final int SEGMENT = 0x18538067;
    private static final int SEEK_HEAD = 0x114D9B74;
    private static final int SEEK = 0x4DBB;
    private static final int SEEK_ID = 0x53AB;
    private static final int SEEK_POSITION = 0x53AC;
    private static final int INFO = 0x1549A966;
    private static final int TIMESTAMP_SCALE = 0x2AD7B1;
    private static final int DURATION = 0x4489;
    private static final int DATE_UTC = 0x4461;
    private static final int TITLE = 0x7BA9;
    private static final int TRACKS = 0x1654AE6B;
    private static final int TRACK_ENTRY = 0xAE;
    private static final int TRACK_TYPE = 0x83;
    private static final int CODEC_ID = 0x86;
    private static final int DEFAULT_DURATION = 0x23E383;
    private static final int VIDEO = 0xE0;
    private static final int PIXEL_WIDTH = 0xB0;
    private static final int PIXEL_HEIGHT = 0xBA;
    private static final int AUDIO = 0xE1;
    private static final int SAMPLING_FREQUENCY = 0xB5;
    private static final int CHANNELS = 0x9F;
    private static final int CLUSTER = 0x1F43B675;

    /** Matroska dates count nanoseconds from the start of 2001 (UTC). */
    private static final Instant EPOCH = Instant.parse("2001-01-01T00:00:00Z");

    /**
     * @param docType {@code matroska} or {@code webm}
     * @param durationMillis segment duration, null when not stated (live recordings)
     * @param date segment date (DateUTC), null when not stated
     * @param title segment title, null when not stated
     * @param tracks the tracks in file order
     */
    public record Summary(String docType, Long durationMillis, Instant date, String title, List<Track> tracks) {}

    /**
     * @param type 1 video, 2 audio, 17 subtitle (Matroska's track types)
     * @param codecId e.g. {@code V_MPEG4/ISO/AVC}, {@code V_VP9}, {@code A_OPUS}
     * @param defaultDurationNanos duration of one frame, null when not stated
     */
    public record Track(int type, String codecId, Integer width, Integer height, Long defaultDurationNanos,
            Double samplingFrequency, Integer channels) {}

    /** The content is not Matroska, or breaks its rules where it matters. */
    public static final class MalformedException extends IOException {
        MalformedException(String reason) {
            super(reason);
        }
    }

    private final FileChannel channel;
    private final long length;
    private int elements;

    private Matroska(FileChannel channel) throws IOException {
        this.channel = channel;
        this.length = channel.size();
    }

    public static Summary read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return new Matroska(channel).read();
        }
    }

    /** An element's header: its id, where its data starts, and its data size (-1 for unknown). */
    private record Header(int id, long dataStart, long size) {
        long end(long limit) {
            return size < 0 ? limit : dataStart + size;
        }
    }

    private Summary read() throws IOException {
        Header ebml = header(0, length);
        if (ebml == null || ebml.id() != EBML || ebml.size() < 0 || ebml.end(length) > length) {
            throw new MalformedException("not a Matroska file");
        }
        String docType = "matroska";
        for (Element e : children(bytes(ebml))) {
            if (e.id() == DOC_TYPE) {
                docType = e.text();
            }
        }
        Header segment = header(ebml.end(length), length);
        if (segment == null || segment.id() != SEGMENT) {
            throw new MalformedException("no Matroska segment");
        }
        long segmentEnd = Math.min(segment.end(length), length);
        Element info = null;
        Element tracks = null;
        List<Long> seekTargets = new ArrayList<>();
        long at = segment.dataStart();
        while (at < segmentEnd && (info == null || tracks == null)) {
            Header child = header(at, segmentEnd);
            if (child == null || child.id() == CLUSTER || child.size() < 0) {
                break;
            }
            if (child.id() == INFO && info == null) {
                info = new Element(INFO, bytes(child));
            } else if (child.id() == TRACKS && tracks == null) {
                tracks = new Element(TRACKS, bytes(child));
            } else if (child.id() == SEEK_HEAD) {
                seekTargets.addAll(seekTargets(bytes(child), segment.dataStart()));
            }
            at = child.end(segmentEnd);
        }
        for (long target : seekTargets) {
            Header child = target < segmentEnd ? header(target, segmentEnd) : null;
            if (child != null && child.id() == INFO && info == null) {
                info = new Element(INFO, bytes(child));
            } else if (child != null && child.id() == TRACKS && tracks == null) {
                tracks = new Element(TRACKS, bytes(child));
            }
        }
        if (info == null && tracks == null) {
            throw new MalformedException("no Matroska segment info or tracks");
        }
        return summary(docType, info, tracks);
    }

    private static Summary summary(String docType, Element info, Element tracks) throws MalformedException {
        long scale = 1_000_000;
        Double duration = null;
        Instant date = null;
        String title = null;
        if (info != null) {
            for (Element e : children(info.data())) {
                switch (e.id()) {
                    case TIMESTAMP_SCALE -> scale = e.unsigned();
                    case DURATION -> duration = e.floating();
                    case DATE_UTC -> date = EPOCH.plusNanos(e.signed());
                    case TITLE -> title = e.text();
                    default -> { }
                }
            }
        }
        Long durationMillis = duration == null || !Double.isFinite(duration) || duration < 0 || scale <= 0
                ? null : Math.round(duration * scale / 1_000_000.0);
        List<Track> list = new ArrayList<>();
        if (tracks != null) {
            for (Element entry : children(tracks.data())) {
                if (entry.id() == TRACK_ENTRY) {
                    list.add(track(entry));
                }
            }
        }
        return new Summary(docType, durationMillis, date, title, List.copyOf(list));
    }

    private static Track track(Element entry) throws MalformedException {
        int type = 0;
        String codec = null;
        Integer width = null;
        Integer height = null;
        Long frame = null;
        Double frequency = null;
        Integer channels = null;
        for (Element e : children(entry.data())) {
            switch (e.id()) {
                case TRACK_TYPE -> type = (int) e.unsigned();
                case CODEC_ID -> codec = e.text();
                case DEFAULT_DURATION -> frame = e.unsigned();
                case VIDEO -> {
                    for (Element v : children(e.data())) {
                        if (v.id() == PIXEL_WIDTH) {
                            width = positive(v.unsigned());
                        } else if (v.id() == PIXEL_HEIGHT) {
                            height = positive(v.unsigned());
                        }
                    }
                }
                case AUDIO -> {
                    for (Element a : children(e.data())) {
                        if (a.id() == SAMPLING_FREQUENCY) {
                            frequency = a.floating();
                        } else if (a.id() == CHANNELS) {
                            channels = positive(a.unsigned());
                        }
                    }
                }
                default -> { }
            }
        }
        return new Track(type, codec, width, height, frame, frequency, channels);
    }

    private static Integer positive(long value) {
        return value > 0 && value <= Integer.MAX_VALUE ? (int) value : null;
    }

    private static List<Long> seekTargets(ByteBuffer seekHead, long segmentStart) throws MalformedException {
        List<Long> targets = new ArrayList<>();
        for (Element seek : children(seekHead)) {
            if (seek.id() != SEEK) {
                continue;
            }
            long id = 0;
            long position = -1;
            for (Element e : children(seek.data())) {
                if (e.id() == SEEK_ID) {
                    id = e.unsigned();
                } else if (e.id() == SEEK_POSITION) {
                    position = e.unsigned();
                }
            }
            if ((id == INFO || id == TRACKS) && position >= 0) {
                targets.add(segmentStart + position);
            }
        }
        return targets;
    }

    /** A child element held in memory: its id and data. */
    private record Element(int id, ByteBuffer data) {
        long unsigned() throws MalformedException {
            if (data.remaining() > 8) {
                throw new MalformedException("integer element longer than 8 bytes");
            }
            long value = 0;
            for (int i = data.position(); i < data.limit(); i++) {
                value = value << 8 | (data.get(i) & 0xFF);
            }
            return value;
        }

        long signed() throws MalformedException {
            int n = data.remaining();
            long value = unsigned();
            return n == 0 || n == 8 ? value : value << (64 - 8 * n) >> (64 - 8 * n);
        }

        Double floating() {
            return switch (data.remaining()) {
                case 4 -> (double) data.getFloat(data.position());
                case 8 -> data.getDouble(data.position());
                default -> null;
            };
        }

        String text() {
            byte[] b = new byte[data.remaining()];
            data.duplicate().get(b);
            int end = 0;
            while (end < b.length && b[end] != 0) {
                end++;
            }
            return new String(b, 0, end, StandardCharsets.UTF_8);
        }
    }

    /** The elements directly inside {@code data}; an element running past its parent is an error. */
    private static List<Element> children(ByteBuffer data) throws MalformedException {
        List<Element> list = new ArrayList<>();
        int at = data.position();
        int end = data.limit();
        while (at < end) {
            long[] id = vint(data, at, end, 4, true);
            if (id == null) {
                throw new MalformedException("bad element id");
            }
            long[] size = vint(data, at + (int) id[1], end, 8, false);
            if (size == null) {
                throw new MalformedException("bad element size");
            }
            int start = at + (int) id[1] + (int) size[1];
            if (size[0] < 0 || size[0] > end - start) {
                throw new MalformedException("element runs past its parent");
            }
            list.add(new Element((int) id[0], data.duplicate().position(start).limit(start + (int) size[0]).slice()));
            at = start + (int) size[0];
        }
        return list;
    }

    /**
     * Reads a variable-length integer at {@code at}: {value, length}. Ids keep their length marker;
     * sizes drop it, and a size of all ones (unknown) is -1. Null when no valid integer starts there.
     */
    private static long[] vint(ByteBuffer b, int at, int end, int maxLength, boolean keepMarker) {
        if (at >= end) {
            return null;
        }
        int first = b.get(at) & 0xFF;
        int length = Integer.numberOfLeadingZeros(first) - 23;
        if (first == 0 || length > maxLength || at + length > end) {
            return null;
        }
        long value = keepMarker ? first : first & (0xFF >> length);
        boolean allOnes = value == (0xFF >> length);
        for (int i = 1; i < length; i++) {
            int octet = b.get(at + i) & 0xFF;
            allOnes &= octet == 0xFF;
            value = value << 8 | octet;
        }
        return new long[] {!keepMarker && allOnes ? -1 : value, length};
    }

    /** The header of the element at {@code at}, reading at most 12 bytes; null past {@code limit}. */
    private Header header(long at, long limit) throws IOException {
        if (at >= limit || elements++ >= MAX_ELEMENTS) {
            return null;
        }
        int n = (int) Math.min(12, limit - at);
        ByteBuffer b = read(at, n);
        long[] id = vint(b, 0, n, 4, true);
        if (id == null) {
            throw new MalformedException("bad element id");
        }
        long[] size = vint(b, (int) id[1], n, 8, false);
        if (size == null) {
            throw new MalformedException("bad element size");
        }
        return new Header((int) id[0], at + id[1] + size[1], size[0]);
    }

    /** The data of a header's element, which must be of known size, within the file and not too big. */
    private ByteBuffer bytes(Header h) throws IOException {
        if (h.size() < 0 || h.size() > MAX_ELEMENT) {
            throw new MalformedException("metadata element of unknown or excessive size");
        }
        if (h.dataStart() + h.size() > length) {
            throw new EOFException("file is truncated");
        }
        return read(h.dataStart(), (int) h.size());
    }

    private ByteBuffer read(long position, int size) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(size);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new EOFException("file is truncated");
            }
        }
        return buffer.flip();
    }
}
