package dev.arca.client.command;

/** The exit codes every command uses; documented in the root command's help. */
final class ExitCodes {
    static final int OK = 0;
    static final int USAGE = 2;
    static final int AUTH = 3;
    static final int UNREACHABLE = 4;
    static final int THROTTLED = 5;
    static final int LOCAL = 6;
    static final int DAMAGED = 7;
    static final int REFUSED = 8;
    static final int HELD = 9;

    private ExitCodes() {}
}
