package dev.arca.sync;

import java.text.Normalizer;

/**
 * The names of synced folders and files as the server keeps them: Unicode NFC, '/' between
 * segments, no empty, "." or ".." segment, no control character. Clients send names in any
 * normalisation; two names that differ only in it are the same file.
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
        segment(name, "folder");
        return name;
    }

    static String path(String path) {
        String name = normal(path, "path", MAX_PATH);
        for (String segment : name.split("/", -1)) {
            segment(segment, "path");
        }
        return name;
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
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                throw new InvalidPathException("The " + what + " contains a control character.");
            }
        }
        return name;
    }

    private static void segment(String segment, String what) {
        if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
            throw new InvalidPathException("The " + what + " has an empty, '.' or '..' segment.");
        }
    }
}
