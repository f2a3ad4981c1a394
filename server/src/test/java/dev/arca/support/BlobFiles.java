package dev.arca.support;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The files of a local blob store, found by the key each names in its header (docs/blob-store.md). */
public final class BlobFiles {

    private BlobFiles() {}

    /** The blob files under {@code dir} whose key starts with {@code prefix}, in key order. */
    public static List<Path> under(Path dir, String prefix) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".blob")).filter(p -> keyOf(p).startsWith(prefix))
                    .sorted((a, b) -> keyOf(a).compareTo(keyOf(b))).toList();
        }
    }

    public static String keyOf(Path file) {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            raf.seek(6);
            int length = raf.readUnsignedShort();
            byte[] key = new byte[length];
            raf.seek(28);
            raf.readFully(key);
            return new String(key, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return "";
        }
    }

    /** {@link #flipLastByte}, for use in lambdas. */
    public static void flipLastByteUnchecked(Path file) {
        try {
            flipLastByte(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Damages a copy: flips every bit of its last byte. Doing it twice repairs it. */
    public static void flipLastByte(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(raf.length() - 1);
            int b = raf.read();
            raf.seek(raf.length() - 1);
            raf.write(b ^ 0xff);
        }
    }
}
