package dev.arca.media;

import dev.arca.media.internal.OggOpus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jaudiotagger.audio.AudioFile;
import org.jaudiotagger.audio.AudioFileIO;
import org.jaudiotagger.audio.exceptions.CannotReadException;
import org.jaudiotagger.audio.AudioHeader;
import org.jaudiotagger.tag.FieldKey;
import org.jaudiotagger.tag.Tag;
import org.jaudiotagger.tag.TagField;
import org.jaudiotagger.tag.TagTextField;
import org.jaudiotagger.tag.images.Artwork;

/**
 * Reads audio files: MP3, FLAC, Ogg Vorbis, M4A and WAV through jaudiotagger, Ogg Opus (which
 * jaudiotagger does not know) through {@link OggOpus}.
 */
final class AudioFields {

    /**
     * jaudiotagger reports every oddity of a file through java.util.logging, with file names in the
     * messages. Silenced here; this reference keeps the configured logger from being collected.
     */
    private static final Logger JAUDIOTAGGER_LOG = Logger.getLogger("org.jaudiotagger");

    static {
        JAUDIOTAGGER_LOG.setLevel(Level.OFF);
    }

    private static final Pattern LEADING_NUMBER = Pattern.compile("\\s*(\\d{1,9})");

    private AudioFields() {}

    /** Whether an Ogg file carries Opus rather than Vorbis: its first packet says so. */
    static boolean isOpus(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(64);
            return new String(head, StandardCharsets.ISO_8859_1).contains("OpusHead");
        }
    }

    static void read(Path file, String contentType, MetadataBuilder out, RawDump raw) throws Exception {
        if (contentType.equals(MediaTypes.OGG) && isOpus(file)) {
            opus(file, out, raw);
            return;
        }
        AudioFile audio = open(file, contentType);
        AudioHeader header = audio.getAudioHeader();
        out.durationMillis(Math.round(header.getPreciseTrackLength() * 1000))
                .bitrate(header.getBitRateAsNumber() * 1000)
                .sampleRate(header.getSampleRateAsNumber())
                .channels(channels(header.getChannels()))
                .audioCodec(codec(contentType, header.getEncodingType()));
        raw.directory("Audio").put("Encoding", header.getEncodingType()).put("Format", header.getFormat())
                .put("Bit rate (kbit/s)", header.getBitRate()).put("Sample rate", header.getSampleRate())
                .put("Channels", header.getChannels()).put("Bits per sample", header.getBitsPerSample())
                .put("Duration (s)", header.getPreciseTrackLength()).put("Lossless", header.isLossless())
                .put("Variable bit rate", header.isVariableBitRate());
        Tag tag = audio.getTag();
        if (tag == null) {
            out.hasCover(false);
            return;
        }
        out.title(field(tag, FieldKey.TITLE)).artist(field(tag, FieldKey.ARTIST)).album(field(tag, FieldKey.ALBUM))
                .genre(field(tag, FieldKey.GENRE)).track(leadingNumber(field(tag, FieldKey.TRACK)))
                .year(year(field(tag, FieldKey.YEAR)))
                .hasCover(quietly(() -> tag.getFirstArtwork() != null, false));
        RawDump.Directory tags = raw.directory("Tag " + tag.getClass().getSimpleName().replace("Tag", ""));
        Iterator<TagField> fields = quietly(tag::getFields, null);
        while (fields != null && fields.hasNext()) {
            TagField field = fields.next();
            if (field instanceof TagTextField text) {
                tags.put(field.getId(), text.getContent());
            } else if (field.isBinary()) {
                tags.put(field.getId(), "(binary)");
            } else {
                tags.put(field.getId(), field.toString());
            }
        }
    }

    /** The first embedded picture's bytes, as stored (usually JPEG or PNG). */
    static Optional<byte[]> cover(Path file, String contentType) throws Exception {
        if (contentType.equals(MediaTypes.OGG) && isOpus(file)) {
            List<String> pictures = OggOpus.read(file).comments().get("METADATA_BLOCK_PICTURE");
            return pictures == null ? Optional.empty() : OggOpus.picture(pictures.get(0));
        }
        Tag tag = open(file, contentType).getTag();
        Artwork artwork = tag == null ? null : quietly(tag::getFirstArtwork, null);
        return artwork == null || artwork.getBinaryData() == null ? Optional.empty()
                : Optional.of(artwork.getBinaryData());
    }

    private static void opus(Path file, MetadataBuilder out, RawDump raw) throws IOException {
        OggOpus.Stream opus = OggOpus.read(file);
        Map<String, List<String>> c = opus.comments();
        out.durationMillis(opus.durationMillis()).channels(opus.channels()).audioCodec("opus")
                .sampleRate((int) (opus.inputSampleRate() > 0 ? opus.inputSampleRate() : 48_000))
                .title(first(c, "TITLE")).artist(first(c, "ARTIST")).album(first(c, "ALBUM")).genre(first(c, "GENRE"))
                .track(leadingNumber(first(c, "TRACKNUMBER"))).year(year(first(c, "DATE")))
                .hasCover(c.containsKey("METADATA_BLOCK_PICTURE"));
        raw.directory("Opus").put("Channels", opus.channels()).put("Input sample rate", opus.inputSampleRate())
                .put("Duration (ms)", opus.durationMillis()).put("Vendor", opus.vendor());
        RawDump.Directory comments = raw.directory("Opus comments");
        c.forEach((key, values) -> values.forEach(value ->
                comments.put(key, key.equals("METADATA_BLOCK_PICTURE") ? "(binary)" : value)));
    }

    private static String first(Map<String, List<String>> comments, String key) {
        List<String> values = comments.get(key);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** jaudiotagger picks its reader by extension; the stored file's own name may have none. */
    /**
     * The file as jaudiotagger reads it. An MP4 is first checked box by box: jaudiotagger's MP4
     * reader never returns on some damaged movie boxes, and a thread cannot be stopped, so the
     * time limit alone would leave it spinning.
     */
    private static AudioFile open(Path file, String contentType) throws Exception {
        if (contentType.equals(MediaTypes.M4A) && !dev.arca.media.internal.IsoBmff.wellFormed(file)) {
            throw new CannotReadException("MP4 boxes overlap or overrun their parent");
        }
        return AudioFileIO.readAs(file.toFile(), extension(contentType));
    }

    private static String extension(String contentType) {
        return switch (contentType) {
            case MediaTypes.MP3 -> "mp3";
            case MediaTypes.FLAC -> "flac";
            case MediaTypes.OGG -> "ogg";
            case MediaTypes.M4A -> "m4a";
            case MediaTypes.WAV -> "wav";
            default -> throw new IllegalArgumentException("not an audio type jaudiotagger reads");
        };
    }

    private static String codec(String contentType, String encoding) {
        String e = encoding == null ? "" : encoding.toLowerCase(Locale.ROOT);
        return switch (contentType) {
            case MediaTypes.MP3 -> "mp3";
            case MediaTypes.FLAC -> "flac";
            case MediaTypes.OGG -> "vorbis";
            case MediaTypes.WAV -> e.contains("pcm") ? "pcm" : e.isBlank() ? null : e;
            default -> e.contains("alac") ? "alac" : e.contains("aac") ? "aac" : e.isBlank() ? null : e;
        };
    }

    /** jaudiotagger's channel text: a number, or an MPEG channel mode. */
    static Integer channels(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.matches("\\d{1,3}")) {
            return Integer.parseInt(t);
        }
        if (t.contains("mono") || t.contains("single")) {
            return 1;
        }
        return t.contains("stereo") || t.contains("dual") ? 2 : null;
    }

    /** "3", "3/12", " 03 of 12" read as 3. */
    static Integer leadingNumber(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = LEADING_NUMBER.matcher(text);
        return m.lookingAt() ? Integer.valueOf(m.group(1)) : null;
    }

    /** The year of "2021", "2021-03-04" or "2021-03-04T10:00:00Z". */
    static Integer year(String text) {
        return text != null && text.strip().matches("\\d{4}(?:\\D.*)?") ? Integer.valueOf(text.strip().substring(0, 4))
                : null;
    }

    /** A tag field's first value; null when this kind of tag has no such field. */
    private static String field(Tag tag, FieldKey key) {
        return quietly(() -> tag.getFirst(key), null);
    }

    /**
     * jaudiotagger throws unchecked exceptions for fields a tag format lacks and for damaged frames;
     * for one field that means "no value".
     */
    private static <T> T quietly(Supplier<T> read, T fallback) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            return fallback;
        }
    }
}
