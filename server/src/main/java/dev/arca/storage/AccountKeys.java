package dev.arca.storage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.arca.platform.DataDirectory;
import dev.arca.privacy.SubjectErased;
import dev.arca.storage.internal.ServerKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Each account's AES-256 data key, created on first use and stored wrapped (AES-GCM) by the
 * server key, bound to the account id. Erasing the account deletes the wrapped key, after
 * which none of its chunks can be decrypted, here or in any copy of the data directory.
 */
@Service
public class AccountKeys {

    private static final byte FORMAT = 1;
    private static final int NONCE = 12;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecretKey serverKey;
    private final SecureRandom random = new SecureRandom();
    private final Cache<String, SecretKey> unwrapped = Caffeine.newBuilder().maximumSize(10_000).build();

    AccountKeys(JdbcClient jdbc, Clock clock, DataDirectory dataDirectory,
            @Value("${arca.storage.server-key:}") String configuredServerKey) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.serverKey = ServerKey.load(configuredServerKey, dataDirectory.subdirectory("keys"));
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

    @EventListener
    void on(SubjectErased erased) {
        // The row goes with the account's other rows (it is in the data map); forget the copy here.
        unwrapped.invalidate(erased.subjectId());
    }

    private SecretKey loadOrCreate(String accountId) {
        Optional<String> wrapped = stored(accountId);
        if (wrapped.isEmpty()) {
            jdbc.sql("INSERT INTO account_keys (account_id, wrapped_key, created_at) VALUES (?, ?, ?) "
                            + "ON CONFLICT (account_id) DO NOTHING")
                    .params(accountId, wrap(accountId, newKey()), clock.millis())
                    .update();
            wrapped = stored(accountId);
        }
        return unwrap(accountId, wrapped.orElseThrow(() -> new IllegalStateException("account key not stored")));
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
            cipher.init(Cipher.ENCRYPT_MODE, serverKey, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(aad(accountId));
            byte[] sealed = cipher.doFinal(key.getEncoded());
            return Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(1 + NONCE + sealed.length).put(FORMAT).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot wrap an account key", e);
        }
    }

    private SecretKey unwrap(String accountId, String wrapped) {
        byte[] raw = Base64.getDecoder().decode(wrapped);
        if (raw.length < 1 + NONCE || raw[0] != FORMAT) {
            throw new IllegalStateException("Unknown account key format");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, serverKey, new GCMParameterSpec(128, raw, 1, NONCE));
            cipher.updateAAD(aad(accountId));
            return new SecretKeySpec(cipher.doFinal(raw, 1 + NONCE, raw.length - 1 - NONCE), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("An account key does not open with this server key", e);
        }
    }

    private static byte[] aad(String accountId) {
        return ("arca-account-key-v1:" + accountId).getBytes(StandardCharsets.UTF_8);
    }
}
