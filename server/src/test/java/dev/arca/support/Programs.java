package dev.arca.support;

/** Programs some tests compare with or read through, found on the PATH as the server finds its own. */
public final class Programs {

    private Programs() {}

    /** True when an executable of this name is on the PATH. */
    public static boolean onPath(String name) {
        return dev.arca.media.internal.Programs.onPath(name).isPresent();
    }
}
