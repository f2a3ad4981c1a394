package dev.arca.client.sync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * What stays local: temporary files of common programs and of Arca itself, and the glob patterns
 * of the folder's {@code .arcaignore} (one per line, {@code #} starts a comment). A pattern with
 * no {@code /} matches a file or folder name at any depth; one with a {@code /} matches the path
 * from the synced folder's root; a trailing {@code /} makes it match folders only. The
 * {@code .arcaignore} file itself is not synced.
 */
final class Ignore {

    static final String FILE = ".arcaignore";
    /** Arca's own temporary files while a download is written. */
    static final String TEMP_PREFIX = ".arca-tmp-";

    private static final List<String> DEFAULTS = List.of(FILE, TEMP_PREFIX + "*", "*.tmp", "*.temp", "*.part",
            "*.partial", "*.crdownload", "*.swp", "*.swx", "*~", "~$*", ".~lock.*", ".DS_Store", "Thumbs.db",
            "desktop.ini", ".Trash-*", "$RECYCLE.BIN/");

    private record Rule(PathMatcher matcher, boolean wholePath, boolean foldersOnly) {}

    private final List<Rule> rules;

    private Ignore(List<Rule> rules) {
        this.rules = rules;
    }

    /** The defaults and the root's {@code .arcaignore}, when there is one. */
    static Ignore of(Path root) throws IOException {
        List<String> patterns = new ArrayList<>(DEFAULTS);
        Path file = root.resolve(FILE);
        if (Files.isRegularFile(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String pattern = line.strip();
                if (!pattern.isEmpty() && !pattern.startsWith("#")) {
                    patterns.add(pattern);
                }
            }
        }
        return of(patterns);
    }

    static Ignore of(List<String> patterns) {
        FileSystem fs = FileSystems.getDefault();
        List<Rule> rules = new ArrayList<>();
        for (String pattern : patterns) {
            boolean foldersOnly = pattern.endsWith("/");
            String p = foldersOnly ? pattern.substring(0, pattern.length() - 1) : pattern;
            boolean wholePath = p.contains("/");
            if (p.startsWith("/")) {
                p = p.substring(1);
            }
            if (!p.isEmpty()) {
                rules.add(new Rule(fs.getPathMatcher("glob:" + p), wholePath, foldersOnly));
            }
        }
        return new Ignore(rules);
    }

    /** Whether the file or folder at {@code path} (relative, '/'-separated) stays local. */
    boolean ignores(String path, boolean folder) {
        Path relative = Path.of(path);
        Path name = relative.getFileName();
        for (Rule rule : rules) {
            if (rule.foldersOnly() && !folder) {
                continue;
            }
            if (rule.matcher().matches(rule.wholePath() ? relative : name)) {
                return true;
            }
        }
        return false;
    }
}
