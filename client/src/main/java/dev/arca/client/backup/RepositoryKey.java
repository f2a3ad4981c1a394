package dev.arca.client.backup;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key of an encrypted (format 2) repository: 32 bytes for AES-256-GCM, 32 for the HMAC that
 * names chunks. Seals files as {@code 0x02 | nonce(12) | ciphertext | tag(16)}, each bound to what
 * it is by associated data; see docs/backup-format.md.
 */
final class RepositoryKey {

    static final int LENGTH = 64;
    private static final byte FORMAT = 2;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec encryption;
    private final SecretKeySpec ids;
    /** Looking a provider up costs more than sealing a small chunk, so each thread keeps its own. */
    private final ThreadLocal<Mac> macs;
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available", e);
        }
    });

    RepositoryKey(byte[] material) {
        if (material.length != LENGTH) {
            throw new IllegalArgumentException("a repository key has " + LENGTH + " bytes");
        }
        this.encryption = new SecretKeySpec(Arrays.copyOfRange(material, 0, 32), "AES");
        this.ids = new SecretKeySpec(Arrays.copyOfRange(material, 32, 64), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(ids);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA-256 is not available", e);
            }
        });
    }

    static byte[] random() {
        byte[] material = new byte[LENGTH];
        RANDOM.nextBytes(material);
        return material;
    }

    /** The chunk's keyed id: equal content gives equal ids, but only with the key. */
    String chunkId(String sha256) {
        return HexFormat.of().formatHex(macs.get().doFinal(("chunk\n" + sha256).getBytes(StandardCharsets.US_ASCII)));
    }

    byte[] seal(byte[] plain, int offset, int length, String what) {
        return seal(encryption, plain, offset, length, what);
    }

    /**
     * The plain bytes of a sealed file.
     *
     * @throws Repository.RepositoryException when it does not open: damaged, tampered with, or
     *     moved from another name
     */
    byte[] open(byte[] sealed, String what) throws Repository.RepositoryException {
        return open(encryption, sealed, what);
    }

    static byte[] seal(SecretKeySpec key, byte[] plain, int offset, int length, String what) {
        byte[] nonce = new byte[NONCE];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(what.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[1 + NONCE + cipher.getOutputSize(length)];
            out[0] = FORMAT;
            System.arraycopy(nonce, 0, out, 1, NONCE);
            cipher.doFinal(plain, offset, length, out, 1 + NONCE);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available", e);
        }
    }

    static byte[] open(SecretKeySpec key, byte[] sealed, String what) throws Repository.RepositoryException {
        if (sealed.length < 1 + NONCE + TAG_BITS / 8 || sealed[0] != FORMAT) {
            throw new Repository.RepositoryException(what + " is damaged: it is not a sealed file.");
        }
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE));
            cipher.updateAAD(what.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(sealed, 1 + NONCE, sealed.length - 1 - NONCE);
        } catch (AEADBadTagException e) {
            throw new Repository.RepositoryException(what + " is damaged or was tampered with: it does not "
                    + "authenticate under the repository key.");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available", e);
        }
    }
}
