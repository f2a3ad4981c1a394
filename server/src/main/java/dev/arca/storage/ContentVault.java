package dev.arca.storage;

import dev.arca.privacy.SubjectErased;
import dev.arca.protocol.chunk.ContentHash;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import org.springframework.stereotype.Service;

/**
 * Encrypted, per-account storage of chunks (alone, or sealed one by one into packs) and derived
 * files (previews) on the {@link BlobStore}. Each object is sealed with AES-256-GCM under the account's data key and
 * bound to its own blob key as associated data, so an object moved or swapped to another
 * address, or to another account, fails to open. Format: {@code 0x01 | nonce(12) |
 * ciphertext | tag(16)}; see docs/storage-format.md.
 */
@Service
public class ContentVault {

    private static final byte FORMAT = 1;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final int PIECE = 64 * 1024;

    private final BlobStore blobs;
    private final AccountKeys keys;
    private final SecureRandom random = new SecureRandom();

    ContentVault(BlobStore blobs, AccountKeys keys) {
        this.blobs = blobs;
        this.keys = keys;
    }

    /** Stores a chunk under its SHA-256 (the caller computed it); durable when this returns. */
    public void putChunk(String accountId, String sha256, byte[] plain, int length) {
        if (!ContentHash.isSha256Hex(sha256)) {
            throw new IllegalArgumentException("not a SHA-256 hex digest");
        }
        String key = chunkKey(accountId, sha256);
        blobs.put(key, seal(accountId, key, plain, length));
    }

    /** The plain bytes of a chunk; {@link BlobCorruptException} when it does not open. */
    public byte[] getChunk(String accountId, String sha256) {
        String key = chunkKey(accountId, sha256);
        return open(accountId, key, blobs.get(key));
    }

    public void deleteChunk(String accountId, String sha256) {
        blobs.delete(chunkKey(accountId, sha256));
    }

    /** Where a chunk sealed in a pack lies: the pack's name, and the sealed chunk's offset and length in it. */
    public record Packed(String pack, long offset, int length) {}

    /**
     * Seals chunks (their plain bytes, under the SHA-256 the caller computed) one by one into one
     * new pack blob, durable when this returns, and says where each lies, in order. Each is sealed
     * as a chunk stored alone is, bound to the chunk's own address: it opens as that chunk of that
     * account only, wherever it lies.
     */
    public List<Packed> putChunkPack(String accountId, List<String> hashes, List<byte[]> plains) {
        String pack = HexFormat.of().formatHex(randomBytes(16));
        List<byte[]> sealed = new ArrayList<>(hashes.size());
        List<Packed> places = new ArrayList<>(hashes.size());
        long offset = 0;
        for (int i = 0; i < hashes.size(); i++) {
            if (!ContentHash.isSha256Hex(hashes.get(i))) {
                throw new IllegalArgumentException("not a SHA-256 hex digest");
            }
            byte[] one = seal(accountId, chunkKey(accountId, hashes.get(i)), plains.get(i), plains.get(i).length);
            sealed.add(one);
            places.add(new Packed(pack, offset, one.length));
            offset += one.length;
        }
        byte[] joined = new byte[Math.toIntExact(offset)];
        for (int i = 0; i < sealed.size(); i++) {
            System.arraycopy(sealed.get(i), 0, joined, (int) places.get(i).offset(), sealed.get(i).length);
        }
        blobs.put(packKey(accountId, pack), joined);
        return places;
    }

    /**
     * The plain bytes of a chunk sealed in a pack. Read from one copy of the pack; when that does
     * not open, from a verified copy of the whole pack. {@link BlobCorruptException} when neither
     * opens, {@link BlobNotFoundException} when the pack is gone (moved by a repack since).
     */
    public byte[] getPackedChunk(String accountId, String sha256, Packed where) {
        String key = chunkKey(accountId, sha256);
        String packKey = packKey(accountId, where.pack());
        try {
            return open(accountId, key, blobs.getRange(packKey, where.offset(), where.length()));
        } catch (BlobCorruptException damaged) {
            byte[] whole = blobs.get(packKey);
            if (where.offset() + where.length() > whole.length) {
                throw new BlobCorruptException(key, 1);
            }
            return open(accountId, key, java.util.Arrays.copyOfRange(whole, (int) where.offset(),
                    (int) where.offset() + where.length()));
        }
    }

    public void deletePack(String accountId, String pack) {
        blobs.delete(packKey(accountId, pack));
    }

    /** The size of a pack, empty when it is gone. */
    public java.util.Optional<Long> packSize(String accountId, String pack) {
        String key = packKey(accountId, pack);
        try (var listed = blobs.list(key)) {
            return listed.filter(b -> b.key().equals(key)).map(BlobInfo::size).findFirst();
        }
    }

    /** The names of the account's packs written before {@code before}, with their sizes. */
    public Map<String, Long> packsBefore(String accountId, java.time.Instant before) {
        String prefix = packKey(accountId, "");
        try (var listed = blobs.list(prefix)) {
            return listed.filter(b -> b.modified().isBefore(before))
                    .collect(Collectors.toMap(b -> b.key().substring(prefix.length()), BlobInfo::size));
        }
    }

    /**
     * Stores bytes the client sealed already (a file of an encrypted backup repository) under a
     * name of the caller's choice; sealed again under the account's key like everything else.
     */
    public void putOpaque(String accountId, String name, byte[] bytes) {
        String key = opaqueKey(accountId, name);
        blobs.put(key, seal(accountId, key, bytes, bytes.length));
    }

    public byte[] getOpaque(String accountId, String name) {
        String key = opaqueKey(accountId, name);
        return open(accountId, key, blobs.get(key));
    }

    public void deleteOpaque(String accountId, String name) {
        blobs.delete(opaqueKey(accountId, name));
    }

    /** Stores a file derived from content (a thumbnail) under a name of the caller's choice. */
    public void putDerived(String accountId, String name, byte[] plain) {
        String key = derivedKey(accountId, name);
        blobs.put(key, seal(accountId, key, plain, plain.length));
    }

    public boolean hasDerived(String accountId, String name) {
        return blobs.exists(derivedKey(accountId, name));
    }

    public byte[] getDerived(String accountId, String name) {
        String key = derivedKey(accountId, name);
        return open(accountId, key, blobs.get(key));
    }

    /** Deletes every derived file whose name starts with {@code prefix} (a version's previews). */
    public void deleteDerived(String accountId, String prefix) {
        blobs.deletePrefix(derivedKey(accountId, prefix));
    }

    /**
     * Frees the erased account's space once the erasure has committed: inside the transaction, a
     * rollback would have left the account's rows pointing at content already deleted (and a
     * bucket would be called from inside a transaction). The content is unreadable from the
     * commit on, as the account's key material goes with it.
     */
    @org.springframework.transaction.event.TransactionalEventListener(fallbackExecution = true)
    void on(SubjectErased erased) {
        blobs.deletePrefix(erased.subjectId() + "/");
    }

    private static String chunkKey(String accountId, String sha256) {
        return accountId + "/c/" + sha256;
    }

    private static String packKey(String accountId, String pack) {
        return accountId + "/p/" + pack;
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String opaqueKey(String accountId, String name) {
        return accountId + "/o/" + name;
    }

    private static String derivedKey(String accountId, String name) {
        return accountId + "/d/" + name;
    }

    private byte[] seal(String accountId, String key, byte[] plain, int length) {
        byte[] out = new byte[1 + NONCE + length + TAG_BITS / 8];
        out[0] = FORMAT;
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        System.arraycopy(nonce, 0, out, 1, NONCE);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.keyOf(accountId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(key.getBytes(StandardCharsets.UTF_8));
            // In pieces: the JIT compiles the cipher's fast path after some thousands of calls,
            // so pieces reach full speed after ~100 MB instead of ~1 GB after a start.
            int in = 0;
            int at = 1 + NONCE;
            while (length - in > PIECE) {
                at += cipher.update(plain, in, PIECE, out, at);
                in += PIECE;
            }
            cipher.doFinal(plain, in, length - in, out, at);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt", e);
        }
    }

    private byte[] open(String accountId, String key, byte[] sealed) {
        if (sealed.length < 1 + NONCE + TAG_BITS / 8 || sealed[0] != FORMAT) {
            throw new BlobCorruptException(key, 1);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE,
                    keys.existingKeyOf(accountId).orElseThrow(() -> new BlobNotFoundException(key)),
                    new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE));
            cipher.updateAAD(key.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(sealed, 1 + NONCE, sealed.length - 1 - NONCE);
        } catch (AEADBadTagException e) {
            throw new BlobCorruptException(key, 1);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot decrypt", e);
        }
    }
}
