package dev.arca.media;

import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.avi.AviDirectory;
import com.drew.metadata.mov.QuickTimeDirectory;
import com.drew.metadata.mov.media.QuickTimeSoundDirectory;
import com.drew.metadata.mov.media.QuickTimeVideoDirectory;
import com.drew.metadata.mp4.Mp4Directory;
import com.drew.metadata.mp4.media.Mp4SoundDirectory;
import com.drew.metadata.mp4.media.Mp4VideoDirectory;
import dev.arca.media.internal.AviHeader;
import dev.arca.media.internal.IsoBmff;
import dev.arca.media.internal.Iso6709;
import dev.arca.media.internal.Matroska;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;

/** Normalises video metadata: MP4, MOV and M4V, AVI, and Matroska/WebM. */
final class VideoFields {

    /** QuickTime counts from 1904; writers that do not know the date write zero, i.e. 1904 itself. */
    private static final Instant NO_DATE_BEFORE = Instant.parse("1904-01-02T00:00:00Z");

    private VideoFields() {}

    /**
     * MP4, MOV, M4V (and M4A's container facts): durations, sizes, rates from metadata-extractor;
     * location, creation date, device and codecs from {@link IsoBmff}.
     */
    static void isoBaseMedia(Path file, Metadata metadata, MetadataBuilder out, RawDump raw) throws Exception {
        IsoBmff.Movie movie = IsoBmff.read(file);
        Map<String, String> keys = movie.keys();
        Map<String, String> user = movie.userData();

        Dates.Local created = Dates.dateTime(keys.get("com.apple.quicktime.creationdate"));
        if (created != null && created.offset() != null) {
            out.captured(created.time(), created.offset());
        }
        Dates.Local day = Dates.dateTime(user.get("\u00A9day"));
        if (day != null && day.offset() != null) {
            out.captured(day.time(), day.offset());
        }
        for (Directory d : metadata.getDirectories()) {
            if (d instanceof Mp4Directory || d instanceof QuickTimeDirectory) {
                int tag = d instanceof Mp4Directory ? Mp4Directory.TAG_CREATION_TIME : QuickTimeDirectory.TAG_CREATION_TIME;
                Date date = d.getDate(tag);
                if (date != null && date.toInstant().isAfter(NO_DATE_BEFORE)) {
                    out.capturedInstant(date.toInstant(), null);
                }
                Long duration = d.getLongObject(Mp4Directory.TAG_DURATION);
                Long scale = d.getLongObject(Mp4Directory.TAG_TIME_SCALE);
                if (duration != null && scale != null && scale > 0) {
                    out.durationMillis(duration * 1000 / scale);
                }
            }
        }
        Optional<Iso6709.Location> location = Iso6709.parse(keys.get("com.apple.quicktime.location.ISO6709"))
                .or(() -> Iso6709.parse(user.get("\u00A9xyz")));
        location.ifPresent(l -> out.location(l.latitude(), l.longitude()).altitude(l.altitude()));
        Mp4Directory mp4 = metadata.getFirstDirectoryOfType(Mp4Directory.class);
        if (mp4 != null) {
            out.location(mp4.getDoubleObject(Mp4Directory.TAG_LATITUDE), mp4.getDoubleObject(Mp4Directory.TAG_LONGITUDE));
        }

        out.make(keys.get("com.apple.quicktime.make")).make(user.get("\u00A9mak"))
                .model(keys.get("com.apple.quicktime.model")).model(user.get("\u00A9mod"))
                .title(keys.get("com.apple.quicktime.title")).title(user.get("\u00A9nam"))
                .description(keys.get("com.apple.quicktime.description")).description(user.get("\u00A9des"));
        if (mp4 != null) {
            out.title(mp4.getString(Mp4Directory.TAG_TITLE));
        }

        for (IsoBmff.Track track : movie.tracks()) {
            if ("vide".equals(track.handler())) {
                out.videoCodec(Codecs.video(track.format())).orientation(switch (track.rotation()) {
                    case 90 -> 6;
                    case 180 -> 3;
                    case 270 -> 8;
                    default -> 1;
                });
            } else if ("soun".equals(track.handler())) {
                out.audioCodec(Codecs.audio(track.format()));
            }
        }
        for (Mp4VideoDirectory v : metadata.getDirectoriesOfType(Mp4VideoDirectory.class)) {
            out.dimensions(v.getInteger(Mp4VideoDirectory.TAG_WIDTH), v.getInteger(Mp4VideoDirectory.TAG_HEIGHT))
                    .frameRate(v.getDoubleObject(Mp4VideoDirectory.TAG_FRAME_RATE));
        }
        for (QuickTimeVideoDirectory v : metadata.getDirectoriesOfType(QuickTimeVideoDirectory.class)) {
            out.dimensions(v.getInteger(QuickTimeVideoDirectory.TAG_WIDTH), v.getInteger(QuickTimeVideoDirectory.TAG_HEIGHT))
                    .frameRate(v.getDoubleObject(QuickTimeVideoDirectory.TAG_FRAME_RATE));
        }
        for (Mp4SoundDirectory s : metadata.getDirectoriesOfType(Mp4SoundDirectory.class)) {
            out.sampleRate(integer(s.getDoubleObject(Mp4SoundDirectory.TAG_AUDIO_SAMPLE_RATE)))
                    .channels(s.getInteger(Mp4SoundDirectory.TAG_NUMBER_OF_CHANNELS));
        }
        for (QuickTimeSoundDirectory s : metadata.getDirectoriesOfType(QuickTimeSoundDirectory.class)) {
            out.sampleRate(integer(s.getDoubleObject(QuickTimeSoundDirectory.TAG_AUDIO_SAMPLE_RATE)))
                    .channels(s.getInteger(QuickTimeSoundDirectory.TAG_NUMBER_OF_CHANNELS));
        }

        ImageFields.dump(metadata, raw);
        RawDump.Directory keyDump = raw.directory("QuickTime Keys");
        keys.forEach(keyDump::put);
        RawDump.Directory userDump = raw.directory("QuickTime User Data");
        user.forEach(userDump::put);
        int n = 1;
        for (IsoBmff.Track track : movie.tracks()) {
            raw.directory("Track " + n++).put("Handler", track.handler()).put("Format", track.format())
                    .put("Rotation", track.rotation());
        }
    }

    /** AVI: metadata-extractor for size, rate and video codec; the main header for exact duration and audio. */
    static void avi(Path file, Metadata metadata, MetadataBuilder out, RawDump raw) throws Exception {
        AviHeader.Facts facts = AviHeader.read(file);
        out.durationMillis(facts.durationMillis()).audioCodec(Codecs.waveFormat(facts.audioFormat()))
                .channels(facts.audioChannels()).sampleRate(facts.audioSampleRate());
        AviDirectory avi = metadata.getFirstDirectoryOfType(AviDirectory.class);
        if (avi != null) {
            out.dimensions(avi.getInteger(AviDirectory.TAG_WIDTH), avi.getInteger(AviDirectory.TAG_HEIGHT))
                    .frameRate(avi.getDoubleObject(AviDirectory.TAG_FRAMES_PER_SECOND))
                    .videoCodec(Codecs.video(avi.getString(AviDirectory.TAG_VIDEO_CODEC)));
            Dates.Local original = Dates.dateTime(avi.getString(AviDirectory.TAG_DATETIME_ORIGINAL));
            if (original != null) {
                out.captured(original.time(), original.offset());
            }
        }
        ImageFields.dump(metadata, raw);
        raw.directory("AVI Header").put("Duration (ms)", facts.durationMillis())
                .put("Audio format", facts.audioFormat() == null ? null : String.format("0x%04x", facts.audioFormat()))
                .put("Audio channels", facts.audioChannels()).put("Audio sample rate", facts.audioSampleRate());
    }

    /** Matroska and WebM through {@link Matroska}: no GPS, which these containers have no standard place for. */
    static void matroska(Path file, MetadataBuilder out, RawDump raw) throws Exception {
        Matroska.Summary mkv = Matroska.read(file);
        out.durationMillis(mkv.durationMillis()).capturedInstant(mkv.date(), null).title(mkv.title());
        RawDump.Directory info = raw.directory("Matroska");
        info.put("Doc Type", mkv.docType()).put("Duration (ms)", mkv.durationMillis()).put("Date", mkv.date())
                .put("Title", mkv.title());
        int n = 1;
        for (Matroska.Track track : mkv.tracks()) {
            if (track.type() == 1) {
                out.videoCodec(Codecs.video(track.codecId())).dimensions(track.width(), track.height());
                if (track.defaultDurationNanos() != null && track.defaultDurationNanos() > 0) {
                    out.frameRate(1e9 / track.defaultDurationNanos());
                }
            } else if (track.type() == 2) {
                out.audioCodec(Codecs.audio(track.codecId())).channels(track.channels())
                        .sampleRate(integer(track.samplingFrequency()));
            }
            raw.directory("Track " + n++).put("Type", track.type()).put("Codec ID", track.codecId())
                    .put("Width", track.width()).put("Height", track.height())
                    .put("Default Duration (ns)", track.defaultDurationNanos())
                    .put("Sampling Frequency", track.samplingFrequency()).put("Channels", track.channels());
        }
    }

    private static Integer integer(Double value) {
        return value == null || !Double.isFinite(value) ? null : (int) Math.round(value);
    }
}
