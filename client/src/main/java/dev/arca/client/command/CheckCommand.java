package dev.arca.client.command;

import dev.arca.client.backup.Maintenance;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code arca check [--repo PATH] [--read-data-subset N/T]}: reads every chunk of every snapshot
 * (or part N of T of them, the others only asked about) and verifies it. Exits with
 * {@value ExitCodes#DAMAGED} and names each affected file when something is missing or damaged.
 */
@Command(name = "check", mixinStandardHelpOptions = true, description = "Verify every chunk of every snapshot.")
final class CheckCommand implements Callable<Integer> {

    @Mixin
    RepositoryOption repository;

    @picocli.CommandLine.Option(names = "--read-data-subset", paramLabel = "N/T",
            description = "Read only part N of T of the chunks (the others are checked to be there); parts 1 to T "
                    + "in turn read everything.")
    String subset;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        Maintenance.Subset part;
        try {
            part = subset == null ? Maintenance.Subset.ALL : parse(subset);
        } catch (IllegalArgumentException e) {
            err.println("Check failed: --read-data-subset takes N/T, such as 2/7, with 1 <= N <= T <= 10000.");
            return ExitCodes.USAGE;
        }
        return repository.run(false, false, err, "Check failed: ", repo -> {
            Maintenance.CheckResult result = new Maintenance(repo).check(part);
            for (Maintenance.Problem problem : result.problems()) {
                err.printf("snapshot %s, %s: %s%n", problem.snapshot(), problem.path(), problem.detail());
            }
            out.printf("checked %d snapshots, %d chunks read%s: %s%n", result.snapshots(), result.chunks(),
                    part.equals(Maintenance.Subset.ALL) ? "" : " (part " + part.part() + " of " + part.of() + ")",
                    result.problems().isEmpty() ? "no problem found" : result.problems().size() + " problems");
            return result.problems().isEmpty() ? ExitCodes.OK : ExitCodes.DAMAGED;
        });
    }

    private static Maintenance.Subset parse(String value) {
        String[] parts = value.split("/", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException(value);
        }
        return new Maintenance.Subset(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
    }
}
