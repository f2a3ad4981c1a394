package dev.arca.client.command;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code arca key remove ID [--repo PATH]}: deletes a key slot; never the last. */
@Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a password from the repository.")
final class KeyRemoveCommand implements Callable<Integer> {

    @Mixin
    RepositoryOption repository;

    @Parameters(paramLabel = "ID", description = "The key's id, as arca key list shows it.")
    String id;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        return repository.runLocal(spec.commandLine().getErr(), "Removing the key failed: ", repo -> {
            repo.removeKey(id);
            out.printf("removed key %s%n", id);
            return ExitCodes.OK;
        });
    }
}
