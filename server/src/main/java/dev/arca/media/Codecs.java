package dev.arca.media;

import java.util.Locale;
import java.util.Map;

/**
 * Short codec names, as ffprobe spells them, for the codec codes of the containers: MP4/QuickTime
 * sample entry formats, AVI FourCCs and WAVE format tags, Matroska codec ids. An unknown code is
 * kept, in lower case, rather than dropped.
 */
final class Codecs {

    private static final Map<String, String> VIDEO = Map.ofEntries(
            Map.entry("avc1", "h264"), Map.entry("avc3", "h264"), Map.entry("h264", "h264"), Map.entry("x264", "h264"),
            Map.entry("hvc1", "hevc"), Map.entry("hev1", "hevc"), Map.entry("hevc", "hevc"), Map.entry("h265", "hevc"),
            Map.entry("av01", "av1"), Map.entry("vp08", "vp8"), Map.entry("vp09", "vp9"), Map.entry("mp4v", "mpeg4"),
            Map.entry("fmp4", "mpeg4"), Map.entry("xvid", "mpeg4"), Map.entry("divx", "mpeg4"), Map.entry("dx50", "mpeg4"),
            Map.entry("jpeg", "mjpeg"), Map.entry("mjpg", "mjpeg"), Map.entry("mjpa", "mjpeg"), Map.entry("mjpb", "mjpeg"),
            Map.entry("apcn", "prores"), Map.entry("apch", "prores"), Map.entry("apcs", "prores"),
            Map.entry("apco", "prores"), Map.entry("ap4h", "prores"), Map.entry("ap4x", "prores"),
            Map.entry("s263", "h263"), Map.entry("h263", "h263"), Map.entry("dvh1", "hevc"), Map.entry("dvhe", "hevc"),
            Map.entry("v_mpeg4/iso/avc", "h264"), Map.entry("v_mpegh/iso/hevc", "hevc"), Map.entry("v_vp8", "vp8"),
            Map.entry("v_vp9", "vp9"), Map.entry("v_av1", "av1"), Map.entry("v_mpeg4/iso/sp", "mpeg4"),
            Map.entry("v_mpeg4/iso/asp", "mpeg4"), Map.entry("v_mpeg4/iso/ap", "mpeg4"), Map.entry("v_mjpeg", "mjpeg"),
            Map.entry("v_theora", "theora"), Map.entry("v_mpeg2", "mpeg2video"), Map.entry("v_prores", "prores"));

    private static final Map<String, String> AUDIO = Map.ofEntries(
            Map.entry("mp4a", "aac"), Map.entry(".mp3", "mp3"), Map.entry("mp3", "mp3"), Map.entry("opus", "opus"),
            Map.entry("flac", "flac"), Map.entry("ac-3", "ac3"), Map.entry("ec-3", "eac3"), Map.entry("alac", "alac"),
            Map.entry("lpcm", "pcm"), Map.entry("sowt", "pcm"), Map.entry("twos", "pcm"), Map.entry("in24", "pcm"),
            Map.entry("in32", "pcm"), Map.entry("fl32", "pcm"), Map.entry("fl64", "pcm"), Map.entry("samr", "amr_nb"),
            Map.entry("sawb", "amr_wb"), Map.entry("a_aac", "aac"), Map.entry("a_mpeg/l3", "mp3"),
            Map.entry("a_mpeg/l2", "mp2"), Map.entry("a_opus", "opus"), Map.entry("a_vorbis", "vorbis"),
            Map.entry("a_flac", "flac"), Map.entry("a_ac3", "ac3"), Map.entry("a_eac3", "eac3"), Map.entry("a_dts", "dts"),
            Map.entry("a_pcm/int/lit", "pcm"), Map.entry("a_pcm/int/big", "pcm"), Map.entry("a_pcm/float/ieee", "pcm"),
            Map.entry("a_alac", "alac"), Map.entry("a_truehd", "truehd"));

    private static final Map<Integer, String> WAVE_FORMATS = Map.of(0x0001, "pcm", 0x0003, "pcm", 0x0002, "adpcm_ms",
            0x0011, "adpcm_ima_wav", 0x0050, "mp2", 0x0055, "mp3", 0x00FF, "aac", 0x1610, "aac", 0x2000, "ac3",
            0x2001, "dts");

    private Codecs() {}

    static String video(String code) {
        return name(VIDEO, code);
    }

    static String audio(String code) {
        return name(AUDIO, code);
    }

    static String waveFormat(Integer tag) {
        return tag == null ? null : WAVE_FORMATS.getOrDefault(tag, String.format("0x%04x", tag));
    }

    private static String name(Map<String, String> names, String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        String key = code.strip().toLowerCase(Locale.ROOT);
        String known = names.get(key);
        if (known == null && key.startsWith("a_aac")) {
            return "aac";
        }
        return known != null ? known : key;
    }
}
