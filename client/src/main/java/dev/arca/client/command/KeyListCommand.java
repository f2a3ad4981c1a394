package dev.arca.client.command;

import dev.arca.client.backup.KeySlots;
import dev.arca.client.backup.BackupRepository;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code arca key list [--repo PATH]}: the key slots, one per password, by id and date. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the repository's keys.")
final class KeyListCommand implements Callable<Integer> {

    @Mixin
    RepositoryOption repository;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        return repository.runLocal(spec.commandLine().getErr(), "Listing keys failed: ", repo -> {
            for (KeySlots.Slot slot : repo.keys()) {
                out.printf("%s  %s%n", slot.id(), slot.created());
            }
            return ExitCodes.OK;
        });
    }
}
