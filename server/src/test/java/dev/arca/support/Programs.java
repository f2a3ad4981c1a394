package dev.arca.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Programs some tests compare with or read through, found on the PATH. */
public final class Programs {

    private Programs() {}

    /** True when an executable of this name is on the PATH. */
    public static boolean onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return false;
    }
}
