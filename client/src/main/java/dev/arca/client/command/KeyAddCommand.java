package dev.arca.client.command;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code arca key add --repo PATH}: another password for the same repository. */
@Command(name = "add", mixinStandardHelpOptions = true, description = "Add a password to the repository.")
final class KeyAddCommand implements Callable<Integer> {

    @Mixin
    RepositoryOption repository;

    @Mixin
    NewPasswordOption newPassword;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        return repository.runLocal(spec.commandLine().getErr(), "Adding a key failed: ", repo -> {
            out.printf("added key %s%n", repo.addKey(newPassword.read()));
            return ExitCodes.OK;
        });
    }
}
