package dev.arca.sync;

import dev.arca.protocol.path.RelativePaths;
import java.text.Normalizer;

/**
 * The names of synced folders and files as the server keeps them: Unicode NFC, within the
 * {@link RelativePaths path rules} that every client checks before it writes a file ('/'
 * between names, no empty, "." or ".." name, no backslash or control character), and at most
 * {@value #MAX_PATH} characters. Clients send names in any normalisation; two names that differ
 * only in it are the same file.
 */
final class SyncPaths {

    static final int MAX_PATH = 1024;
    static final int MAX_FOLDER = 200;

    /** A name the server does not accept; the message says why. */
    static final class InvalidPathException extends RuntimeException {
        InvalidPathException(String message) {
            super(message, null, false, false);
        }
    }

    private SyncPaths() {}

    static String folder(String folder) {
        String name = normal(folder, "folder", MAX_FOLDER);
        if (name.contains("/")) {
            throw new InvalidPathException("A folder name has no '/'.");
        }
        return within(name);
    }

    static String path(String path) {
        return within(normal(path, "path", MAX_PATH));
    }

    /** The last segment: the name the file's library item carries. */
    static String basename(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String normal(String value, String what, int max) {
        if (value == null || value.isEmpty()) {
            throw new InvalidPathException("The " + what + " is missing.");
        }
        String name = Normalizer.normalize(value, Normalizer.Form.NFC);
        if (name.length() > max) {
            throw new InvalidPathException("The " + what + " is longer than " + max + " characters.");
        }
        return name;
    }

    /** The name unchanged when it keeps the path rules; "." (the folder itself) names no file. */
    private static String within(String name) {
        if (name.equals(RelativePaths.ROOT)) {
            throw new InvalidPathException("The path has an empty, '.' or '..' name.");
        }
        RelativePaths.problem(name).ifPresent(problem -> {
            throw new InvalidPathException(problem);
        });
        return name;
    }
}
