package dev.arca.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arca.accounts.CorrectionRequest;
import dev.arca.privacy.Decision;
import dev.arca.privacy.LegalBasis;
import dev.arca.privacy.Mechanism;
import dev.arca.privacy.Origin;
import dev.arca.privacy.Purpose;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Keys that templates compute from an enum constant, such as {@code "purpose." + p.name() + ".title"}:
 * the bundle check sees only literal keys, so every constant is checked here, in every language.
 */
class ComputedKeysTest {

    @Test
    void everyConstantShownOnAPageHasItsText() throws IOException {
        List<String> keys = new ArrayList<>();
        for (Purpose p : Purpose.values()) {
            keys.add("purpose." + p.name() + ".title");
        }
        add(keys, "basis.", LegalBasis.values());
        add(keys, "decision.", Decision.values());
        add(keys, "mechanism.", Mechanism.values());
        add(keys, "origin.", Origin.values());
        add(keys, "correction.", CorrectionRequest.Status.values());
        add(keys, "adequacy.", dev.arca.privacy.Processor.Adequacy.values());
        add(keys, "processorStatus.", dev.arca.privacy.Processor.Status.values());
        add(keys, "staffRole.", dev.arca.platform.StaffRole.values());
        add(keys, "access.", dev.arca.privacy.Access.values());
        // The operator start page's links, titled by their page's key.
        keys.addAll(List.of("admin.users", "admin.storage", "admin.corrections", "admin.mail", "admin.newsletter",
                "admin.analytics", "admin.processors", "admin.disclosures", "admin.records", "admin.accessLog", "admin.roles"));
        add(keys, "disclosureKind.", dev.arca.privacy.Disclosures.Kind.values());
        add(keys, "disclosureDecision.", dev.arca.privacy.Disclosures.Decision.values());
        for (String suffix : List.of("", "_de")) {
            Properties bundle = bundle("messages", suffix);
            assertThat(keys.stream().filter(k -> !bundle.containsKey(k)).toList())
                    .as("keys missing from messages" + suffix).isEmpty();
        }
    }

    @Test
    void everyLibraryKeyMadeInCodeHasItsText() throws IOException {
        // The metadata panel's labels are chosen in ItemFacts; the grid's type names from the type.
        List<String> keys = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"(item\\.fact\\.\\w+)\"")
                .matcher(java.nio.file.Files.readString(java.nio.file.Path.of("src/main/java/dev/arca/library/ItemFacts.java")));
        while (m.find()) {
            keys.add(m.group(1));
        }
        assertThat(keys).hasSizeGreaterThan(10);
        for (String kind : List.of("image", "video", "audio", "other")) {
            keys.add("grid.kind." + kind);
        }
        for (String suffix : List.of("", "_de")) {
            Properties bundle = bundle("library", suffix);
            assertThat(keys.stream().filter(k -> !bundle.containsKey(k)).toList())
                    .as("keys missing from library" + suffix).isEmpty();
        }
    }

    private static void add(List<String> keys, String prefix, Enum<?>[] constants) {
        for (Enum<?> c : constants) {
            keys.add(prefix + c.name());
        }
    }

    private static Properties bundle(String name, String suffix) throws IOException {
        try (InputStream in = ComputedKeysTest.class.getResourceAsStream("/i18n/" + name + suffix + ".properties")) {
            assertThat(in).isNotNull();
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return p;
        }
    }
}
