package dev.arca.client.command;

import dev.arca.client.backup.Repository;
import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Where a repository's passwords come from, as restic's users expect: a file given by option (its
 * first line), else an environment variable ({@code ARCA_PASSWORD}, {@code ARCA_NEW_PASSWORD}),
 * else a prompt on the terminal (asked twice for a new password), else the next line of standard
 * input (the current password first, then a new one).
 */
final class Passwords {

    private Passwords() {}

    /** The password of the repository; {@code confirm} asks twice at a prompt (a new repository). */
    static char[] current(Path file, boolean confirm) throws IOException {
        return read(file, "ARCA_PASSWORD", "Repository password: ", confirm,
                "The repository needs a password: give it with --password-file, ARCA_PASSWORD or on standard input "
                        + "(or make the repository with --insecure-no-encryption).");
    }

    /** A new password for the repository, always confirmed at a prompt. */
    static char[] fresh(Path file) throws IOException {
        return read(file, "ARCA_NEW_PASSWORD", "New password: ", true,
                "A new password is needed: give it with --new-password-file, ARCA_NEW_PASSWORD or on standard input.");
    }

    private static char[] read(Path file, String env, String prompt, boolean confirm, String missing) throws IOException {
        if (file != null) {
            String line = Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("");
            return nonEmpty(line.toCharArray(), "The password file " + file + " is empty.");
        }
        String fromEnv = System.getenv(env);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv.toCharArray();
        }
        Console console = System.console();
        if (console != null && isTerminal(console)) {
            char[] password = nonEmpty(console.readPassword(prompt), missing);
            if (confirm && !Arrays.equals(password, console.readPassword("The same password again: "))) {
                throw new Repository.RepositoryException("The two passwords differ; nothing was changed.");
            }
            return password;
        }
        return nonEmpty(line(System.in), missing);
    }

    /** One line of standard input, read byte by byte so that the next line stays for the next password. */
    private static char[] line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                bytes.write(b);
            }
        }
        return new String(bytes.toByteArray(), StandardCharsets.UTF_8).toCharArray();
    }

    /** {@code Console.isTerminal()} where the JDK has it (22 on); before that, a console is a terminal. */
    private static boolean isTerminal(Console console) {
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    private static char[] nonEmpty(char[] password, String message) throws Repository.RepositoryException {
        if (password == null || password.length == 0) {
            throw new Repository.RepositoryException(message);
        }
        return password;
    }
}
