package dev.arca.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link BlobStore} shares. Each implementation's test extends this class and
 * says how to create an empty store.
 */
abstract class BlobStoreContract {

    protected BlobStore store;

    /** A new, empty store. */
    protected abstract BlobStore createStore() throws Exception;

    @BeforeEach
    void createEmptyStore() throws Exception {
        store = createStore();
    }

    @AfterEach
    void closeStore() throws Exception {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void aRangeOfAPayloadIsThoseBytes() {
        byte[] bytes = randomBytes(300_000, 7);
        store.put("acct1/p/pack", bytes);
        assertThat(store.getRange("acct1/p/pack", 0, 10)).isEqualTo(java.util.Arrays.copyOfRange(bytes, 0, 10));
        assertThat(store.getRange("acct1/p/pack", 123_456, 70_000))
                .isEqualTo(java.util.Arrays.copyOfRange(bytes, 123_456, 193_456));
        assertThat(store.getRange("acct1/p/pack", 299_999, 1)).containsExactly(bytes[299_999]);
        assertThat(store.getRange("acct1/p/pack", 300_000, 0)).isEmpty();

        assertThatThrownBy(() -> store.getRange("acct1/p/pack", 299_999, 2)).isInstanceOf(BlobCorruptException.class);
        assertThatThrownBy(() -> store.getRange("acct1/p/none", 0, 1)).isInstanceOf(BlobNotFoundException.class);
        assertThatThrownBy(() -> store.getRange("acct1/p/pack", -1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.getRange("../pack", 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void putThenGetReturnsTheSameBytes() {
        byte[] empty = new byte[0];
        byte[] one = {42};
        byte[] fourMiB = randomBytes(4 * 1024 * 1024, 1);
        store.put("acct1/empty", empty);
        store.put("acct1/one", one);
        store.put("acct1/chunks/big", fourMiB);

        assertThat(store.get("acct1/empty")).isEmpty();
        assertThat(store.get("acct1/one")).containsExactly(42);
        assertThat(store.get("acct1/chunks/big")).isEqualTo(fourMiB);
    }

    @Test
    void storedAndReturnedArraysAreNotShared() {
        byte[] bytes = {1, 2, 3};
        store.put("acct1/a", bytes);
        bytes[0] = 9;
        byte[] read = store.get("acct1/a");
        read[1] = 9;

        assertThat(store.get("acct1/a")).containsExactly(1, 2, 3);
    }

    @Test
    void putReplacesTheEarlierBlob() {
        store.put("acct1/a", randomBytes(1000, 1));
        byte[] second = randomBytes(10, 2);
        store.put("acct1/a", second);

        assertThat(store.get("acct1/a")).isEqualTo(second);
        assertThat(store.list("acct1/")).singleElement().satisfies(info -> assertThat(info.size()).isEqualTo(10));
    }

    @Test
    void existsAndDelete() {
        assertThat(store.exists("acct1/a")).isFalse();
        store.put("acct1/a", new byte[] {1});
        store.put("acct1/b", new byte[] {2});
        assertThat(store.exists("acct1/a")).isTrue();

        store.delete("acct1/a");
        assertThat(store.exists("acct1/a")).isFalse();
        assertThatThrownBy(() -> store.get("acct1/a")).isInstanceOf(BlobNotFoundException.class);
        store.delete("acct1/a");
        store.delete("never/written");
        assertThat(store.get("acct1/b")).containsExactly(2);
    }

    @Test
    void getOfAnAbsentKeyThrowsNotFoundWithoutNamingTheKeyInTheMessage() {
        assertThatThrownBy(() -> store.get("acct987/chunks/abc"))
                .isInstanceOfSatisfying(BlobNotFoundException.class, e -> {
                    assertThat(e.key()).isEqualTo("acct987/chunks/abc");
                    assertThat(e.getMessage()).doesNotContain("acct987");
                });
    }

    @Test
    void deletePrefixRemovesOnlyKeysStartingWithIt() {
        for (String key : List.of("acct1", "acct1/a", "acct1/b/c", "acct12/a", "acct2/a", "bcct1/a")) {
            store.put(key, key.getBytes());
        }

        store.deletePrefix("acct1/");
        assertThat(keys("")).containsExactlyInAnyOrder("acct1", "acct12/a", "acct2/a", "bcct1/a");

        store.deletePrefix("acct1");
        assertThat(keys("")).containsExactlyInAnyOrder("acct2/a", "bcct1/a");
        assertThat(store.get("acct2/a")).isEqualTo("acct2/a".getBytes());

        store.deletePrefix("nothing/");
        assertThat(keys("")).hasSize(2);
    }

    @Test
    void listSelectsByPrefixWithSizes() {
        store.put("acct1/a", new byte[3]);
        store.put("acct1/b/c", new byte[5]);
        store.put("acct12/a", new byte[0]);
        store.put("acct2/a", new byte[7]);

        assertThat(keys("")).containsExactlyInAnyOrder("acct1/a", "acct1/b/c", "acct12/a", "acct2/a");
        assertThat(keys("acct1/")).containsExactlyInAnyOrder("acct1/a", "acct1/b/c");
        assertThat(keys("acct1")).containsExactlyInAnyOrder("acct1/a", "acct1/b/c", "acct12/a");
        assertThat(keys("acct1/b/")).containsExactly("acct1/b/c");
        assertThat(keys("acct3/")).isEmpty();
        assertThat(store.list("acct1/")).extracting(BlobInfo::key, BlobInfo::size)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("acct1/a", 3L),
                        org.assertj.core.groups.Tuple.tuple("acct1/b/c", 5L));
        assertThat(store.list("acct2/")).singleElement().satisfies(info -> assertThat(info.modified()).isNotNull());
    }

    @Test
    void keysAreCaseSensitive() {
        List<String> keys = List.of("Acct/Photo", "acct/photo", "acct/pHoto", "acct/p_hoto", "acct/P_hoto", "acct/_p",
                "acct/P", "ACCT/__");
        for (int i = 0; i < keys.size(); i++) {
            store.put(keys.get(i), new byte[] {(byte) i});
        }
        for (int i = 0; i < keys.size(); i++) {
            assertThat(store.get(keys.get(i))).containsExactly(i);
        }
        assertThat(keys("")).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(keys("acct/")).hasSize(6);
    }

    @Test
    void theLongestKeysWork() {
        String oneSegment = "S".repeat(BlobKeys.MAX_LENGTH);
        String manySegments = ("Ab-_/".repeat(102) + "xy").substring(0, BlobKeys.MAX_LENGTH - 1) + "z";
        assertThat(manySegments).hasSize(BlobKeys.MAX_LENGTH);
        store.put(oneSegment, new byte[] {1});
        store.put(manySegments, new byte[] {2});

        assertThat(store.get(oneSegment)).containsExactly(1);
        assertThat(store.get(manySegments)).containsExactly(2);
        assertThat(keys("")).containsExactlyInAnyOrder(oneSegment, manySegments);
        assertThat(keys("SSS")).containsExactly(oneSegment);
        store.deletePrefix("Ab-_/");
        assertThat(keys("")).containsExactly(oneSegment);
    }

    @Test
    void hostileKeysAndPrefixesAreRefusedBeforeTouchingStorage() {
        List<String> hostile = new ArrayList<>(List.of("../x", "a/../../x", "/abs", "a//b", "a\\b", "a/b/", "a\0b",
                "", ".", "..", "a/./b", "a b", "a.b", "é", "a\nb", "x".repeat(BlobKeys.MAX_LENGTH + 1)));
        hostile.add(null);
        for (String key : hostile) {
            assertThatThrownBy(() -> store.put(key, new byte[] {1})).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.get(key)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.exists(key)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.delete(key)).isInstanceOf(IllegalArgumentException.class);
        }
        List<String> hostilePrefixes =
                List.of("../", "/", "/abs", "a//", "a\\", "a\0", "a/../", "x".repeat(BlobKeys.MAX_LENGTH + 1));
        for (String prefix : hostilePrefixes) {
            assertThatThrownBy(() -> store.list(prefix)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.deletePrefix(prefix)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> store.deletePrefix("")).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.list("")).isEmpty();
    }

    @Test
    void concurrentPutsAndGetsOfDistinctAndSharedKeys() throws Exception {
        int threads = 8;
        int rounds = 25;
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < rounds; i++) {
                        String own = "t" + thread + "/k" + i;
                        byte[] bytes = randomBytes(1000 + i, thread * 1000L + i);
                        store.put(own, bytes);
                        if (!java.util.Arrays.equals(store.get(own), bytes)) {
                            problems.add("own key read back differently");
                        }
                        // Every writer of the shared key writes a value that identifies itself
                        // throughout; a reader must see one whole value.
                        byte[] shared = new byte[64 * 1024 + thread];
                        java.util.Arrays.fill(shared, (byte) thread);
                        store.put("shared/key", shared);
                        byte[] seen = store.get("shared/key");
                        int writer = seen[0];
                        if (seen.length != 64 * 1024 + writer) {
                            problems.add("shared key of wrong length " + seen.length);
                        }
                        for (byte b : seen) {
                            if (b != writer) {
                                problems.add("shared key mixes two writes");
                                break;
                            }
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(3, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(problems).isEmpty();
        assertThat(keys("t")).hasSize(threads * rounds);
        for (int t = 0; t < threads; t++) {
            assertThat(store.get("t" + t + "/k7")).isEqualTo(randomBytes(1007, t * 1000L + 7));
        }
    }

    @Test
    void aHealthyStoreIsUpAndScrubsClean() {
        store.put("acct1/a", new byte[10]);
        store.put("acct1/b", new byte[20]);
        store.put("acct2/c", new byte[30]);

        StorageHealth health = store.health();
        assertThat(health.status()).isEqualTo(StorageHealth.Status.UP);
        assertThat(health.locations()).isNotEmpty()
                .allSatisfy(l -> assertThat(l.status()).isEqualTo(StorageHealth.Status.UP));

        ScrubReport report = store.scrub(true);
        assertThat(report.blobsChecked()).isEqualTo(3);
        assertThat(report.bytes()).isEqualTo(60);
        assertThat(report.clean()).isTrue();
        assertThat(report.repaired()).isZero();
        assertThat(store.get("acct2/c")).hasSize(30);
    }

    protected List<String> keys(String prefix) {
        return store.list(prefix).map(BlobInfo::key).toList();
    }
}
