package dev.arca;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.support.ExecutedTestsRecorder;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Checks docs/privacy-controls.yaml: every clause has controls and tests, every named class and
 * test method exists, and every named test passed in this build's main test run. Runs in its
 * own surefire execution after the main one (see server/pom.xml).
 */
class PrivacyControlsTraceabilityTest {

    /** Every clause of the privacy requirements, I.2a to III: each needs an entry in the file. */
    static final List<String> CLAUSES = List.of("I.2a", "I.2b", "I.2c", "I.2d", "I.2e", "I.2f", "I.2g", "I.2h", "I.2i",
            "I.3", "I.4a", "I.4b", "I.4c", "I.4d", "I.5", "I.6", "II.2b", "II.2c", "II.2d", "II.2e", "II.2f", "II.3",
            "II.4", "II.6", "II.7", "III");

    private static final Path FILE = Path.of("..", "docs", "privacy-controls.yaml");

    @Test
    @SuppressWarnings("unchecked")
    void everyClauseHasExistingPassingTests() throws Exception {
        Map<String, Object> document;
        try (InputStream in = Files.newInputStream(FILE)) {
            document = new Yaml().load(in);
        }
        Map<String, Map<String, Object>> clauses = (Map<String, Map<String, Object>>) document.get("clauses");
        assertThat(clauses).isNotEmpty();
        assertThat(clauses.keySet()).as("clauses with an entry").containsExactlyInAnyOrderElementsOf(CLAUSES);
        Set<String> passed = new HashSet<>(Files.readAllLines(ExecutedTestsRecorder.FILE));
        for (var entry : clauses.entrySet()) {
            String clause = entry.getKey();
            Object planned = entry.getValue().get("planned");
            if (planned != null) {
                assertThat(entry.getValue()).as(clause + ": planned, so no controls or tests yet").containsOnlyKeys("planned");
                System.err.println("PRIVACY CLAUSE NOT YET KEPT: " + clause + ": " + planned);
                continue;
            }
            List<String> controls = (List<String>) entry.getValue().get("controls");
            List<String> tests = (List<String>) entry.getValue().get("tests");
            assertThat(controls).as(clause + " controls").isNotEmpty();
            assertThat(tests).as(clause + " tests").isNotEmpty();
            for (String control : controls) {
                assertThat(exists(control)).as(clause + ": control " + control + " exists").isTrue();
            }
            for (String test : tests) {
                String[] parts = test.split("#", 2);
                assertThat(parts).as(clause + ": " + test + " is Class#method").hasSize(2);
                Class<?> type = Class.forName(parts[0]);
                assertThat(Arrays.stream(type.getDeclaredMethods()).anyMatch(m -> m.getName().equals(parts[1])))
                        .as(clause + ": " + test + " exists").isTrue();
                assertThat(passed).as(clause + ": " + test + " ran and passed").contains(test);
            }
        }
    }

    private static boolean exists(String className) {
        try {
            Class.forName(className);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
