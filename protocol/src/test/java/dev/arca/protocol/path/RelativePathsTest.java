package dev.arca.protocol.path;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.protocol.path.RelativePaths.Entry;
import dev.arca.protocol.path.RelativePaths.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RelativePathsTest {

    @ParameterizedTest
    @ValueSource(strings = {".", "a", "a/b.jpg", "Ünïcode ✓ folder/with space/-dash", ".hidden/..dots/...", "a b/c:d"})
    void acceptsPathsInsideTheFolder(String path) {
        assertThat(RelativePaths.problem(path)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "/etc/passwd", "..", "../x", "a/../../x", "a/..", "./a", "a/./b", "a//b", "a/",
            "a\\..\\..\\x", "C:\\Windows", "a\u0000b", "line\nbreak", "tab\there", "del\u007f", "c1\u0085"})
    void refusesPathsThatLeaveOrBendTheFolder(String path) {
        assertThat(RelativePaths.problem(path)).isPresent();
    }

    @Test
    void refusesNullAndOverlongPathsAndNames() {
        assertThat(RelativePaths.problem(null)).hasValue("A path is missing.");
        assertThat(RelativePaths.problem("n".repeat(255))).isEmpty();
        assertThat(RelativePaths.problem("n".repeat(256))).get().asString().contains("longer than 255 bytes");
        assertThat(RelativePaths.problem("é".repeat(128))).as("bytes in UTF-8 count, not characters").isPresent();
        String deep = String.join("/", java.util.Collections.nCopies(2048, "d"));
        assertThat(RelativePaths.problem(deep)).isEmpty();
        assertThat(RelativePaths.problem(deep + "/x")).get().asString().contains("longer than 4096 bytes");
    }

    @Test
    void aMessageQuotesTheHostilePathShortAndEscaped() {
        String hostile = "\u001b]0;owned\u0007/" + "x".repeat(10_000);
        String message = RelativePaths.problem(hostile).orElseThrow();
        assertThat(message).doesNotContain("\u001b").doesNotContain("\u0007").contains("\\u001b")
                .contains("(10011 characters)").hasSizeLessThan(200);
        assertThat(RelativePaths.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(RelativePaths.quote("😀".repeat(60))).as("no half of a surrogate pair").doesNotEndWith("\ud83d\"");
    }

    @Test
    void aTreeHasEachPathOnceAndNothingBelowAFileOrALink() {
        assertThat(RelativePaths.treeProblem(List.of(new Entry(".", Kind.DIR), new Entry("a", Kind.DIR),
                new Entry("a/b", Kind.FILE), new Entry("a/l", Kind.SYMLINK)))).isEmpty();
        assertThat(RelativePaths.treeProblem(List.of(new Entry("link", Kind.SYMLINK), new Entry("link/x", Kind.FILE))))
                .get().asString().contains("below a symbolic link").contains("\"link\"");
        assertThat(RelativePaths.treeProblem(List.of(new Entry("link/deeper/x", Kind.FILE),
                new Entry("link", Kind.SYMLINK)))).as("whatever the order").isPresent();
        assertThat(RelativePaths.treeProblem(List.of(new Entry("f", Kind.FILE), new Entry("f/x", Kind.DIR))))
                .get().asString().contains("below a file");
        assertThat(RelativePaths.treeProblem(List.of(new Entry("a", Kind.DIR), new Entry("a", Kind.FILE))))
                .get().asString().contains("more than once");
        assertThat(RelativePaths.treeProblem(List.of(new Entry(".", Kind.SYMLINK)))).isPresent();
        assertThat(RelativePaths.treeProblem(List.of(new Entry("ok", Kind.FILE), new Entry("../x", Kind.FILE))))
                .get().asString().contains("'..'");
    }
}
