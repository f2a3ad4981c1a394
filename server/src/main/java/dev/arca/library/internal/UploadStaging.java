package dev.arca.library.internal;

import dev.arca.platform.DataDirectory;
import dev.arca.storage.AccountKeys;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Cipher;
import javax.crypto.CipherInputStream;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * The bytes of unfinished resumable uploads, in {@code <data dir>/uploads/<id>}. They are
 * encrypted with AES-256-CTR under a key derived from the account's data key and the upload
 * id, so a partial upload is as unreadable as stored content once the account is erased.
 * Writes are positional: bytes past the recorded offset (left by a crash) are overwritten by
 * the resumed upload and never read.
 */
@Component
public class UploadStaging {

    /** The result of one append: how many bytes arrived and whether the stream ended early. */
    public record Appended(long bytes, boolean interrupted) {}

    private static final int BUFFER = 256 * 1024;

    private final Path dir;
    private final AccountKeys keys;

    UploadStaging(DataDirectory dataDirectory, AccountKeys keys) {
        this.dir = dataDirectory.subdirectory("uploads");
        this.keys = keys;
    }

    public void create(String uploadId) throws IOException {
        Files.deleteIfExists(file(uploadId));
        Files.createFile(file(uploadId));
    }

    /**
     * Appends at most {@code max} bytes from {@code in} at {@code offset}, feeding them to
     * {@code digest} when given, and forces them to disk before returning. A connection that
     * breaks mid-way is not an error: what arrived is kept and reported as interrupted.
     */
    public Appended append(String accountId, String uploadId, long offset, InputStream in, long max,
            MessageDigest digest) throws IOException {
        Cipher cipher = cipherAt(accountId, uploadId, offset);
        byte[] buffer = new byte[BUFFER];
        long written = 0;
        boolean interrupted = false;
        try (FileChannel channel = FileChannel.open(file(uploadId), StandardOpenOption.WRITE)) {
            channel.position(offset);
            while (written < max) {
                int n;
                try {
                    n = in.read(buffer, 0, (int) Math.min(buffer.length, max - written));
                } catch (IOException broken) {
                    interrupted = true;
                    break;
                }
                if (n < 0) {
                    break;
                }
                if (digest != null) {
                    digest.update(buffer, 0, n);
                }
                ByteBuffer sealed = ByteBuffer.wrap(cipher.update(buffer, 0, n));
                while (sealed.hasRemaining()) {
                    channel.write(sealed);
                }
                written += n;
            }
            channel.force(false);
        }
        return new Appended(written, interrupted);
    }

    /** Cuts the staged bytes back to {@code length}, discarding a rejected append. */
    public void truncate(String uploadId, long length) throws IOException {
        try (FileChannel channel = FileChannel.open(file(uploadId), StandardOpenOption.WRITE)) {
            channel.truncate(length);
            channel.force(false);
        }
    }

    /** The first {@code length} staged bytes, decrypted. */
    public InputStream open(String accountId, String uploadId, long length) throws IOException {
        InputStream raw = Channels.newInputStream(FileChannel.open(file(uploadId), StandardOpenOption.READ));
        return new BufferedInputStream(new CipherInputStream(new BoundedInputStream(raw, length),
                cipherAt(accountId, uploadId, 0)), BUFFER);
    }

    public void delete(String uploadId) throws IOException {
        Files.deleteIfExists(file(uploadId));
    }

    private Path file(String uploadId) {
        if (!uploadId.matches("[0-9a-f-]{36}")) {
            throw new IllegalArgumentException("not an upload id");
        }
        return dir.resolve(uploadId);
    }

    private Cipher cipherAt(String accountId, String uploadId, long offset) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keys.keyOf(accountId).getEncoded(), "HmacSHA256"));
            byte[] key = mac.doFinal(("arca-upload-v1:" + uploadId).getBytes(StandardCharsets.UTF_8));
            byte[] counter = ByteBuffer.allocate(16).putLong(8, offset / 16).array();
            Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(counter));
            int skip = (int) (offset % 16);
            if (skip > 0) {
                cipher.update(new byte[skip]);
            }
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads at most {@code remaining} bytes. */
    private static final class BoundedInputStream extends java.io.FilterInputStream {
        private long remaining;

        BoundedInputStream(InputStream in, long remaining) {
            super(in);
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }
    }
}
