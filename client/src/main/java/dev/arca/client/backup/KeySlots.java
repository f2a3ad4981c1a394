package dev.arca.client.backup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The key slots of an encrypted repository (kind {@code keys}): each wraps the one repository key
 * under a key derived from a password with Argon2id, so several passwords open the same
 * repository and one can be changed or removed without re-encrypting anything.
 */
public final class KeySlots {

    /** One slot as {@code arca key list} shows it: no secret. */
    public record Slot(String id, Instant created) {}

    /** A password that opens no slot; nothing was read or written. */
    public static final class WrongPasswordException extends Repository.RepositoryException {
        WrongPasswordException() {
            super("The password does not open this repository.");
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();
    static final int MEMORY_KIB = 64 * 1024;
    static final int ITERATIONS = 3;
    static final int PARALLELISM = 1;

    private final RepositoryStore store;
    private final String repositoryId;

    KeySlots(RepositoryStore store, String repositoryId) {
        this.store = store;
        this.repositoryId = repositoryId;
    }

    /** Wraps {@code key} under {@code password} in a new slot; returns its id. */
    String add(byte[] key, char[] password) throws IOException {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        SecretKeySpec kek = derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM);
        String id = Repository.randomId();
        Map<String, Object> slot = new LinkedHashMap<>();
        slot.put("id", id);
        slot.put("created", Instant.now().toString());
        slot.put("kdf", Map.of("algorithm", "argon2id", "memory", MEMORY_KIB, "iterations", ITERATIONS,
                "parallelism", PARALLELISM, "salt", Base64.getEncoder().encodeToString(salt)));
        slot.put("wrapped", Base64.getEncoder().encodeToString(RepositoryKey.seal(kek, key, 0, key.length, aad())));
        store.write(RepositoryStore.Kind.KEYS, id, JSON.writeValueAsBytes(slot));
        return id;
    }

    /** The repository key the password unwraps, and the slot that did it. */
    record Opened(byte[] key, String slot) {}

    Opened open(char[] password) throws IOException {
        for (String name : names()) {
            JsonNode slot = JSON.readTree(store.read(RepositoryStore.Kind.KEYS, name));
            JsonNode kdf = slot.path("kdf");
            if (!"argon2id".equals(kdf.path("algorithm").asString())) {
                continue;
            }
            SecretKeySpec kek;
            try {
                kek = derive(password, Base64.getDecoder().decode(kdf.path("salt").asString()),
                        kdf.path("memory").asInt(), kdf.path("iterations").asInt(), kdf.path("parallelism").asInt());
            } catch (IllegalArgumentException damaged) {
                continue;
            }
            try {
                return new Opened(RepositoryKey.open(kek, Base64.getDecoder().decode(slot.path("wrapped").asString()),
                        aad()), name);
            } catch (Repository.RepositoryException wrongPassword) {
                // not this slot's password; try the next
            }
        }
        throw new WrongPasswordException();
    }

    public List<Slot> list() throws IOException {
        List<Slot> slots = new ArrayList<>();
        for (String name : names()) {
            JsonNode slot = JSON.readTree(store.read(RepositoryStore.Kind.KEYS, name));
            slots.add(new Slot(slot.path("id").asString(), Instant.parse(slot.path("created").asString())));
        }
        slots.sort(java.util.Comparator.comparing(Slot::created));
        return slots;
    }

    /** Deletes a slot; the last one never goes, or the repository could not be opened again. */
    void remove(String id) throws IOException {
        List<Slot> slots = list();
        if (slots.stream().noneMatch(s -> s.id().equals(id))) {
            throw new Repository.RepositoryException("No key " + id + " in this repository.");
        }
        if (slots.size() == 1) {
            throw new Repository.RepositoryException("That is the repository's last key; add another first.");
        }
        store.delete(RepositoryStore.Kind.KEYS, id);
    }

    private List<String> names() throws IOException {
        return store.list(RepositoryStore.Kind.KEYS).stream().filter(n -> n.matches("[0-9a-f]{16}")).toList();
    }

    private String aad() {
        return "arca-backup key slot " + repositoryId;
    }

    private static SecretKeySpec derive(char[] password, byte[] salt, int memoryKib, int iterations, int parallelism) {
        if (memoryKib < 8 * 1024 || memoryKib > 4 * 1024 * 1024 || iterations < 1 || iterations > 100
                || parallelism < 1 || parallelism > 64) {
            throw new IllegalArgumentException("key slot parameters out of range");
        }
        Argon2BytesGenerator argon2 = new Argon2BytesGenerator();
        argon2.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt).withMemoryAsKB(memoryKib).withIterations(iterations).withParallelism(parallelism)
                .build());
        ByteBuffer utf8 = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = Arrays.copyOf(utf8.array(), utf8.limit());
        byte[] kek = new byte[32];
        argon2.generateBytes(bytes, kek);
        Arrays.fill(bytes, (byte) 0);
        return new SecretKeySpec(kek, "AES");
    }
}
