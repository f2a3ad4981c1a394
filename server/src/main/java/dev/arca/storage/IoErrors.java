package dev.arca.storage;

import java.io.IOException;
import java.nio.file.FileSystemException;

/**
 * File system errors name the files involved, and blob file names contain keys, which name
 * accounts. These helpers keep the kind of error and its reason but drop the file names, so that
 * a logged stack trace holds no key.
 */
final class IoErrors {

    private IoErrors() {}

    /** The error itself when its message names no file, otherwise a copy without the names. */
    static IOException withoutPaths(IOException e) {
        if (!(e instanceof FileSystemException)) {
            return e;
        }
        IOException copy = new IOException(describe(e));
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }

    /** The kind of error and its reason, without file names. */
    static String describe(IOException e) {
        String reason = e instanceof FileSystemException fse ? fse.getReason() : e.getMessage();
        return e.getClass().getSimpleName() + (reason == null ? "" : ": " + reason);
    }
}
