package dev.arca.client.command;

import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code arca key add [--repo PATH]}: another password for the same repository, or with
 * {@code --recovery} a random recovery key, printed once, to write down and keep apart from the
 * computer: it opens the repository as a password does.
 */
@Command(name = "add", mixinStandardHelpOptions = true, description = "Add a password or a recovery key to the repository.")
final class KeyAddCommand implements Callable<Integer> {

    /** Letters and digits that cannot be mistaken for one another when copied by hand (no I, L, O, U). */
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    @Mixin
    RepositoryOption repository;

    @Mixin
    NewPasswordOption newPassword;

    @Option(names = "--recovery", description = "Make a random recovery key instead of asking for a password, "
            + "and print it once.")
    boolean recovery;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        return repository.runLocal(spec.commandLine().getErr(), "Adding a key failed: ", repo -> {
            char[] secret = recovery ? recoveryKey() : newPassword.read();
            String id = repo.addKey(secret);
            if (recovery) {
                out.printf("recovery key %s%n", new String(secret));
                out.println("Write it down, as printed, and keep it apart from this computer: it opens the "
                        + "repository like a password, and it is not shown again.");
            }
            out.printf("added key %s%n", id);
            java.util.Arrays.fill(secret, '\0');
            return ExitCodes.OK;
        });
    }

    /** 160 random bits: 32 characters of {@link #ALPHABET} in eight groups of four. */
    private static char[] recoveryKey() {
        SecureRandom random = new SecureRandom();
        StringBuilder key = new StringBuilder(39);
        for (int i = 0; i < 32; i++) {
            if (i > 0 && i % 4 == 0) {
                key.append('-');
            }
            key.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        char[] chars = new char[key.length()];
        key.getChars(0, key.length(), chars, 0);
        return chars;
    }
}
