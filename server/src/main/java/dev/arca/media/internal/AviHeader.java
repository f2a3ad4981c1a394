package dev.arca.media.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the AVI facts that metadata-extractor rounds or leaves out: the exact duration from the main
 * header (frames times frame duration; OpenDML's total frame count when present) and the first audio
 * stream's format. Only the file's first {@value #HEAD} bytes, where the header list lies, are read.
 */
public final class AviHeader {

    static final int HEAD = 64 * 1024;

    /**
     * @param durationMillis null when the header does not give frame count and frame duration
     * @param audioFormat the WAVE format tag of the first audio stream (1 PCM, 0x55 MP3...), or null
     */
    public record Facts(Long durationMillis, Integer audioFormat, Integer audioChannels, Integer audioSampleRate) {}

    private AviHeader() {}

    public static Facts read(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(HEAD);
        }
        ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        Long duration = null;
        int avih = find(b, "avih", 12);
        if (avih >= 0 && avih + 8 + 20 <= b.limit()) {
            long microsPerFrame = Integer.toUnsignedLong(b.getInt(avih + 8));
            long frames = Integer.toUnsignedLong(b.getInt(avih + 8 + 16));
            int dmlh = find(b, "dmlh", avih);
            if (dmlh >= 0 && dmlh + 12 <= b.limit()) {
                frames = Math.max(frames, Integer.toUnsignedLong(b.getInt(dmlh + 8)));
            }
            if (microsPerFrame > 0 && frames > 0) {
                duration = (frames * microsPerFrame + 500) / 1000;
            }
        }
        Integer format = null;
        Integer channels = null;
        Integer rate = null;
        for (int strh = find(b, "strh", 12); strh >= 0 && format == null; strh = find(b, "strh", strh + 4)) {
            int strf = find(b, "strf", strh + 4);
            if (strh + 12 <= b.limit() && ascii(b, strh + 8, "auds") && strf >= 0 && strf + 16 <= b.limit()) {
                format = b.getShort(strf + 8) & 0xFFFF;
                channels = b.getShort(strf + 10) & 0xFFFF;
                rate = b.getInt(strf + 12);
            }
        }
        return new Facts(duration, format, channels, rate);
    }

    private static int find(ByteBuffer b, String fourCc, int from) {
        for (int at = Math.max(0, from); at + 4 <= b.limit(); at++) {
            if (ascii(b, at, fourCc)) {
                return at;
            }
        }
        return -1;
    }

    private static boolean ascii(ByteBuffer b, int at, String text) {
        for (int i = 0; i < text.length(); i++) {
            if (at + i >= b.limit() || b.get(at + i) != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
