package dev.arca.privacy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A version of the privacy policy as a release publishes it: one JSON file per version under
 * {@value #LOCATION} (format in docs/policy-versions.md), written once by the publishing step
 * of the build and never edited. The server adopts each at start-up ({@link PolicyVersions}).
 *
 * @param summary what changed, in one or two sentences written by whoever published it
 * @param changes what changed, line by line, computed from the previous version's snapshot
 * @param text the full text of this version, as readers see it, frozen at publication
 * @param snapshot the purposes and data map this version describes
 */
public record PolicyRelease(int version, String summary, List<String> changes, String text,
        PolicySnapshot snapshot) {

    /** Where a build's releases are, as a class-path directory. */
    public static final String LOCATION = "privacy/policy";

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    public PolicyRelease {
        if (version < 1) {
            throw new IllegalArgumentException("Policy versions start at 1");
        }
        Objects.requireNonNull(summary);
        Objects.requireNonNull(text);
        Objects.requireNonNull(snapshot);
        changes = List.copyOf(changes);
    }

    /** The first version of a policy. */
    public static PolicyRelease first(String summary, PolicySnapshot snapshot) {
        return new PolicyRelease(1, summary, List.of(), PolicyText.render(1, summary, List.of(), snapshot), snapshot);
    }

    /** The version after this one, describing {@code next}. */
    public PolicyRelease successor(String summary, PolicySnapshot next) {
        List<String> changed = next.changesFrom(snapshot);
        return new PolicyRelease(version + 1, summary, changed, PolicyText.render(version + 1, summary, changed, next),
                next);
    }

    /** The file name this version is published under. */
    public String fileName() {
        return String.format(Locale.ROOT, "%04d.json", version);
    }

    public byte[] toJson() {
        return JSON.writeValueAsBytes(this);
    }

    public static PolicyRelease fromJson(InputStream in) {
        return JSON.readValue(in, PolicyRelease.class);
    }

    /**
     * Every version this build publishes, oldest first.
     *
     * @throws IllegalStateException when there is none or the versions are not 1, 2, ... without gaps
     */
    public static List<PolicyRelease> bundled() {
        List<PolicyRelease> releases = new ArrayList<>();
        try {
            Resource[] files = new PathMatchingResourcePatternResolver(PolicyRelease.class.getClassLoader())
                    .getResources("classpath*:" + LOCATION + "/*.json");
            for (Resource file : files) {
                try (InputStream in = file.getInputStream()) {
                    releases.add(fromJson(in));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the published policy versions", e);
        }
        releases.sort(Comparator.comparingInt(PolicyRelease::version));
        for (int i = 0; i < releases.size(); i++) {
            if (releases.get(i).version() != i + 1) {
                throw new IllegalStateException("The published policy versions in " + LOCATION
                        + " must be 1, 2, 3, ... without gaps or repeats; found "
                        + releases.stream().map(PolicyRelease::version).toList());
            }
        }
        if (releases.isEmpty()) {
            throw new IllegalStateException("This build publishes no policy version in " + LOCATION);
        }
        return List.copyOf(releases);
    }
}
