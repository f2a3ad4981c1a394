package dev.arca.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local store on one directory: the contract, the layout, damage and crashes. */
class LocalBlobStoreTest extends BlobStoreContract {

    @TempDir
    Path dir;

    @Override
    protected BlobStore createStore() {
        return new LocalBlobStore(List.of(dir), 1, new TestClock());
    }

    @Test
    void blobsLieWhereTheLayoutSaysWithTheirHeader() throws IOException {
        store.put("Acct_7/chunks/Ab", new byte[] {5, 6});

        Path file = dir.resolve("_acct__7").resolve(LocalLayout.place("Acct_7/chunks/Ab").fanOut())
                .resolve("_acct__7+chunks+_ab.blob");
        assertThat(file).exists();
        byte[] raw = Files.readAllBytes(file);
        assertThat(new String(raw, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("ARCB");
        assertThat(raw).hasSize(BlobFormat.HEADER_BYTES + "Acct_7/chunks/Ab".length() + 2);
        assertThat(dir.resolve(LocalLayout.ID_FILE)).exists();
    }

    @Test
    void longNamesAreHashedAndStillListed() {
        String key = "a/" + "B".repeat(300);
        store.put(key, new byte[] {1});

        assertThat(LocalFiles.replica(dir, key).getFileName().toString()).startsWith("~").endsWith(".blob");
        assertThat(keys("a/")).containsExactly(key);
        store.deletePrefix("a/");
        assertThat(keys("")).isEmpty();
    }

    @Test
    void blobsSurviveReopening() {
        store.put("acct1/a", new byte[] {1, 2});

        BlobStore reopened = new LocalBlobStore(List.of(dir), 1, new TestClock());
        assertThat(reopened.get("acct1/a")).containsExactly(1, 2);
    }

    @Test
    void aCorruptBlobWithoutAnotherCopyIsReportedAsCorruptAndUnrepairable() throws IOException {
        store.put("acct1/a", randomBytes(1000, 3));
        LocalFiles.flipByteFromEnd(LocalFiles.replica(dir, "acct1/a"), 10);

        assertThatThrownBy(() -> store.get("acct1/a")).isInstanceOf(BlobCorruptException.class)
                .hasMessageNotContaining("acct1");
        assertThat(store.exists("acct1/a")).isTrue();
        ScrubReport report = store.scrub(true);
        assertThat(report.blobsChecked()).isEqualTo(1);
        assertThat(report.replicasCorrupt()).isEqualTo(1);
        assertThat(report.unrepairable()).isEqualTo(1);
        assertThat(report.repaired()).isZero();
        assertThat(report.clean()).isFalse();
    }

    @Test
    void aTruncatedOrForeignFileIsCorrupt() throws IOException {
        store.put("acct1/a", randomBytes(1000, 3));
        store.put("acct1/b", randomBytes(1000, 4));
        Path a = LocalFiles.replica(dir, "acct1/a");
        Files.write(a, java.util.Arrays.copyOf(Files.readAllBytes(a), 500));
        // A valid object of another key, under this key's name.
        store.put("acct1/c", new byte[] {1});
        Files.copy(LocalFiles.replica(dir, "acct1/c"), LocalFiles.replica(dir, "acct1/b"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(() -> store.get("acct1/a")).isInstanceOf(BlobCorruptException.class);
        assertThatThrownBy(() -> store.get("acct1/b")).isInstanceOf(BlobCorruptException.class);
        assertThat(store.get("acct1/c")).containsExactly(1);
    }

    @Test
    void aTemporaryFileLeftByACrashIsInvisibleAndRemovedByScrub() throws IOException {
        store.put("acct1/a", new byte[] {1});
        // A crash between writing and renaming leaves a complete temporary file beside the
        // place of a blob that was never stored.
        Path target = LocalFiles.replica(dir, "acct1/b");
        Files.createDirectories(target.getParent());
        Path temp = target.getParent().resolve(LocalLayout.TEMP_PREFIX + "1a2b3c-1" + LocalLayout.TEMP_SUFFIX);
        Files.write(temp, BlobFormat.encode("acct1/b", 1, new byte[] {2}));
        Path tempBesideA = LocalFiles.replica(dir, "acct1/a").resolveSibling(LocalLayout.TEMP_PREFIX + "4d5e-2"
                + LocalLayout.TEMP_SUFFIX);
        Files.write(tempBesideA, BlobFormat.encode("acct1/a", 1, new byte[] {3}));

        BlobStore restarted = new LocalBlobStore(List.of(dir), 1, new TestClock());
        assertThat(restarted.list("")).extracting(BlobInfo::key).containsExactly("acct1/a");
        assertThat(restarted.exists("acct1/b")).isFalse();
        assertThatThrownBy(() -> restarted.get("acct1/b")).isInstanceOf(BlobNotFoundException.class);
        assertThat(restarted.get("acct1/a")).containsExactly(1);

        assertThat(restarted.scrub(false).tempFilesRemoved()).isZero();
        assertThat(temp).exists();
        ScrubReport report = restarted.scrub(true);
        assertThat(report.tempFilesRemoved()).isEqualTo(2);
        assertThat(report.blobsChecked()).isEqualTo(1);
        assertThat(temp).doesNotExist();
        assertThat(tempBesideA).doesNotExist();
        assertThat(restarted.get("acct1/a")).containsExactly(1);
    }

    @Test
    void aCrashAfterTheRenameBeforeTheDirectorySyncLeavesTheCompleteBlob() throws IOException {
        byte[] bytes = randomBytes(300_000, 5);
        BlobStore crashing = new LocalBlobStore(List.of(dir), 1, new TestClock(), file -> {
            throw new IOException("power lost");
        });

        assertThatThrownBy(() -> crashing.put("acct1/a", bytes)).isInstanceOf(StorageException.class);

        BlobStore restarted = new LocalBlobStore(List.of(dir), 1, new TestClock());
        assertThat(restarted.get("acct1/a")).isEqualTo(bytes);
        assertThat(restarted.scrub(false).clean()).isTrue();
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(LocalLayout::isTemp);
        }
    }

    @Test
    void aFileIsNotADirectory() throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "x");

        assertThatThrownBy(() -> new LocalBlobStore(List.of(file), 1, new TestClock()))
                .isInstanceOf(StorageException.class).hasMessageContaining("not a directory");
    }

    @Test
    void twoPathsOfTheSameDirectoryAreRefused() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolveSibling(dir.getFileName() + "-link"), dir);
        try {
            assertThatThrownBy(() -> new LocalBlobStore(List.of(dir, link), 1, new TestClock()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("are the same blob directory");
        } finally {
            Files.delete(link);
        }
    }

    @Test
    void replicasMustFitTheDirectories() {
        assertThatThrownBy(() -> new LocalBlobStore(List.of(dir), 2, new TestClock()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("between 1 and the number of directories");
        assertThatThrownBy(() -> new LocalBlobStore(List.of(dir), 0, new TestClock()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
