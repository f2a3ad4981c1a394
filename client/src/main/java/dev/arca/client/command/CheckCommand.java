package dev.arca.client.command;

import dev.arca.client.backup.Maintenance;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code arca check --repo PATH}: reads every chunk of every snapshot and verifies its hash.
 * Exits with {@value ExitCodes#DAMAGED} and names each affected file when something is missing
 * or damaged.
 */
@Command(name = "check", mixinStandardHelpOptions = true, description = "Verify every chunk of every snapshot.")
final class CheckCommand implements Callable<Integer> {

    @Mixin
    RepositoryOption repository;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        return repository.run(false, false, err, "Check failed: ", repo -> {
            Maintenance.CheckResult result = new Maintenance(repo).check();
            for (Maintenance.Problem problem : result.problems()) {
                err.printf("snapshot %s, %s: %s%n", problem.snapshot(), problem.path(), problem.detail());
            }
            out.printf("checked %d snapshots, %d chunks: %s%n", result.snapshots(), result.chunks(),
                    result.problems().isEmpty() ? "no problem found" : result.problems().size() + " problems");
            return result.problems().isEmpty() ? ExitCodes.OK : ExitCodes.DAMAGED;
        });
    }
}
