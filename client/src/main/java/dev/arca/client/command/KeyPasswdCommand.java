package dev.arca.client.command;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code arca key passwd [--repo PATH]}: replaces the password given with a new one. */
@Command(name = "passwd", mixinStandardHelpOptions = true, description = "Change the password given to a new one.")
final class KeyPasswdCommand implements Callable<Integer> {

    @Mixin
    RepositoryOption repository;

    @Mixin
    NewPasswordOption newPassword;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        return repository.runLocal(spec.commandLine().getErr(), "Changing the password failed: ", repo -> {
            out.printf("changed the password: key %s replaces the old one%n",
                    repo.changePassword(newPassword.read()));
            return ExitCodes.OK;
        });
    }
}
