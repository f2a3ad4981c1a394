package dev.arca.media;

import com.drew.imaging.FileType;
import com.drew.imaging.FileTypeDetector;
import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.lang.BufferBoundsException;
import com.drew.metadata.Metadata;
import com.drew.metadata.MetadataException;
import dev.arca.media.internal.Bounded;
import dev.arca.media.internal.IsoBmff;
import dev.arca.media.internal.JpegStructure;
import dev.arca.media.internal.Matroska;
import dev.arca.media.internal.OggOpus;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jaudiotagger.audio.exceptions.CannotReadException;
import org.jaudiotagger.audio.exceptions.InvalidAudioFrameException;
import org.jaudiotagger.tag.TagException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads the metadata of media files into normalised fields and a full tag dump.
 *
 * <p>Never throws for bad content: corrupt, truncated or hostile files come back FAILED with a short
 * reason. Each file is read on a separate thread within a time limit (a parser that hangs is
 * abandoned, see {@link Bounded}); memory stays bounded because the readers only read headers and
 * metadata blocks, tag dumps are capped, and a parser that still asks for too much fails the file
 * (its {@link OutOfMemoryError} is caught: such requests fail at allocation, before the heap fills).
 *
 * <p>Thread-safe.
 */
@Component
public class MetadataExtractor {

    /** How long one file may take by default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
    /**
     * By default an image whose header declares more pixels than this (a gigapixel) is taken as
     * hostile: no camera makes such images, and decoders asked to open them would exhaust memory.
     */
    public static final long DEFAULT_MAX_DECLARED_PIXELS = 1_000_000_000L;

    private static final Logger log = LoggerFactory.getLogger(MetadataExtractor.class);

    private static final Set<FileType> ISO_BASE_MEDIA = Set.of(FileType.QuickTime, FileType.Mp4);

    private final Duration timeout;
    private final long maxDeclaredPixels;

    /** An extractor with the default limits. */
    public MetadataExtractor() {
        this(DEFAULT_TIMEOUT, DEFAULT_MAX_DECLARED_PIXELS);
    }

    /**
     * @param timeout how long reading one file may take before it is abandoned as FAILED
     * @param maxDeclaredPixels images declaring more pixels than this are FAILED as hostile
     */
    public MetadataExtractor(Duration timeout, long maxDeclaredPixels) {
        if (timeout.isNegative() || timeout.isZero() || maxDeclaredPixels <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.timeout = timeout;
        this.maxDeclaredPixels = maxDeclaredPixels;
    }

    /**
     * Reads a file's metadata.
     *
     * @param file the file; only read
     * @param type what {@link MediaTypes#detect} said the file is
     * @return OK with metadata and tag dump; FAILED with a reason for bad content or an unreadable file;
     *     UNSUPPORTED with a reason for types Arca does not read
     */
    public Extraction extract(Path file, DetectedType type) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(type, "type");
        Extraction result = extractBounded(file, type);
        if (result.status() != Extraction.Status.OK) {
            log.debug("Metadata of a {} file: {} ({})", type.contentType(), result.status(), result.error());
        }
        return result;
    }

    /**
     * What {@link #extract} answers for a type it does not read at all, without reading a byte;
     * empty for a type it reads. Callers skip making a file for these.
     */
    public java.util.Optional<Extraction> unread(DetectedType type) {
        if (type.kind() == MediaKind.OTHER) {
            return java.util.Optional.of(Extraction.unsupported("no metadata reader for this content type"));
        }
        if (type.contentType().equals(MediaTypes.CR3)) {
            return java.util.Optional.of(Extraction.unsupported("Canon CR3 metadata is not read"));
        }
        if (type.contentType().equals(MediaTypes.OGG_VIDEO)) {
            return java.util.Optional.of(Extraction.unsupported("Ogg video metadata is not read"));
        }
        return java.util.Optional.empty();
    }

    private Extraction extractBounded(Path file, DetectedType type) {
        java.util.Optional<Extraction> unread = unread(type);
        if (unread.isPresent()) {
            return unread.get();
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            return Extraction.failed("file cannot be read");
        }
        if (size == 0) {
            return Extraction.failed("empty file");
        }
        return switch (Bounded.run(() -> read(file, type, size), timeout)) {
            case Bounded.Outcome.Done<Extraction> done -> done.value();
            case Bounded.Outcome.TimedOut<Extraction> ignored -> {
                log.warn("Metadata of a {} file: reading exceeded {} ms and was abandoned", type.contentType(),
                        timeout.toMillis());
                yield Extraction.failed("reading took longer than " + timeout.toMillis() + " ms");
            }
            case Bounded.Outcome.Threw<Extraction> threw -> Extraction.failed(reason(threw.cause(), type));
        };
    }

    private Extraction read(Path file, DetectedType type, long size) throws Exception {
        MetadataBuilder out = new MetadataBuilder();
        RawDump raw = new RawDump();
        switch (type.kind()) {
            case IMAGE -> {
                FileType format = format(file);
                if (format == FileType.Unknown) {
                    return Extraction.failed("content is not a valid " + type.contentType() + " file");
                }
                if (format == FileType.Jpeg && !JpegStructure.complete(file)) {
                    return Extraction.failed("JPEG is truncated or damaged: its image data does not end");
                }
                if (format == FileType.Heif && !IsoBmff.wellFormed(file)) {
                    return Extraction.failed("content is not a valid " + type.contentType() + " file");
                }
                ImageFields.read(ImageMetadataReader.readMetadata(file.toFile()), out, raw);
                if (out.width() != null && (long) out.width() * out.height() > maxDeclaredPixels) {
                    return Extraction.failed("declared image dimensions exceed the limit");
                }
            }
            case VIDEO -> {
                switch (type.contentType()) {
                    case MediaTypes.MATROSKA, MediaTypes.WEBM -> VideoFields.matroska(file, out, raw);
                    case MediaTypes.AVI -> {
                        if (format(file) != FileType.Avi) {
                            return Extraction.failed("content is not a valid " + type.contentType() + " file");
                        }
                        VideoFields.avi(file, ImageMetadataReader.readMetadata(file.toFile()), out, raw);
                    }
                    default -> {
                        if (!ISO_BASE_MEDIA.contains(format(file)) || !IsoBmff.wellFormed(file)) {
                            return Extraction.failed("content is not a valid " + type.contentType() + " file");
                        }
                        Metadata metadata = ImageMetadataReader.readMetadata(file.toFile());
                        VideoFields.isoBaseMedia(file, metadata, out, raw);
                    }
                }
                out.bitrateFromSize(size);
            }
            case AUDIO -> {
                if (!bytesAgree(file, type)) {
                    return Extraction.failed("content is not a valid " + type.contentType() + " file");
                }
                AudioFields.read(file, type.contentType(), out, raw);
                out.bitrateFromSize(size);
            }
            case OTHER -> throw new IllegalStateException("OTHER is answered before reading");
        }
        return Extraction.ok(out.build(), raw.build());
    }

    /**
     * Whether the file's first bytes say what its type says: audio readers scan for frame syncs and
     * would take noise for sound. An M4A may carry a generic MP4 brand.
     */
    private static boolean bytesAgree(Path file, DetectedType type) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(MediaTypes.HEAD_LENGTH);
        }
        String byBytes = MediaTypes.detect(head, null).contentType();
        return byBytes.equals(type.contentType()) || type.contentType().equals(MediaTypes.M4A) && byBytes.equals(MediaTypes.MP4);
    }

    private static FileType format(Path file) throws IOException {
        try (BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return FileTypeDetector.detectFileType(in);
        }
    }

    /** A short reason for what went wrong, from the exception's type only: messages may name files. */
    private static String reason(Throwable cause, DetectedType type) {
        return switch (cause) {
            case OutOfMemoryError e -> "reading needs more memory than allowed";
            case StackOverflowError e -> "structure nested too deeply to read";
            case EOFException e -> "file is truncated";
            case BufferBoundsException e -> "file is truncated";
            case Matroska.MalformedException e -> e.getMessage();
            case OggOpus.MalformedException e -> e.getMessage();
            case ImageProcessingException e -> "content is not a valid " + type.contentType() + " file";
            case MetadataException e -> "content is not a valid " + type.contentType() + " file";
            case CannotReadException e -> "content is not a valid " + type.contentType() + " file";
            case InvalidAudioFrameException e -> "no audio frames found";
            case TagException e -> "audio tags are damaged";
            case IOException e -> "file cannot be read";
            default -> "content is malformed: the " + type.contentType() + " reader failed";
        };
    }

    /**
     * The embedded cover art of an audio file (MP3, FLAC, Ogg Vorbis or Opus, M4A or MP4), as stored,
     * usually JPEG or PNG. Empty when there is none, or the file cannot be read within the time limit.
     */
    public Optional<byte[]> coverArt(Path file) {
        Objects.requireNonNull(file, "file");
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(MediaTypes.HEAD_LENGTH);
        } catch (IOException e) {
            return Optional.empty();
        }
        DetectedType type = MediaTypes.detect(head, null);
        String contentType = type.contentType().equals(MediaTypes.MP4) ? MediaTypes.M4A : type.contentType();
        if (type.kind() != MediaKind.AUDIO && !contentType.equals(MediaTypes.M4A)) {
            return Optional.empty();
        }
        return switch (Bounded.run(() -> AudioFields.cover(file, contentType), timeout)) {
            case Bounded.Outcome.Done<Optional<byte[]>> done -> done.value();
            case Bounded.Outcome.TimedOut<Optional<byte[]>> ignored -> Optional.empty();
            case Bounded.Outcome.Threw<Optional<byte[]>> threw -> {
                log.debug("Cover art of a {} file: unreadable ({})", contentType, threw.cause().getClass().getSimpleName());
                yield Optional.empty();
            }
        };
    }
}
