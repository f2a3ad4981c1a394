package dev.arca.storage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.arca.platform.KeyDirectory;
import dev.arca.privacy.SubjectErased;
import dev.arca.storage.internal.ServerKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Each account's AES-256 data key, created on first use and stored wrapped (AES-GCM, bound to
 * the account id) in {@code account_keys}.
 *
 * <p>The wrapping key needs two things: the server key and the account's own 32 random bytes,
 * {@code accounts/<name>.key} in the {@link KeyDirectory}. Erasing the account deletes that
 * file after the erasure commits, so no copy of the database, taken before or after, can
 * unwrap the key again, and the account's chunks are unreadable everywhere. File names are
 * keyed hashes of the account id: the directory does not list who has an account.
 *
 * <p>Keys wrapped by the server key alone (format 1, before the per-account material existed)
 * are rewrapped on first use.
 */
@Service
public class AccountKeys {

    private static final byte LEGACY_FORMAT = 1;
    private static final byte FORMAT = 2;
    private static final int NONCE = 12;
    /** Key material younger than this may belong to an account whose row is being written. */
    private static final Duration SWEEP_AFTER = Duration.ofMinutes(10);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final KeyDirectory keys;
    private final SecretKey serverKey;
    private final SecureRandom random = new SecureRandom();
    private final Cache<String, SecretKey> unwrapped = Caffeine.newBuilder().maximumSize(10_000).build();

    AccountKeys(JdbcClient jdbc, Clock clock, KeyDirectory keys,
            @Value("${arca.storage.server-key:}") String configuredServerKey) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.keys = keys;
        this.serverKey = ServerKey.load(configuredServerKey, keys);
    }

    /** The account's data key, created when the account has none yet. */
    public SecretKey keyOf(String accountId) {
        return unwrapped.get(accountId, this::loadOrCreate);
    }

    /** The account's data key if it has one; never creates one. */
    public Optional<SecretKey> existingKeyOf(String accountId) {
        SecretKey cached = unwrapped.getIfPresent(accountId);
        return cached != null ? Optional.of(cached) : stored(accountId).map(w -> unwrap(accountId, w));
    }

    /**
     * Deletes the account's key material once its erasure has committed (its {@code account_keys}
     * row goes with the account's other rows). Before the commit it would destroy the content
     * of an account whose erasure then rolled back.
     */
    @TransactionalEventListener(fallbackExecution = true)
    void on(SubjectErased erased) {
        unwrapped.invalidate(erased.subjectId());
        keys.delete(materialName(erased.subjectId()));
    }

    /**
     * Deletes key material no account row refers to: what a crash between an erasure's commit
     * and the deletion above left behind.
     */
    @EventListener(ApplicationStartedEvent.class)
    void sweepOrphans() {
        Path dir = keys.root().resolve("accounts");
        if (!Files.isDirectory(dir)) {
            return;
        }
        Set<String> inUse = new HashSet<>();
        jdbc.sql("SELECT account_id FROM account_keys").query(String.class).list()
                .forEach(id -> inUse.add(materialName(id)));
        long cutoff = clock.millis() - SWEEP_AFTER.toMillis();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String name = "accounts/" + file.getFileName();
                if (!inUse.contains(name) && Files.getLastModifiedTime(file).toMillis() < cutoff) {
                    keys.delete(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot sweep the account key material", e);
        }
    }

    private SecretKey loadOrCreate(String accountId) {
        Optional<String> wrapped = stored(accountId);
        if (wrapped.isEmpty()) {
            createMaterial(accountId);
            jdbc.sql("INSERT INTO account_keys (account_id, wrapped_key, created_at) VALUES (?, ?, ?) "
                            + "ON CONFLICT (account_id) DO NOTHING")
                    .params(accountId, wrap(accountId, newKey()), clock.millis())
                    .update();
            wrapped = stored(accountId);
        }
        String found = wrapped.orElseThrow(() -> new IllegalStateException("account key not stored"));
        SecretKey key = unwrap(accountId, found);
        if (Base64.getDecoder().decode(found)[0] == LEGACY_FORMAT) {
            createMaterial(accountId);
            jdbc.sql("UPDATE account_keys SET wrapped_key = ? WHERE account_id = ? AND wrapped_key = ?")
                    .params(wrap(accountId, key), accountId, found).update();
        }
        return key;
    }

    private Optional<String> stored(String accountId) {
        return jdbc.sql("SELECT wrapped_key FROM account_keys WHERE account_id = ?")
                .param(accountId).query(String.class).optional();
    }

    private static SecretKey newKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String wrap(String accountId, SecretKey key) {
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, wrappingKey(accountId), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(aad(accountId, FORMAT));
            byte[] sealed = cipher.doFinal(key.getEncoded());
            return Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(1 + NONCE + sealed.length).put(FORMAT).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot wrap an account key", e);
        }
    }

    private SecretKey unwrap(String accountId, String wrapped) {
        byte[] raw = Base64.getDecoder().decode(wrapped);
        if (raw.length < 1 + NONCE || (raw[0] != FORMAT && raw[0] != LEGACY_FORMAT)) {
            throw new IllegalStateException("Unknown account key format");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, raw[0] == FORMAT ? wrappingKey(accountId) : serverKey,
                    new GCMParameterSpec(128, raw, 1, NONCE));
            cipher.updateAAD(aad(accountId, raw[0]));
            return new SecretKeySpec(cipher.doFinal(raw, 1 + NONCE, raw.length - 1 - NONCE), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("An account key does not open with this server key", e);
        }
    }

    /** HMAC-SHA-256 under the server key of the account's own key material and its id. */
    private SecretKey wrappingKey(String accountId) {
        byte[] material = keys.read(materialName(accountId)).orElseThrow(() -> new IllegalStateException(
                "The account's key material is not in the key directory: the account was erased, or the key "
                        + "directory is not this installation's"));
        byte[] derived = mac(serverKey.getEncoded(), material, aad(accountId, FORMAT));
        return new SecretKeySpec(derived, "AES");
    }

    private void createMaterial(String accountId) {
        String name = materialName(accountId);
        if (keys.read(name).isPresent()) {
            return;
        }
        byte[] material = new byte[32];
        random.nextBytes(material);
        try {
            keys.write(name, material, false);
        } catch (FileAlreadyExistsException raced) {
            // another thread or node created it first; theirs is used
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store an account's key material", e);
        }
    }

    /** {@code accounts/<hex>.key}: a keyed hash, so the name does not reveal the account id. */
    private String materialName(String accountId) {
        byte[] name = mac(serverKey.getEncoded(), "arca-account-material-name".getBytes(StandardCharsets.UTF_8),
                accountId.getBytes(StandardCharsets.UTF_8));
        return "accounts/" + HexFormat.of().formatHex(name, 0, 16) + ".key";
    }

    private static byte[] mac(byte[] key, byte[] first, byte[] second) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(first);
            return mac.doFinal(second);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] aad(String accountId, byte format) {
        return ("arca-account-key-v" + format + ":" + accountId).getBytes(StandardCharsets.UTF_8);
    }
}
