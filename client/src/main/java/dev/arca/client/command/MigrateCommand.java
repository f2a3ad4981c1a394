package dev.arca.client.command;

import dev.arca.client.backup.BackupRepository;
import dev.arca.client.backup.Maintenance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code arca migrate --repo OLD --to NEW}: copies every snapshot of a repository, with its chunks,
 * into a new encrypted (format 2) repository, verifying each chunk as it goes. The old repository
 * is left as it was; delete it once the new one checks clean.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Copy a repository into a new encrypted one (format 2), leaving the old one as it is.")
final class MigrateCommand implements Callable<Integer> {

    @Mixin
    RepositoryOption repository;

    @Option(names = "--to", required = true, paramLabel = "PATH", description = "Where the new encrypted repository goes.")
    Path target;

    @Mixin
    NewPasswordOption newPassword;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        if (Files.exists(target.resolve("config"))) {
            err.println("Migration failed: " + target + " holds a repository already; give a new folder.");
            return ExitCodes.USAGE;
        }
        return repository.runLocal(err, "Migration failed: ", old -> {
            try (BackupRepository fresh = BackupRepository.open(target, new BackupRepository.Options(true, true, false,
                    newPassword::read))) {
                Maintenance.Copied copied = new Maintenance(old).copyTo(fresh);
                out.printf("copied %d snapshots and %d chunks into the encrypted repository %s%n", copied.snapshots(),
                        copied.chunks(), target);
                return ExitCodes.OK;
            }
        });
    }
}
