package dev.arca.protocol.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.protocol.chunk.FastCdc;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ManifestPatchTest {

    private static FileManifest manifest(byte[] bytes) throws IOException {
        return FileManifest.of(new ByteArrayInputStream(bytes), new FastCdc(1024, 4096, 16384));
    }

    @Test
    void aSmallChangeIsASmallPatchThatRebuildsTheManifest() throws IOException {
        byte[] bytes = new byte[2_000_000];
        new Random(1).nextBytes(bytes);
        FileManifest base = manifest(bytes);
        bytes[1_000_000] ^= 1;
        FileManifest target = manifest(bytes);
        String patch = ManifestPatch.diff(base, target);
        assertThat(ManifestPatch.apply(base, patch)).isEqualTo(target);
        assertThat(patch.lines().filter(l -> l.startsWith("+"))).hasSize(1);
        assertThat(patch.length()).isLessThan(base.encode().length() / 50);
    }

    @Test
    void emptyAndUnrelatedTargetsRoundTrip() throws IOException {
        FileManifest base = manifest("some content".repeat(1000).getBytes());
        FileManifest empty = manifest(new byte[0]);
        assertThat(ManifestPatch.apply(base, ManifestPatch.diff(base, empty))).isEqualTo(empty);
        FileManifest other = manifest("other".repeat(3000).getBytes());
        assertThat(ManifestPatch.apply(base, ManifestPatch.diff(base, other))).isEqualTo(other);
        assertThat(ManifestPatch.apply(empty, ManifestPatch.diff(empty, base))).isEqualTo(base);
    }

    @Test
    void aPatchForAnotherBaseOrMalformedIsRefused() throws IOException {
        FileManifest base = manifest("base".repeat(5000).getBytes());
        FileManifest target = manifest("target".repeat(5000).getBytes());
        String patch = ManifestPatch.diff(base, target);
        assertThatThrownBy(() -> ManifestPatch.apply(target, patch)).hasMessageContaining("another base");
        assertThatThrownBy(() -> ManifestPatch.apply(base, patch.replace("\n+", "\n*")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ManifestPatch.apply(base, patch.substring(0, patch.length() - 1)))
                .isInstanceOf(IllegalArgumentException.class);
        String lying = patch.replaceFirst("size \\d+", "size 1");
        assertThatThrownBy(() -> ManifestPatch.apply(base, lying)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ManifestPatch.apply(base, ManifestPatch.HEADER + "\nbase " + ManifestPatch.hashOf(base)
                + "\nsize 0\nsha256 x\n= 0 99999\n")).isInstanceOf(IllegalArgumentException.class);
    }
}
