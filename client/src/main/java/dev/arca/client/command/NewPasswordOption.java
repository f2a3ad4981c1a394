package dev.arca.client.command;

import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --new-password-file FILE}: where commands that set a repository password read it from. */
final class NewPasswordOption {

    @Option(names = "--new-password-file", paramLabel = "FILE",
            description = "Read the new password from FILE; else ARCA_NEW_PASSWORD, else a prompt (asked twice).")
    Path file;

    char[] read() throws IOException {
        return Passwords.fresh(file);
    }
}
