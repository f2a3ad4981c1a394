package dev.arca.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.support.Db;
import dev.arca.support.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The build's policy check: the latest published policy version describes exactly what this
 * build does. Publishing a version is running this test with {@code -Darca.policy.publish="what
 * changed"} (docs/policy-versions.md): it writes the next version's file, to be committed.
 */
class PolicyReleaseTest {

    /** The published versions, in the sources: this test reads and writes them there. */
    private static final Path RELEASES = Path.of("src/main/resources", PolicyRelease.LOCATION);

    @Test
    @DisplayName("III a build whose purposes, notices or data map differ from the latest policy version fails, saying how to publish")
    void latestVersionDescribesThisBuild() throws IOException {
        PolicySnapshot live = PolicySnapshot.live(TestServer.on(Db.SQLITE).bean(DataMap.class));
        List<PolicyRelease> releases = published();
        String summary = System.getProperty("arca.policy.publish", "").strip();
        if (releases.isEmpty() && !summary.isEmpty()) {
            write(PolicyRelease.first(summary, live));
            return;
        }
        assertThat(releases).as("published versions in " + RELEASES).isNotEmpty();
        PolicyRelease latest = releases.getLast();
        List<String> changes = live.changesFrom(latest.snapshot());
        if (!changes.isEmpty() && !summary.isEmpty()) {
            write(latest.successor(summary, live));
            return;
        }
        assertThat(changes)
                .withFailMessage(() -> "This build changes the privacy policy, but no version says so. What changed "
                        + "since version " + latest.version() + ":\n  " + String.join("\n  ", changes)
                        + "\nIf that is intended, publish version " + (latest.version() + 1) + " and commit its file:\n"
                        + "  ./mvnw -pl server -am test -Dtest=PolicyReleaseTest -Dsurefire.failIfNoSpecifiedTests=false"
                        + " -Darca.policy.publish=\"What changed, in a sentence a reader understands\"\n"
                        + "(see docs/policy-versions.md)")
                .isEmpty();
    }

    @Test
    @DisplayName("III every published version is kept, numbered without gaps, and its changes follow from its predecessor")
    void versionsFormAnUnbrokenHistory() throws IOException {
        List<PolicyRelease> releases = published();
        assertThat(releases).isNotEmpty();
        assertThat(PolicyRelease.bundled()).as("what the server adopts is what is published").isEqualTo(releases);
        for (int i = 0; i < releases.size(); i++) {
            PolicyRelease release = releases.get(i);
            assertThat(release.version()).isEqualTo(i + 1);
            assertThat(release.summary()).isNotBlank();
            List<String> expected = i == 0 ? List.of() : release.snapshot().changesFrom(releases.get(i - 1).snapshot());
            assertThat(release.changes()).as("version %d's changes", release.version()).isEqualTo(expected);
            assertThat(release.text()).as("version %d's text", release.version())
                    .contains("version " + release.version(), release.summary());
            for (PolicySnapshot.FieldEntry field : release.snapshot().fields()) {
                assertThat(release.text()).contains(field.table() + "." + field.column());
            }
            release.snapshot().purposes().stream().filter(p -> p.notice() != null)
                    .forEach(p -> assertThat(release.text()).contains(p.notice()));
        }
    }

    @Test
    @DisplayName("III the check notices a changed retention, a new column and a reworded notice")
    void changesAreNamed() {
        PolicySnapshot live = PolicySnapshot.live(TestServer.on(Db.SQLITE).bean(DataMap.class));
        List<PolicySnapshot.FieldEntry> fields = new ArrayList<>(live.fields());
        PolicySnapshot.FieldEntry first = fields.getFirst();
        fields.set(0, new PolicySnapshot.FieldEntry(first.table(), first.column(), first.classification(),
                first.category(), first.purpose(), "forever", first.recipients()));
        fields.add(new PolicySnapshot.FieldEntry("accounts", "birthday", "PERSONAL", "identity", "ACCOUNT",
                "as long as the account exists", "no one"));
        PolicySnapshot changed = new PolicySnapshot(live.purposes(), fields)
                .withNotice(Purpose.NEWSLETTER, "Send me everything.");

        assertThat(changed.changesFrom(live)).hasSize(3).anySatisfy(c -> assertThat(c)
                        .startsWith("Changed data " + first.table() + "." + first.column()).contains("kept forever"))
                .anySatisfy(c -> assertThat(c).startsWith("Added data accounts.birthday"))
                .anySatisfy(c -> assertThat(c).startsWith("Changed purpose NEWSLETTER").contains("Send me everything."));
        assertThat(live.changesFrom(changed)).anySatisfy(c -> assertThat(c).startsWith("Removed data accounts.birthday"));
        assertThat(live.changesFrom(live)).isEmpty();
    }

    private static List<PolicyRelease> published() throws IOException {
        if (!Files.isDirectory(RELEASES)) {
            return List.of();
        }
        List<PolicyRelease> releases = new ArrayList<>();
        try (Stream<Path> files = Files.list(RELEASES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    releases.add(PolicyRelease.fromJson(in));
                }
            }
        }
        releases.sort(Comparator.comparingInt(PolicyRelease::version));
        return releases;
    }

    private static void write(PolicyRelease release) throws IOException {
        Files.createDirectories(RELEASES);
        Path file = RELEASES.resolve(release.fileName());
        if (Files.exists(file)) {
            throw new IllegalStateException(file + " exists: published versions are never rewritten");
        }
        Files.write(file, release.toJson());
    }
}
