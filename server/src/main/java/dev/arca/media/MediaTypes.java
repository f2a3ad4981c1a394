package dev.arca.media;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Detects the content type of a file from its first bytes, and from its file name's extension only
 * where the bytes leave a choice (TIFF-based RAW formats, generic MP4 brands) or say nothing known.
 *
 * <p>The bytes win over the name: a JPEG named {@code clip.mp4} is a JPEG. The name is only ever read
 * for the letters and digits after its last dot, so path separators, control characters, double
 * extensions or absurd lengths in it change nothing but that lookup.
 */
public final class MediaTypes {

    /** How many leading bytes {@link #detect} wants to see; fewer work, with less certainty. */
    public static final int HEAD_LENGTH = 4096;

    public static final String OCTET_STREAM = "application/octet-stream";
    public static final String JPEG = "image/jpeg";
    public static final String PNG = "image/png";
    public static final String GIF = "image/gif";
    public static final String WEBP = "image/webp";
    public static final String TIFF = "image/tiff";
    public static final String HEIC = "image/heic";
    public static final String HEIF = "image/heif";
    public static final String AVIF = "image/avif";
    public static final String CR2 = "image/x-canon-cr2";
    public static final String CR3 = "image/x-canon-cr3";
    public static final String NEF = "image/x-nikon-nef";
    public static final String ARW = "image/x-sony-arw";
    public static final String DNG = "image/x-adobe-dng";
    public static final String ORF = "image/x-olympus-orf";
    public static final String RW2 = "image/x-panasonic-rw2";
    public static final String MP4 = "video/mp4";
    public static final String QUICKTIME = "video/quicktime";
    public static final String M4V = "video/x-m4v";
    public static final String MATROSKA = "video/x-matroska";
    public static final String WEBM = "video/webm";
    public static final String AVI = "video/x-msvideo";
    public static final String OGG_VIDEO = "video/ogg";
    public static final String MP3 = "audio/mpeg";
    public static final String FLAC = "audio/flac";
    /** Ogg audio: Vorbis, Opus or FLAC in Ogg. */
    public static final String OGG = "audio/ogg";
    public static final String M4A = "audio/mp4";
    public static final String WAV = "audio/wav";

    private static final Map<String, MediaKind> KINDS = Map.ofEntries(
            Map.entry(JPEG, MediaKind.IMAGE), Map.entry(PNG, MediaKind.IMAGE), Map.entry(GIF, MediaKind.IMAGE),
            Map.entry(WEBP, MediaKind.IMAGE), Map.entry(TIFF, MediaKind.IMAGE), Map.entry(HEIC, MediaKind.IMAGE),
            Map.entry(HEIF, MediaKind.IMAGE), Map.entry(AVIF, MediaKind.IMAGE), Map.entry(CR2, MediaKind.IMAGE),
            Map.entry(CR3, MediaKind.IMAGE), Map.entry(NEF, MediaKind.IMAGE), Map.entry(ARW, MediaKind.IMAGE),
            Map.entry(DNG, MediaKind.IMAGE), Map.entry(ORF, MediaKind.IMAGE), Map.entry(RW2, MediaKind.IMAGE),
            Map.entry(MP4, MediaKind.VIDEO), Map.entry(QUICKTIME, MediaKind.VIDEO), Map.entry(M4V, MediaKind.VIDEO),
            Map.entry(MATROSKA, MediaKind.VIDEO), Map.entry(WEBM, MediaKind.VIDEO), Map.entry(AVI, MediaKind.VIDEO),
            Map.entry(OGG_VIDEO, MediaKind.VIDEO), Map.entry(MP3, MediaKind.AUDIO), Map.entry(FLAC, MediaKind.AUDIO),
            Map.entry(OGG, MediaKind.AUDIO), Map.entry(M4A, MediaKind.AUDIO), Map.entry(WAV, MediaKind.AUDIO));

    private static final Map<String, String> EXTENSIONS = Map.ofEntries(
            Map.entry("jpg", JPEG), Map.entry("jpeg", JPEG), Map.entry("jpe", JPEG), Map.entry("png", PNG),
            Map.entry("gif", GIF), Map.entry("webp", WEBP), Map.entry("tif", TIFF), Map.entry("tiff", TIFF),
            Map.entry("heic", HEIC), Map.entry("heif", HEIF), Map.entry("hif", HEIF), Map.entry("avif", AVIF),
            Map.entry("cr2", CR2), Map.entry("cr3", CR3), Map.entry("nef", NEF), Map.entry("arw", ARW),
            Map.entry("dng", DNG), Map.entry("orf", ORF), Map.entry("rw2", RW2), Map.entry("mp4", MP4),
            Map.entry("mov", QUICKTIME), Map.entry("qt", QUICKTIME), Map.entry("m4v", M4V),
            Map.entry("mkv", MATROSKA), Map.entry("webm", WEBM), Map.entry("avi", AVI), Map.entry("ogv", OGG_VIDEO),
            Map.entry("mp3", MP3), Map.entry("flac", FLAC), Map.entry("ogg", OGG), Map.entry("oga", OGG),
            Map.entry("opus", OGG), Map.entry("m4a", M4A), Map.entry("wav", WAV));

    /** TIFF-structured RAW formats that only the extension tells apart from a plain TIFF. */
    private static final Set<String> TIFF_BASED = Set.of(CR2, NEF, ARW, DNG, ORF, RW2);

    private static final Set<String> HEIC_BRANDS = Set.of("heic", "heix", "heim", "heis", "hevc", "hevx");

    private MediaTypes() {}

    /**
     * Detects a file's type.
     *
     * @param head the file's first bytes, ideally {@link #HEAD_LENGTH} of them; may be shorter or empty
     * @param filename the name the file came with, or null; only its extension is read
     * @return the type; {@code application/octet-stream} of kind OTHER when neither bytes nor name tell
     */
    public static DetectedType detect(byte[] head, String filename) {
        byte[] bytes = head == null ? new byte[0] : head;
        String byExtension = EXTENSIONS.get(extension(filename));
        String type = byMagic(bytes, byExtension);
        return of(type != null ? type : byExtension != null ? byExtension : OCTET_STREAM);
    }

    /** The detected type for a content type that is already known, e.g. stored with the file. */
    public static DetectedType of(String contentType) {
        String normal = contentType == null ? OCTET_STREAM : contentType.trim().toLowerCase(Locale.ROOT);
        MediaKind kind = KINDS.get(normal);
        return kind == null ? new DetectedType(OCTET_STREAM, MediaKind.OTHER) : new DetectedType(normal, kind);
    }

    /** The letters and digits after the last dot of the last path segment, lower case; "" if none. */
    static String extension(String filename) {
        if (filename == null) {
            return "";
        }
        int slash = Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\'));
        int dot = filename.lastIndexOf('.');
        if (dot <= slash || filename.length() - dot - 1 > 8) {
            return "";
        }
        String ext = filename.substring(dot + 1);
        for (int i = 0; i < ext.length(); i++) {
            char c = ext.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) {
                return "";
            }
        }
        return ext.toLowerCase(Locale.ROOT);
    }

    private static String byMagic(byte[] b, String byExtension) {
        if (starts(b, 0, 0xFF, 0xD8, 0xFF)) {
            return JPEG;
        }
        if (starts(b, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return PNG;
        }
        if (ascii(b, 0, "GIF87a") || ascii(b, 0, "GIF89a")) {
            return GIF;
        }
        if (ascii(b, 0, "RIFF") && b.length >= 12) {
            return ascii(b, 8, "WEBP") ? WEBP : ascii(b, 8, "WAVE") ? WAV : ascii(b, 8, "AVI ") ? AVI : null;
        }
        if (ascii(b, 0, "II*\0") || ascii(b, 0, "MM\0*")) {
            return tiff(b, byExtension);
        }
        if (ascii(b, 0, "IIRO") || ascii(b, 0, "IIRS") || ascii(b, 0, "MMOR")) {
            return ORF;
        }
        if (ascii(b, 0, "IIU\0")) {
            return RW2;
        }
        if (ascii(b, 4, "ftyp")) {
            return isoBaseMedia(b, byExtension);
        }
        if (ascii(b, 4, "moov") || ascii(b, 4, "mdat") || ascii(b, 4, "wide") || ascii(b, 4, "pnot")) {
            return QUICKTIME;
        }
        if (starts(b, 0, 0x1A, 0x45, 0xDF, 0xA3)) {
            return indexOf(b, "webm", 64) >= 0 ? WEBM : MATROSKA;
        }
        if (ascii(b, 0, "fLaC")) {
            return FLAC;
        }
        if (ascii(b, 0, "OggS")) {
            return indexOf(b, "theora", 64) >= 0 ? OGG_VIDEO : OGG;
        }
        if (ascii(b, 0, "ID3") || mpegAudioFrame(b)) {
            return MP3;
        }
        return null;
    }

    /** A TIFF header: CR2 and DNG tell themselves apart; NEF, ARW and others only by extension. */
    private static String tiff(byte[] b, String byExtension) {
        if (ascii(b, 0, "II*\0") && ascii(b, 8, "CR") && b.length > 10 && b[10] == 2) {
            return CR2;
        }
        if (hasDngVersion(b)) {
            return DNG;
        }
        return byExtension != null && TIFF_BASED.contains(byExtension) ? byExtension : TIFF;
    }

    /** Whether IFD0, if it lies within the head, carries the DNGVersion tag (0xC612) that every DNG has. */
    private static boolean hasDngVersion(byte[] b) {
        boolean little = b[0] == 'I';
        long ifd = unsigned(b, 4, 4, little);
        if (ifd < 8 || ifd + 2 > b.length) {
            return false;
        }
        int count = (int) unsigned(b, (int) ifd, 2, little);
        for (int i = 0; i < count; i++) {
            int entry = (int) ifd + 2 + i * 12;
            if (entry + 2 > b.length) {
                return false;
            }
            if (unsigned(b, entry, 2, little) == 0xC612) {
                return true;
            }
        }
        return false;
    }

    /** ISO base media files (MP4, MOV, HEIF, AVIF, CR3, M4A) are told apart by their brands. */
    private static String isoBaseMedia(byte[] b, String byExtension) {
        if (b.length < 12) {
            return byExtension;
        }
        String major = new String(b, 8, 4, StandardCharsets.ISO_8859_1);
        Set<String> brands = new HashSet<>();
        brands.add(major);
        long boxSize = Math.min(unsigned(b, 0, 4, false), b.length);
        for (int at = 16; at + 4 <= boxSize; at += 4) {
            brands.add(new String(b, at, 4, StandardCharsets.ISO_8859_1));
        }
        if (major.equals("crx ")) {
            return CR3;
        }
        if (HEIC_BRANDS.contains(major)) {
            return HEIC;
        }
        if (major.equals("avif") || major.equals("avis")) {
            return AVIF;
        }
        if (major.equals("mif1") || major.equals("msf1")) {
            return brands.stream().anyMatch(HEIC_BRANDS::contains) ? HEIC : brands.contains("avif") ? AVIF : HEIF;
        }
        if (major.equals("qt  ")) {
            return QUICKTIME;
        }
        if (major.startsWith("M4V")) {
            return M4V;
        }
        if (major.equals("M4A ") || major.equals("M4B ") || major.equals("M4P ")) {
            return M4A;
        }
        // Generic brands (isom, mp41, mp42, avc1, 3gp, dash...) say "MPEG-4" and nothing more.
        return byExtension == null ? MP4 : switch (byExtension) {
            case M4A, QUICKTIME, M4V -> byExtension;
            default -> MP4;
        };
    }

    /** An MPEG-1/2/2.5 Layer III frame header: sync, a valid version, bit rate and sample rate. */
    private static boolean mpegAudioFrame(byte[] b) {
        if (b.length < 4 || (b[0] & 0xFF) != 0xFF || (b[1] & 0xE0) != 0xE0) {
            return false;
        }
        int version = (b[1] >> 3) & 3;
        int layer = (b[1] >> 1) & 3;
        int bitrate = (b[2] >> 4) & 0xF;
        int sampleRate = (b[2] >> 2) & 3;
        return version != 1 && layer == 1 && bitrate != 0xF && bitrate != 0 && sampleRate != 3;
    }

    private static boolean starts(byte[] b, int at, int... expected) {
        if (b.length < at + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((b[at + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(byte[] b, int at, String expected) {
        if (b.length < at + expected.length()) {
            return false;
        }
        for (int i = 0; i < expected.length(); i++) {
            if (b[at + i] != (byte) expected.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] b, String needle, int limit) {
        for (int at = 0; at <= Math.min(limit, b.length - needle.length()); at++) {
            if (ascii(b, at, needle)) {
                return at;
            }
        }
        return -1;
    }

    private static long unsigned(byte[] b, int at, int length, boolean littleEndian) {
        if (at < 0 || at + length > b.length) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < length; i++) {
            int octet = b[littleEndian ? at + length - 1 - i : at + i] & 0xFF;
            value = value << 8 | octet;
        }
        return value;
    }
}
