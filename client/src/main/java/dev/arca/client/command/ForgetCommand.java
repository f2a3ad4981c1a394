package dev.arca.client.command;

import dev.arca.client.backup.Maintenance;
import dev.arca.client.backup.Retention;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code arca forget --keep-last N --keep-daily N ... --repo PATH}: deletes the snapshots no
 * rule keeps, then the chunks no remaining snapshot uses. Runs alone: a backup cannot start
 * meanwhile, so no chunk a new snapshot needs is deleted.
 */
@Command(name = "forget", mixinStandardHelpOptions = true,
        description = "Delete snapshots by a retention policy and free the space they alone used.")
final class ForgetCommand implements Callable<Integer> {

    @Option(names = "--keep-last", paramLabel = "N", description = "Keep the N newest snapshots.")
    int last;

    @Option(names = "--keep-daily", paramLabel = "N", description = "Keep the newest snapshot of each of the last N days that have one.")
    int daily;

    @Option(names = "--keep-weekly", paramLabel = "N", description = "The same for weeks.")
    int weekly;

    @Option(names = "--keep-monthly", paramLabel = "N", description = "The same for months.")
    int monthly;

    @Option(names = "--no-prune", description = "Only delete snapshots; leave their chunks.")
    boolean noPrune;

    @Mixin
    RepositoryOption repository;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        Retention policy;
        try {
            policy = new Retention(last, daily, weekly, monthly);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return ExitCodes.USAGE;
        }
        return repository.run(false, true, err, "Forget failed: ", repo -> {
            Maintenance.Forgotten result = new Maintenance(repo).forget(policy, ZoneId.systemDefault(), !noPrune);
            out.printf("kept %d snapshots, removed %d, deleted %d chunks%n", result.kept().size(),
                    result.removed().size(), result.chunksDeleted());
            return ExitCodes.OK;
        });
    }
}
