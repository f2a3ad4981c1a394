package dev.arca.protocol.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.arca.protocol.delta.Delta;
import dev.arca.protocol.manifest.ChunkPack;
import dev.arca.protocol.manifest.FileManifest;
import dev.arca.protocol.path.RelativePaths;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The protocol's parsers of bytes a peer sends: each either reads an input or refuses it with its
 * documented exception, within its bounds, never anything else. In a normal build these run the
 * committed inputs under {@code src/test/resources}; to search for new ones, see docs/fuzzing.md.
 */
class ProtocolFuzzTest {

    @FuzzTest(maxDuration = "30m", maxExecutions = 10_000_000)
    void manifest(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        FileManifest manifest;
        try {
            manifest = FileManifest.parse(text);
        } catch (IllegalArgumentException refused) {
            return;
        }
        // The format is canonical: what it reads, it writes back the same.
        assertThat(manifest.encode()).isEqualTo(text);
    }

    @FuzzTest(maxDuration = "30m", maxExecutions = 10_000_000)
    void relativePath(String path) {
        if (RelativePaths.problem(path).isPresent()) {
            return;
        }
        // Whatever it accepts stays inside the folder it is resolved under.
        java.nio.file.Path root = java.nio.file.Path.of("/r");
        assertThat(root.resolve(path).normalize().startsWith(root)).as(path).isTrue();
        assertThat(path).doesNotContain("\\").doesNotStartWith("/");
        assertThat(path.chars().noneMatch(Character::isISOControl)).isTrue();
        if (!path.equals(RelativePaths.ROOT)) {
            assertThat(path.split("/", -1)).doesNotContain("", ".", "..");
        }
    }

    @FuzzTest(maxDuration = "30m", maxExecutions = 10_000_000)
    void snapshotTree(FuzzedDataProvider data) {
        java.util.List<RelativePaths.Entry> entries = new java.util.ArrayList<>();
        while (data.remainingBytes() > 0 && entries.size() < 64) {
            RelativePaths.Kind kind = RelativePaths.Kind.values()[data.consumeInt(0, 2)];
            entries.add(new RelativePaths.Entry(data.consumeString(40), kind));
        }
        if (RelativePaths.treeProblem(entries).isPresent()) {
            return;
        }
        // An accepted tree: every path valid, none twice, nothing below a file or a link.
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (RelativePaths.Entry entry : entries) {
            assertThat(RelativePaths.problem(entry.path())).isEmpty();
            assertThat(seen.add(entry.path())).as(entry.path()).isTrue();
        }
        for (RelativePaths.Entry entry : entries) {
            if (entry.kind() != RelativePaths.Kind.DIR) {
                assertThat(entries).noneMatch(e -> e.path().startsWith(entry.path() + "/"));
            }
        }
    }

    @FuzzTest(maxDuration = "30m", maxExecutions = 10_000_000)
    void chunkPack(byte[] input) throws IOException {
        try {
            ChunkPack pack = ChunkPack.read(new ByteArrayInputStream(input), 1 << 16, 1 << 12);
            assertThat(pack.contents()).allSatisfy(c -> assertThat(c.length).isLessThanOrEqualTo(1 << 12));
            assertThat(pack.refs()).hasSameSizeAs(pack.contents());
        } catch (IllegalArgumentException | IOException refused) {
            // Refused as documented.
        }
    }

    @FuzzTest(maxDuration = "30m", maxExecutions = 10_000_000)
    void delta(FuzzedDataProvider data) {
        byte[] base = data.consumeBytes(data.consumeInt(0, 4096));
        byte[] delta = data.consumeRemainingAsBytes();
        try {
            byte[] result = Delta.apply(base, delta, 1 << 16);
            assertThat(result.length).isLessThanOrEqualTo(1 << 16);
        } catch (IllegalArgumentException refused) {
            // Refused as documented.
        }
    }
}
