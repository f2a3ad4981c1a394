package dev.arca.protocol.path;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a path names a place inside a folder, on every system a client runs on. A path is
 * {@value #ROOT} (the folder itself) or names joined by {@code /}; no name is empty, {@code .} or
 * {@code ..}, and none holds a backslash (a separator on Windows) or a control character (NUL
 * included). A path has at most {@value #MAX_PATH_BYTES} bytes in UTF-8 and a name at most
 * {@value #MAX_NAME_BYTES}, the limits of common file systems. Such a path cannot leave the
 * folder by itself; {@link #treeProblem} also refuses a tree in which a path passes through a
 * link or a file, so that nothing is written through a link the same tree makes.
 *
 * <p>Problems are told in a sentence that quotes the path shortened and with its control
 * characters escaped (see {@link #quote}), so a hostile path cannot flood or steer a terminal or
 * a log.
 */
public final class RelativePaths {

    /** The path of the folder itself. */
    public static final String ROOT = ".";

    public static final int MAX_PATH_BYTES = 4096;

    public static final int MAX_NAME_BYTES = 255;

    /** The most characters of a path a message quotes. */
    private static final int QUOTED = 80;

    /** What an entry of a tree is: only a folder may have entries below it. */
    public enum Kind { DIR, FILE, SYMLINK }

    /** One entry of a tree, for {@link #treeProblem}. */
    public record Entry(String path, Kind kind) {}

    private RelativePaths() {}

    /** Why {@code path} is not a path inside a folder; empty when it is one. */
    public static Optional<String> problem(String path) {
        if (path == null || path.isEmpty()) {
            return Optional.of("A path is missing.");
        }
        if (path.equals(ROOT)) {
            return Optional.empty();
        }
        if (path.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            return Optional.of("The path " + quote(path) + " is longer than " + MAX_PATH_BYTES + " bytes.");
        }
        if (path.startsWith("/")) {
            return Optional.of("The path " + quote(path) + " is absolute; a path is relative to its folder.");
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '\\') {
                return Optional.of("The path " + quote(path) + " holds a backslash.");
            }
            if (Character.isISOControl(c)) {
                return Optional.of("The path " + quote(path) + " holds a control character.");
            }
        }
        for (String name : path.split("/", -1)) {
            if (name.isEmpty() || name.equals(".") || name.equals("..")) {
                return Optional.of("The path " + quote(path) + " has an empty, '.' or '..' name.");
            }
            if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
                return Optional.of("The path " + quote(path) + " has a name longer than " + MAX_NAME_BYTES
                        + " bytes.");
            }
        }
        return Optional.empty();
    }

    /**
     * Why the entries do not make a tree that can be written under a folder; empty when they do.
     * Each path is valid ({@link #problem}) and appears once; {@value #ROOT}, when present, is a
     * folder; no path lies below a file or a link, whatever the order of the entries.
     */
    public static Optional<String> treeProblem(List<Entry> entries) {
        Map<String, Kind> kinds = new HashMap<>();
        for (Entry entry : entries) {
            Optional<String> problem = problem(entry.path());
            if (problem.isPresent()) {
                return problem;
            }
            if (kinds.put(entry.path(), entry.kind()) != null) {
                return Optional.of("The path " + quote(entry.path()) + " appears more than once.");
            }
        }
        if (kinds.getOrDefault(ROOT, Kind.DIR) != Kind.DIR) {
            return Optional.of("The entry " + ROOT + " is the folder itself and so a folder.");
        }
        for (Entry entry : entries) {
            String path = entry.path();
            for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
                Kind above = kinds.get(path.substring(0, slash));
                if (above == Kind.FILE || above == Kind.SYMLINK) {
                    return Optional.of("The path " + quote(path) + " lies below "
                            + (above == Kind.FILE ? "a file" : "a symbolic link") + ", "
                            + quote(path.substring(0, slash)) + ".");
                }
            }
        }
        return Optional.empty();
    }

    /**
     * {@code path} in double quotes for a message: control characters, backslashes and quotes
     * escaped, and cut after {@value #QUOTED} characters with "..." and the full length.
     */
    public static String quote(String path) {
        if (path == null) {
            return "null";
        }
        StringBuilder quoted = new StringBuilder("\"");
        int end = Math.min(path.length(), QUOTED);
        if (end < path.length() && Character.isHighSurrogate(path.charAt(end - 1))) {
            end--;
        }
        for (int i = 0; i < end; i++) {
            char c = path.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (Character.isISOControl(c)) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        quoted.append('"');
        if (path.length() > QUOTED) {
            quoted.append("... (").append(path.length()).append(" characters)");
        }
        return quoted.toString();
    }
}
